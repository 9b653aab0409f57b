// Hostile input: random bodies behind valid headers, every truncation of every public capture,
// random byte mutations. Nothing but NotACaptureError may escape, reading always ends, frames
// never outnumber input bytes / 16, and chunk boundaries never change the result.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { NotACaptureError } from '#shared/capture/errors.js';
import { createCaptureParser } from '#shared/capture/reader.js';
import type { CaptureInfo } from '#shared/capture/types.js';
import { concat, idb, pcapHeader, shb } from './builders.js';
import { FIXTURES, comparable, fixture, parse, parseCuts } from './collect.js';

const NUM_RUNS = { randomBody: 400, mutation: 300 } as const;
/** Files up to this size are cut at every length; larger ones at sampled lengths. */
const EVERY_LENGTH_UP_TO = 16 * 1024;
const SAMPLED_CUTS = 300;
const tried = { randomBody: 0, truncation: 0, mutation: 0 };

afterAll(() => {
  const total = tried.randomBody + tried.truncation + tried.mutation;
  console.log(
    `capture fuzz: ${total} inputs tried (random bodies ${tried.randomBody}, ` +
      `truncations ${tried.truncation}, mutations ${tried.mutation})`,
  );
});

const HEADERS: Record<string, Uint8Array> = {
  'pcap le µs': pcapHeader({ littleEndian: true, snaplen: 65535 }),
  'pcap be µs': pcapHeader({ littleEndian: false, snaplen: 0 }),
  'pcap le ns': pcapHeader({ littleEndian: true, nanoseconds: true, snaplen: 96 }),
  'pcap be ns': pcapHeader({ littleEndian: false, nanoseconds: true, snaplen: 262144 }),
  'pcapng le': concat(shb(true), idb(true, 1, { tsresol: 9 })),
  'pcapng be': concat(shb(false), idb(false, 101, { snaplen: 128, tsresol: 0x8a })),
};

/** Invariants every successful read must satisfy. */
function checkInfo(
  input: Uint8Array,
  info: CaptureInfo,
  frames: { number: number; timeNsec: number; data: Uint8Array }[],
): void {
  expect(info.frames).toBe(frames.length);
  expect(info.frames).toBeLessThanOrEqual(Math.floor(input.length / 16));
  expect(info.bytes).toBe(input.length);
  frames.forEach((f, i) => {
    expect(f.number).toBe(i + 1);
    expect(f.timeNsec).toBeGreaterThanOrEqual(0);
    expect(f.timeNsec).toBeLessThan(1e9);
  });
  for (const a of info.anomalies) expect(a.layer).toBe('capture');
}

describe('capture reader fuzzing', () => {
  it(`random bytes behind a valid pcap/pcapng header (${NUM_RUNS.randomBody} runs)`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(HEADERS)),
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.nat({ max: 3100 }), { maxLength: 6 }),
        (kind, body, cuts) => {
          tried.randomBody++;
          const input = concat(HEADERS[kind], body);
          const whole = parse(input); // a valid header: must not throw at all
          checkInfo(input, whole.info, whole.frames);
          expect(comparable(parseCuts(input, cuts))).toEqual(comparable(whole));
        },
      ),
      { numRuns: NUM_RUNS.randomBody },
    );
  });

  it('every truncation of every public capture keeps a prefix of its frames', { timeout: 30_000 }, () => {
    // Plain comparisons in the loop (tens of thousands of inputs); problems are collected and
    // asserted once, so a failure lists every bad cut.
    const problems: string[] = [];
    const record = (out: string[]) =>
      createCaptureParser((f) =>
        out.push(
          `${f.timeSec}.${f.timeNsec} ${f.originalLength} @${f.data.byteOffset}+${f.data.length} ${f.linkType}/${f.interfaceId}`,
        ),
      );
    const run = (bytes: Uint8Array, len: number, out: string[]): CaptureInfo | Error => {
      const parser = record(out);
      try {
        parser.push(bytes.subarray(0, len));
        return parser.end();
      } catch (e) {
        return e as Error;
      }
    };
    for (const name of FIXTURES) {
      const bytes = fixture(name);
      const full: string[] = [];
      run(bytes, bytes.length, full);
      let lengths = Array.from({ length: bytes.length + 1 }, (_, i) => i);
      if (bytes.length > EVERY_LENGTH_UP_TO) {
        const rnd = fc.sample(fc.nat({ max: bytes.length }), { numRuns: SAMPLED_CUTS, seed: bytes.length });
        lengths = [...new Set([0, 1, 3, 4, 23, 24, 25, ...rnd, ...lengths.slice(-64)])].sort((a, b) => a - b);
      }
      let previous = 0;
      for (const len of lengths) {
        tried.truncation++;
        const got: string[] = [];
        const info = run(bytes, len, got);
        const at = `${name} cut at ${len}`;
        if (info instanceof Error) {
          // Only a file too short to show its magic may be rejected.
          if (!(info instanceof NotACaptureError) || len >= 4) problems.push(`${at}: ${info.name} ${info.message}`);
          continue;
        }
        if (got.some((g, i) => g !== full[i])) problems.push(`${at}: frames are not a prefix of the full read`);
        if (got.length < previous) problems.push(`${at}: fewer frames than a shorter cut`);
        previous = got.length;
        const codes = info.anomalies.map((a) => a.code).filter((c) => c !== 'snaplen-cut');
        if (codes.some((c) => c !== 'truncated-record' && c !== 'truncated-file-header')) {
          problems.push(`${at}: unexpected anomalies ${codes.join(',')}`);
        }
        if (len === bytes.length && (got.length !== full.length || codes.length > 0)) {
          problems.push(`${at}: the whole file reads differently`);
        } else if (len < bytes.length && codes.length === 0) {
          // No anomaly is right only when the cut falls exactly on a block/record boundary:
          // then one more byte must reveal the truncation.
          const next = run(bytes, len + 1, []);
          if (next instanceof Error || !next.anomalies.some((a) => a.code.startsWith('truncated-'))) {
            problems.push(`${at}: no truncation anomaly at ${len} nor at ${len + 1}`);
          }
        }
        if (len < bytes.length && got.length === full.length && name.endsWith('.pcap') && codes.length === 0) {
          problems.push(`${at}: all frames read from a cut pcap without an anomaly`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it(`random byte mutations of the public captures (${NUM_RUNS.mutation} runs)`, { timeout: 30_000 }, () => {
    const files = FIXTURES.map(fixture);
    fc.assert(
      fc.property(
        fc.nat({ max: files.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat({ max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
        (index, mutations, cutFractions) => {
          tried.mutation++;
          const input = files[index].slice();
          for (const [where, value] of mutations) input[Math.floor(where * input.length)] = value;
          const cuts = cutFractions.map((c) => Math.floor(c * input.length));
          let whole;
          try {
            whole = parse(input);
          } catch (e) {
            expect(e).toBeInstanceOf(NotACaptureError);
            expect(() => parseCuts(input, cuts)).toThrow(NotACaptureError);
            return;
          }
          checkInfo(input, whole.info, whole.frames);
          expect(comparable(parseCuts(input, cuts))).toEqual(comparable(whole));
        },
      ),
      { numRuns: NUM_RUNS.mutation },
    );
  });
});
