// Cross-check against an independent implementation: the npm package pcap-parser (classic
// pcap only, microsecond magic only) must see exactly the same records on every classic pcap.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, FIXTURES, fixture, parse } from './collect.js';

interface PcapParserPacket {
  header: { timestampSeconds: number; timestampMicroseconds: number; capturedLength: number; originalLength: number };
  data: Buffer;
}
interface PcapParserEmitter {
  on(event: 'packet', cb: (p: PcapParserPacket) => void): this;
  on(event: 'end', cb: () => void): this;
  on(event: 'error', cb: (e: Error) => void): this;
}
const require = createRequire(import.meta.url);
const pcapParser = require('pcap-parser') as { parse(input: string | Readable): PcapParserEmitter };

/** What pcap-parser reports, one entry per packet; rejects if it emits an error. */
function theirs(
  input: string | Uint8Array,
): Promise<{ sec: number; usec: number; orig: number; cap: number; hex: string }[]> {
  return new Promise((resolve, reject) => {
    const out: { sec: number; usec: number; orig: number; cap: number; hex: string }[] = [];
    let failed: Error | undefined;
    pcapParser
      .parse(typeof input === 'string' ? input : Readable.from([Buffer.from(input)]))
      .on('packet', (p) =>
        out.push({
          sec: p.header.timestampSeconds,
          usec: p.header.timestampMicroseconds,
          orig: p.header.originalLength,
          cap: p.header.capturedLength,
          hex: p.data.toString('hex'),
        }),
      )
      .on('error', (e) => {
        failed = e;
      })
      .on('end', () => (failed ? reject(failed) : resolve(out)));
  });
}

// No public file needs skipping: the corpus has no nanosecond-magic pcap (pcap-parser only
// knows a1b2c3d4, see the last test) and no truncated record; the 4 .pcapng files are a format
// pcap-parser does not read at all.

const classic = FIXTURES.filter((name) => {
  const b = fixture(name);
  return (
    (b[0] === 0xd4 && b[1] === 0xc3 && b[2] === 0xb2 && b[3] === 0xa1) ||
    (b[0] === 0xa1 && b[1] === 0xb2 && b[2] === 0xc3 && b[3] === 0xd4)
  );
});

describe('cross-check with pcap-parser', () => {
  it('covers every classic pcap in the corpus (all but the 4 pcapng files)', () => {
    expect(classic).toHaveLength(36);
    expect(FIXTURES.filter((n) => !classic.includes(n)).every((n) => n.endsWith('.pcapng'))).toBe(true);
  });

  it.each(classic)('%s: same records as pcap-parser', async (name) => {
    const expected = await theirs(FIXTURE_DIR + name);
    const { frames } = parse(fixture(name));
    expect(expected.length).toBeGreaterThan(0);
    expect(
      frames.map((f) => ({
        sec: f.timeSec,
        usec: f.timeNsec / 1000,
        orig: f.originalLength,
        cap: f.data.length,
        hex: Buffer.from(f.data).toString('hex'),
      })),
    ).toEqual(expected);
  });

  it.each(classic)('%s cut inside its last record: both keep the same complete records', async (name) => {
    const bytes = fixture(name);
    const cut = bytes.subarray(0, bytes.length - 3);
    const expected = await theirs(cut);
    const { frames, info } = parse(cut);
    expect(frames.length).toBe(expected.length);
    expect(frames.length).toBe(parse(bytes).frames.length - 1);
    expect(frames.map((f) => Buffer.from(f.data).toString('hex'))).toEqual(expected.map((e) => e.hex));
    expect(info.anomalies.map((a) => a.code)).toContain('truncated-record');
  });

  it('pcap-parser rejects the nanosecond magic, which is why nanosecond files are not cross-checked', async () => {
    const ns = Uint8Array.from([
      0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0,
    ]);
    await expect(theirs(ns)).rejects.toThrow('unknown magic number: 4d3cb2a1');
    expect(parse(ns).info.format).toBe('pcap-nsec');
  });
});
