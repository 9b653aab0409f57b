// Hostile input: every truncation of every frame of the public corpus, random byte mutations
// and random bytes under every link type. The decoder must never throw (its last-resort
// catch would show as an `internal-error` anomaly, which fails these tests) and never hang.
import { createReadStream, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawFrame } from '#shared/capture/types.js';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import type { DecodedFrame } from '#shared/decode/types.js';

const DIR = fileURLToPath(new URL('../fixtures/public/', import.meta.url));
const LAYERS = new Set(['capture', 'link', 'ip', 'udp', 'tcp', 'isakmp', 'esp', 'radius', 'dns', 'tls']);
const LINK_TYPES = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147];

const corpus: RawFrame[] = [];
let tried = 0;
const report: string[] = [];

beforeAll(async () => {
  for (const file of readdirSync(DIR)
    .filter((f) => /\.(pcap|pcapng|cap)$/.test(f))
    .sort()) {
    await readCapture(createReadStream(DIR + file), (raw) => corpus.push({ ...raw, data: raw.data.slice() }));
  }
});

/** Problems with one decoded frame; empty when it is well-formed. */
function problems(f: DecodedFrame, raw: RawFrame): string[] {
  const out: string[] = [];
  if (f.number !== raw.number) out.push('number');
  if (f.capturedLength !== raw.data.length) out.push('capturedLength');
  for (const a of f.anomalies) {
    if (a.code === 'internal-error') out.push(`internal-error: ${a.message}`);
    if (!LAYERS.has(a.layer)) out.push(`bad anomaly layer ${a.layer}`);
  }
  if (f.esp && !/^[0-9a-f]{8}$/.test(f.esp.spi)) out.push('esp.spi');
  return out;
}

function check(decode: (raw: RawFrame) => DecodedFrame, raw: RawFrame, bad: string[]): void {
  tried++;
  const f = decode(raw);
  const p = problems(f, raw);
  if (p.length && bad.length < 20) bad.push(`frame ${raw.number} len ${raw.data.length}: ${p.join(', ')}`);
}

describe('decoder robustness', () => {
  it('every truncation of every corpus frame, snapped and with a lying original length', () => {
    const bad: string[] = [];
    const before = tried;
    const snapped = createFrameDecoder();
    const lying = createFrameDecoder();
    for (const raw of corpus) {
      for (let n = 0; n < raw.data.length; n++) {
        const data = raw.data.subarray(0, n);
        check(snapped.decode, { ...raw, data }, bad);
        check(lying.decode, { ...raw, data, originalLength: n }, bad);
      }
    }
    report.push(`truncations: ${tried - before}`);
    expect(corpus.length).toBe(1897);
    expect(bad).toEqual([]);
  }, 120_000);

  it('random byte mutations of corpus frames', () => {
    const bad: string[] = [];
    const before = tried;
    const decoder = createFrameDecoder();
    fc.assert(
      fc.property(
        fc.nat({ max: corpus.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (i, edits) => {
          const raw = corpus[i];
          const data = raw.data.slice();
          for (const [at, v] of edits) if (data.length) data[at % data.length] = v;
          check(decoder.decode, { ...raw, data }, bad);
          return true;
        },
      ),
      { numRuns: 30_000, seed: 7 },
    );
    report.push(`mutations: ${tried - before}`);
    expect(bad).toEqual([]);
  }, 60_000);

  it('random bytes as frames of each link type', () => {
    const bad: string[] = [];
    const before = tried;
    for (const linkType of LINK_TYPES) {
      const decoder = createFrameDecoder();
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat({ max: 70_000 }), (data, extra) => {
          check(
            decoder.decode,
            { number: 1, timeSec: 0, timeNsec: 0, originalLength: data.length + extra, data, linkType, interfaceId: 0 },
            bad,
          );
          return true;
        }),
        { numRuns: 3000, seed: linkType },
      );
      // The same with a valid IPv4/IPv6 start so the upper layers see random bytes too.
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 20, maxLength: 200 }),
          fc.boolean(),
          fc.constantFrom(6, 17, 50, 51, 0, 44, 1, 58),
          (data, v6, proto) => {
            if (v6) {
              data[0] = 0x60;
              if (data.length > 6) data[6] = proto;
            } else {
              data[0] = 0x45;
              data[9] = proto === 0 || proto === 44 ? 17 : proto === 58 ? 1 : proto;
            }
            check(
              decoder.decode,
              {
                number: 2,
                timeSec: 0,
                timeNsec: 0,
                originalLength: data.length,
                data,
                linkType: v6 ? 229 : 228,
                interfaceId: 0,
              },
              bad,
            );
            return true;
          },
        ),
        { numRuns: 1000, seed: linkType + 1000 },
      );
    }
    report.push(`random frames: ${tried - before}`);
    console.log(`fuzz inputs tried: ${tried} (${report.join(', ')})`);
    expect(bad).toEqual([]);
  }, 60_000);
});
