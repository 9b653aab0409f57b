// Hostile captures: every truncation and random byte mutations of the real AnyConnect captures go
// through the decoder and the AnyConnect analyzer without an exception, with bounded output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyConnectSessions } from '#shared/anyconnect/sessions.js';
import { TRACKER_LIMITS } from '#shared/anyconnect/tracker-limits.js';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import type { DecodedFrame } from '#shared/decode/types.js';
import { ANYCONNECT_CASES, SCENARIOS } from './fixtures.js';

async function sessionsOf(bytes: Uint8Array) {
  const decoder = createFrameDecoder();
  const frames: DecodedFrame[] = [];
  async function* source() {
    yield bytes;
  }
  try {
    await readCapture(source(), (raw) => frames.push(decoder.decode(raw)));
  } catch {
    // A capture header broken beyond reading is the reader's error, tested elsewhere.
  }
  return anyConnectSessions(frames);
}

describe('AnyConnect analysis on mutated captures', () => {
  it.each(ANYCONNECT_CASES)(
    '%s: mutations and truncations never throw',
    async (c) => {
      const original = new Uint8Array(readFileSync(join(SCENARIOS, c, 'capture.pcap')));
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 24, max: original.length }),
          fc.array(fc.tuple(fc.integer({ min: 24, max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), {
            maxLength: 12,
          }),
          async (cut, mutations) => {
            const bytes = original.slice(0, cut);
            for (const [at, v] of mutations) if (at < bytes.length) bytes[at] = v;
            for (const s of await sessionsOf(bytes)) {
              expect(s.timeline.length).toBeLessThanOrEqual(TRACKER_LIMITS.timeline);
              expect(s.findings.length).toBeGreaterThan(0);
              expect(s.findings[0].code).toBe(s.verdict);
            }
          },
        ),
        // 60 runs a capture missed a crash that 9,006 found (below); 400 cost about 0.2 s a capture.
        { numRuns: 400 },
      );
    },
    60_000,
  );

  // Found by the property above (seed -783129857): a mutated pcapng timestamp beyond any date made
  // the certificate's validity check throw (RangeError from Date.toISOString).
  it('a certificate seen at a timestamp beyond any date is not judged, and nothing throws', async () => {
    const original = new Uint8Array(readFileSync(join(SCENARIOS, 'anyconnect-cut-before-dtls', 'capture.pcap')));
    const bytes = original.slice(0, 3712);
    bytes[2875] = 120;
    const sessions = await sessionsOf(bytes);
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) expect(s.findings.map((f) => f.code)).not.toContain('ANYCONNECT_CERT_EXPIRED');
  });
});
