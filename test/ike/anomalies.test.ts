// Malformed headers and payload chains: each becomes an anomaly (layer isakmp, on the frame),
// and everything decoded before the fault is kept.
import { describe, expect, it } from 'vitest';
import { decodeIsakmp } from '#shared/ike/decode.js';
import { bytes, h, message } from './build.js';

const codes = (r: ReturnType<typeof decodeIsakmp>): string[] => r.anomalies.map((a) => a.code);

describe('ISAKMP anomalies', () => {
  it('a datagram shorter than the header: no message', () => {
    const r = decodeIsakmp(message({}, []).subarray(0, 27), 4);
    expect(r.messages).toEqual([]);
    expect(r.anomalies).toEqual([
      {
        layer: 'isakmp',
        code: 'truncated-header',
        message: 'ISAKMP header needs 28 bytes, the datagram has 27.',
        frame: 4,
      },
    ]);
  });

  it('length 0 or below 28: no message (tshark shows no isakmp fields either)', () => {
    for (const length of [0, 27]) {
      const r = decodeIsakmp(message({ length }, [{ type: 13, body: 'aa' }]), 1);
      expect(r.messages).toEqual([]);
      expect(codes(r)).toEqual(['bad-length']);
    }
  });

  it('length beyond the captured bytes: header kept, payloads walked as far as captured', () => {
    const full = message({}, [
      { type: 13, body: '4a131c81070358455c5728f20e95452f' },
      { type: 13, body: 'bb'.repeat(40) },
    ]);
    const r = decodeIsakmp(full.subarray(0, 28 + 20 + 10), 1);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0].length).toBe(full.length);
    expect(r.messages[0].payloads[0]).toMatchObject({
      type: 'vendor-id',
      name: 'RFC 3947 Negotiation of NAT-Traversal in the IKE',
    });
    expect(codes(r)).toEqual(['message-length-mismatch', 'payload-overrun']);
    expect(r.messages[0].anomalies.map((a) => a.code)).toEqual(codes(r));
  });

  it('a payload overrunning its message: earlier payloads kept', () => {
    const first = message({}, [{ type: 13, body: 'aa'.repeat(16), next: 13 }]);
    // A second VID whose length field claims 256 bytes where 12 are left; header length fixed up.
    const bad = new Uint8Array([...first, ...bytes(h('00', '00', '0100', 'cc'.repeat(8)))]);
    bad[27] = bad.length;
    const r = decodeIsakmp(bad, 9);
    expect(r.messages[0].payloads.map((p) => [p.type, p.payloadType])).toEqual([
      ['vendor-id', 13],
      ['other', 13],
    ]);
    expect(codes(r)).toEqual(['payload-overrun']);
  });

  it('a payload length below 4 is stepped over like Wireshark does, so the walk always progresses', () => {
    const r = decodeIsakmp(
      message({}, [{ type: 13, body: 'aa'.repeat(4) }]).map((b, i) => (i === 31 ? 2 : b)),
      1,
    );
    expect(codes(r)).toContain('payload-too-short');
    expect(r.messages[0].payloads[0]).toEqual({
      type: 'other',
      payloadType: 13,
      dataLength: 0,
      nextPayload: 0,
      length: 2,
    });
    // 4 bytes of "aa" remain after the stepped-over header, with next payload NONE: extra data.
    expect(codes(r)).toContain('extra-data');
  });

  it('next payload NONE with bytes left, and a chain announcing more than the message holds', () => {
    const extra = message({ length: 28 + 8 + 6 }, [{ type: 10, body: 'aa'.repeat(4) }]);
    const withTail = new Uint8Array(extra.length + 6);
    withTail.set(extra);
    expect(codes(decodeIsakmp(withTail, 1))).toEqual(['extra-data']);
    const early = message({}, [{ type: 10, body: 'aa'.repeat(4), next: 13 }]);
    expect(codes(decodeIsakmp(early, 1))).toEqual(['payload-chain-truncated']);
  });

  it('bad proposals and transforms stay inside their SA payload', () => {
    const sa = h('00000001', '00000001', '00', '00', '0100', '01', '01', '00', '01'); // proposal claims 256 bytes
    const r = decodeIsakmp(
      message({}, [
        { type: 1, body: sa },
        { type: 13, body: 'aa' },
      ]),
      1,
    );
    expect(codes(r)).toEqual(['proposal-bad-length']);
    expect(r.messages[0].payloads.map((p) => p.type)).toEqual(['sa', 'vendor-id']);
    const sa2 = h('00000001', '00000001', '00', '00', '0008', '01', '01', '00', '05'); // 5 transforms announced, none present
    expect(codes(decodeIsakmp(message({}, [{ type: 1, body: sa2 }]), 1))).toEqual(['transform-truncated']);
  });

  it('several messages of one IKE SA back to back are all decoded; leftovers are flagged', () => {
    const a = message({ exchange: 5, messageId: '00000001' }, [{ type: 11, body: h('00000001', '01', '00', '8d28') }]);
    const b = message({ exchange: 5, messageId: '00000002' }, [{ type: 11, body: h('00000001', '01', '00', '8d29') }]);
    const both = new Uint8Array([...a, ...b]);
    const r = decodeIsakmp(both, 2);
    expect(r.messages.map((m) => m.messageId)).toEqual(['00000001', '00000002']);
    expect(r.anomalies).toEqual([]);
    const other = message({ ispi: 'ffffffffffffffff' }, [{ type: 13, body: 'aa' }]);
    const mixed = decodeIsakmp(new Uint8Array([...a, ...other, 1, 2]), 2);
    expect(mixed.messages).toHaveLength(1);
    expect(codes(mixed)).toEqual(['trailing-data']);
  });

  it('every anomaly message is plain text without raw bytes', () => {
    const hostile = message({}, [
      { type: 5, body: h('02', '00', '0000', Buffer.from('\u001b]0;pwn\u0007').toString('hex')), next: 13 },
    ]);
    const r = decodeIsakmp(hostile, 1);
    for (const a of r.anomalies) expect(a.message).not.toMatch(/[\u0000-\u001f]/);
    expect(r.messages[0].payloads[0]).toMatchObject({ value: '\\x1b]0;pwn\\x07' });
  });
});
