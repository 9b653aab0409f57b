// Test helpers: run the real reader over bytes in chunks and keep copies of the frames.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCaptureParser } from '#shared/capture/reader.js';
import type { CaptureInfo, RawFrame } from '#shared/capture/types.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/public/', import.meta.url));

/** Every public capture file (pcap, pcapng and the one `.cap`). */
export const FIXTURES: string[] = readdirSync(FIXTURE_DIR)
  .filter((f) => /\.(pcap|pcapng|cap)$/.test(f))
  .sort();

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURE_DIR + name));
}

/** Frames with their data copied (the reader's views are only valid during the callback). */
export function parse(bytes: Uint8Array, chunkSize = bytes.length || 1): { frames: RawFrame[]; info: CaptureInfo } {
  const frames: RawFrame[] = [];
  const parser = createCaptureParser((f) => frames.push({ ...f, data: f.data.slice() }));
  for (let o = 0; o < bytes.length; o += chunkSize) parser.push(bytes.subarray(o, o + chunkSize));
  return { frames, info: parser.end() };
}

/** Feeds explicit chunk boundaries (cut positions) instead of a fixed size. */
export function parseCuts(bytes: Uint8Array, cuts: number[]): { frames: RawFrame[]; info: CaptureInfo } {
  const frames: RawFrame[] = [];
  const parser = createCaptureParser((f) => frames.push({ ...f, data: f.data.slice() }));
  let prev = 0;
  for (const c of [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    parser.push(bytes.subarray(prev, c));
    prev = c;
  }
  return { frames, info: parser.end() };
}

/** The same result with frame bytes as hex strings: deep-equal on large captures stays fast. */
export function comparable(r: { frames: RawFrame[]; info: CaptureInfo }) {
  return {
    frames: r.frames.map((f) => ({
      ...f,
      data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.length).toString('hex'),
    })),
    info: r.info,
  };
}
