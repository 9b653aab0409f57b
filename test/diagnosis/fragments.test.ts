// An IKE message whose IP fragments never all arrive (a big IKE_AUTH with certificates losing
// its last fragment on the way) is reported on its session. Made from a real capture by leaving
// out the fragments that complete each datagram.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import { createAnalyzer } from '#shared/diagnosis/analyzer.js';

const FILE = join(__dirname, '../fixtures/public/zeek-spicy-ipsec__ipsec_client.pcap');

async function analyzeWithout(dropped: Set<number>) {
  const decoder = createFrameDecoder();
  const analyzer = createAnalyzer();
  const info = await readCapture(createReadStream(FILE), (raw) => {
    if (!dropped.has(raw.number)) analyzer.add(decoder.decode(raw));
  });
  return analyzer.finish(info, decoder.pendingFragments());
}

describe('IKE fragments that never complete', () => {
  it('are reported with their frames when the last fragment is lost', async () => {
    const r = await analyzeWithout(new Set([5, 8, 11]));
    const f = r.sessions[0].findings.find((x) => x.code === 'IKE_FRAGMENTS_INCOMPLETE');
    expect(f).toBeDefined();
    expect(f!.evidence.frames).toEqual([3, 4, 6, 7, 9, 10]);
    expect(f!.evidence.details?.sets).toBe(3);
  });

  it('are not reported when every datagram completes', async () => {
    const r = await analyzeWithout(new Set());
    expect(r.sessions[0].findings.map((x) => x.code)).not.toContain('IKE_FRAGMENTS_INCOMPLETE');
  });
});
