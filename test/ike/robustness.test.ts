// Hostile input: random bytes, every truncation and random mutations of the real ISAKMP
// messages of the public fixtures. The decoder must never throw and its output must stay
// bounded (limits of shared/ike/context.ts), whatever the input claims.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '#shared/ike/context.js';
import { decodeIsakmp } from '#shared/ike/decode.js';
import { summarizeIsakmp } from '#shared/ike/summarize.js';
import { FIXTURES } from './oracle.js';
import { isakmpDatagrams } from './udp-payloads.js';

let tried = 0;

/** Throws (fails the test) with the input in hex when an invariant does not hold. */
function must(ok: boolean, what: string, data: Uint8Array): void {
  if (!ok) throw new Error(`${what} for input ${Buffer.from(data).toString('hex')}`);
}

/** Decodes one input and checks the invariants (plain checks: this runs ~50 000 times). */
function check(data: Uint8Array): void {
  tried++;
  const r = decodeIsakmp(data, 42);
  must(r.messages.length <= LIMITS.messages, 'too many messages', data);
  must(r.anomalies.length <= (LIMITS.messages + 1) * LIMITS.anomalies + 2, 'too many anomalies', data);
  for (const a of r.anomalies) {
    must(a.layer === 'isakmp' && a.frame === 42 && !/[\u0000-\u001f]/.test(a.message), 'bad anomaly', data);
  }
  let size = 0;
  for (const m of r.messages) {
    must(m.payloads.length <= LIMITS.payloads, 'too many payloads', data);
    must(/^[0-9a-f]{16}$/.test(m.ispi) && /^[0-9a-f]{8}$/.test(m.messageId), 'bad header fields', data);
    summarizeIsakmp(m);
    size += JSON.stringify(m.payloads).length;
  }
  // Output stays proportional to the input (hex doubles it; names and structure add a bounded amount).
  must(size < 4096 + data.length * 40, `output of ${size} chars`, data);
}

const corpus: Uint8Array[] = readdirSync(FIXTURES)
  .filter((f) => /\.(pcap|pcapng|cap)$/.test(f))
  .flatMap((f) => isakmpDatagrams(FIXTURES + f).map((g) => g.data))
  // One of each distinct size keeps the suite fast while covering every kind of message.
  .filter((d, i, all) => all.findIndex((x) => x.length === d.length) === i);

describe('decodeIsakmp on hostile input', () => {
  afterAll(() => console.log(`robustness: ${tried} inputs decoded without exception (${corpus.length} seed messages)`));

  it('random bytes, with and without a plausible header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (d) => check(d)),
      { numRuns: 3000 },
    );
    // Random bodies behind a header whose length matches: the payload walk gets exercised.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 28, maxLength: 600 }), fc.constantFrom(0x10, 0x20, 0x2c, 0xbe), (d, v) => {
        const m = d.slice();
        m[17] = v;
        m[19] &= 0xfe;
        new DataView(m.buffer).setUint32(24, m.length);
        check(m);
      }),
      { numRuns: 3000 },
    );
  }, 30_000);

  it('every truncation of every distinct real message', () => {
    expect(corpus.length).toBeGreaterThan(50);
    for (const d of corpus) for (let n = 0; n <= d.length; n++) check(d.subarray(0, n));
  }, 30_000);

  it('random byte mutations of real messages', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpus),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
        (msg, edits) => {
          const m = msg.slice();
          for (const [at, v] of edits) m[at % m.length] = v;
          check(m);
        },
      ),
      { numRuns: 5000 },
    );
  }, 30_000);
});
