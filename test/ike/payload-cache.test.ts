// Payloads that repeat byte for byte are decoded once per capture (shared/ike/payload-cache.ts):
// a hit must be exactly what decoding returns, and nothing that carries an anomaly (which names
// its frame) may be reused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeIsakmp } from '#shared/ike/decode.js';
import { createPayloadCache } from '#shared/ike/payload-cache.js';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import type { DecodedFrame } from '#shared/decode/types.js';
import { h, message } from './build.js';

const SA = h(
  '00000001', // DOI: IPsec
  '00000001', // situation: SIT_IDENTITY_ONLY
  '00000020', // proposal: next payload NONE, reserved, length 32
  '01010001', // proposal #1, protocol ISAKMP, SPI size 0, 1 transform
  '00000018', // transform: next payload NONE, reserved, length 24
  '01010000', // transform #1, KEY_IKE, reserved
  '80010005 80020002 80030001 80040002', // TV: 3DES-CBC, SHA, pre-shared key, MODP 1024
);
const VID = h('4a131c81070358455c5728f20e95452f'); // RFC 3947 NAT-T
const bySaType = (payloads: { type: string }[]) => payloads.find((p) => p.type === 'sa');

async function frames(path: string, withCache: boolean): Promise<DecodedFrame[]> {
  const decoder = createFrameDecoder({ payloadCache: withCache });
  const out: DecodedFrame[] = [];
  await readCapture(
    (async function* () {
      yield new Uint8Array(readFileSync(path));
    })(),
    (raw) => out.push(decoder.decode(raw)),
  );
  return out;
}

describe('payload cache', () => {
  it('returns the very payload decoded for the same bytes, equal to a fresh decode', () => {
    const cache = createPayloadCache();
    const m1 = message({ ispi: '1111111111111111' }, [
      { type: 1, body: SA },
      { type: 13, body: VID },
    ]);
    const m2 = message({ ispi: '2222222222222222' }, [
      { type: 1, body: SA },
      { type: 13, body: VID },
    ]);
    const a = decodeIsakmp(m1, 1, cache).messages[0];
    const b = decodeIsakmp(m2, 2, cache).messages[0];
    expect(b.ispi).toBe('2222222222222222');
    expect(bySaType(b.payloads)).toBe(bySaType(a.payloads));
    expect(b.payloads[1]).toBe(a.payloads[1]);
    expect(b.payloads).toEqual(decodeIsakmp(m2, 2).messages[0].payloads);
  });

  it('tells apart payloads whose bytes differ, and the same bytes under another IKE version', () => {
    const cache = createPayloadCache();
    const other = SA.replace('80010005', '80010007'); // AES instead of 3DES
    const a = decodeIsakmp(message({}, [{ type: 1, body: SA }]), 1, cache).messages[0];
    const b = decodeIsakmp(message({}, [{ type: 1, body: other }]), 2, cache).messages[0];
    expect(b.payloads[0]).not.toBe(a.payloads[0]);
    expect(b.payloads[0]).toEqual(decodeIsakmp(message({}, [{ type: 1, body: other }]), 2).messages[0].payloads[0]);
    const v2 = decodeIsakmp(message({ version: 0x20 }, [{ type: 13, body: VID }]), 3, cache).messages[0];
    const v1 = decodeIsakmp(message({}, [{ type: 13, body: VID }]), 4, cache).messages[0];
    expect(v1.payloads[0]).not.toBe(v2.payloads[0]);
  });

  it('never reuses a payload that decoded with an anomaly: each frame gets its own', () => {
    const cache = createPayloadCache();
    // The proposal announces 2 transforms and holds 1.
    const bad = SA.replace('01010001', '01010002');
    const first = decodeIsakmp(message({}, [{ type: 1, body: bad }]), 7, cache);
    const again = decodeIsakmp(message({}, [{ type: 1, body: bad }]), 8, cache);
    expect(first.anomalies.map((a) => a.frame)).toEqual([7]);
    expect(again.anomalies.map((a) => [a.code, a.frame])).toEqual([['transform-truncated', 8]]);
    expect(again.messages[0].payloads[0]).not.toBe(first.messages[0].payloads[0]);
  });

  it('a real capture decodes to the same frames with and without it, sharing the repeated payloads', async () => {
    // strongSwan sending main mode 1 again and again to an MX that does not answer.
    const path = 'test/fixtures/scenarios/mx-no-answer/capture.pcap';
    const [cached, plain] = await Promise.all([frames(path, true), frames(path, false)]);
    expect(cached.length).toBeGreaterThan(5);
    expect(JSON.parse(JSON.stringify(cached))).toEqual(JSON.parse(JSON.stringify(plain)));
    const sa = (fs: DecodedFrame[]) =>
      fs.flatMap((f) => (f.isakmp ?? []).flatMap((m) => m.payloads.filter((p) => p.type === 'sa')));
    expect(new Set(sa(cached)).size).toBe(1);
    expect(new Set(sa(plain)).size).toBe(sa(plain).length);
    expect(sa(plain).length).toBeGreaterThan(3);
  });
});
