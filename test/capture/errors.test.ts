import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NotACaptureError } from '#shared/capture/errors.js';
import { createCaptureParser, readCapture } from '#shared/capture/reader.js';
import { pcapFile } from './builders.js';

const text = (s: string) => new TextEncoder().encode(s);

function rejectionOf(bytes: Uint8Array, chunk = bytes.length || 1): unknown {
  const parser = createCaptureParser(() => {
    throw new Error('no frame expected');
  });
  try {
    for (let o = 0; o < bytes.length; o += chunk) parser.push(bytes.subarray(o, o + chunk));
    parser.end();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('NotACaptureError', () => {
  it('says what an HTML page looks like', () => {
    const e = rejectionOf(text('<html><head><title>Meraki'));
    expect(e).toBeInstanceOf(NotACaptureError);
    expect((e as Error).name).toBe('NotACaptureError');
    expect((e as Error).message).toBe(
      'not a pcap or pcapng capture: first bytes 3c 68 74 6d 6c 3e 3c 68 65 61 64 3e 3c 74 69 74 … (looks like HTML)',
    );
  });

  // What people upload instead of the capture: the capture gzipped (by zlib, RFC 1952), a zip
  // (PKZIP local file header, APPNOTE 4.3.7), Wireshark's CSV and JSON exports, other binary.
  const capture = readFileSync(new URL('../fixtures/public/tcpdump__isakmp4500.pcap', import.meta.url));
  it.each([
    ['gzip', gzipSync(capture), 'first bytes 1f 8b 08 00 00 00 00 00 00 03'],
    ['zip', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'first bytes 50 4b 03 04 14 00 (looks like zip)'],
    ['text', text('"No.","Time","Source","Destination","Protocol","Length","Info"\n'), '(looks like text)'],
    ['JSON', text('[\n  {\n    "_index": "packets-2026-11-27",'), '(looks like JSON)'],
    ['binary', Uint8Array.from([0x00, 0x01, 0x02, 0xff, 0xfe]), 'first bytes 00 01 02 ff fe'],
  ])('recognises %s', (_name, bytes, expected) => {
    const e = rejectionOf(bytes);
    expect(e).toBeInstanceOf(NotACaptureError);
    expect((e as Error).message).toContain(expected);
    if (_name === 'gzip') expect((e as Error).message).toMatch(/… \(looks like gzip\)$/);
    if (_name === 'binary') expect((e as Error).message).not.toContain('looks like');
  });

  it('throws "empty file" for no bytes', () => {
    expect(rejectionOf(new Uint8Array(0))).toEqual(new NotACaptureError('empty file'));
    expect((rejectionOf(new Uint8Array(0)) as Error).message).toBe('empty file');
  });

  it('throws for input shorter than any magic, even fed byte by byte', () => {
    const e = rejectionOf(Uint8Array.from([0xd4, 0xc3, 0xb2]), 1);
    expect(e).toBeInstanceOf(NotACaptureError);
    expect((e as Error).message).toContain('only 3 byte(s)');
  });

  it('throws from push once 16 bytes are known (before any frame), or from end() if fewer', () => {
    const parser = createCaptureParser(() => undefined);
    parser.push(text('GE'));
    parser.push(text('T / HTTP/1.'));
    expect(() => parser.push(text('1\r\nHost'))).toThrow(
      'not a pcap or pcapng capture: first bytes 47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a … (looks like text)',
    );
    const short = createCaptureParser(() => undefined);
    short.push(text('hello'));
    expect(() => short.end()).toThrow('not a pcap or pcapng capture: first bytes 68 65 6c 6c 6f (looks like text)');
  });

  it('readCapture rejects a non-capture and reads a capture from an async source', async () => {
    async function* chunks(bytes: Uint8Array, size: number) {
      for (let o = 0; o < bytes.length; o += size) yield bytes.subarray(o, o + size);
    }
    await expect(readCapture(chunks(text('<!DOCTYPE html><p>'), 5), () => undefined)).rejects.toThrow(
      /looks like HTML/,
    );
    const seen: number[] = [];
    const info = await readCapture(
      chunks(
        pcapFile({}, [
          { sec: 1, sub: 0, data: [1] },
          { sec: 2, sub: 0, data: [2, 3] },
        ]),
        5,
      ),
      (f) => seen.push(f.data.length),
    );
    expect(seen).toEqual([1, 2]);
    expect(info.frames).toBe(2);
  });
});
