import { describe, expect, it } from 'vitest';
import { IpReassembler } from '#shared/net/ip-reassembly.js';
import { newIpPayload } from '#shared/net/ip-payload.js';
import { decodeIpv4 } from '#shared/net/ipv4.js';
import { decodeIpv6, skipAh } from '#shared/net/ipv6.js';
import { formatIpv6 } from '#shared/net/ip-address.js';
import { ah, bytes, emptyFrame, esp, ext6, frag6, ipv4, ipv6, ipv6Bytes, udp } from './packets.js';

function v4(data: Uint8Array, reasm = new IpReassembler(), length = data.length) {
  const f = emptyFrame(length);
  const p = newIpPayload();
  decodeIpv4(data, 0, f, reasm, p);
  return { f, p };
}

function v6(data: Uint8Array, reasm = new IpReassembler()) {
  const f = emptyFrame(data.length);
  const p = newIpPayload();
  decodeIpv6(data, 0, f, reasm, p);
  return { f, p };
}

describe('IPv6 address text', () => {
  it.each([
    ['2001:db8::1', '2001:db8::1'],
    ['2003:51:6012::4', '2003:51:6012::4'],
    ['3ffe::1', '3ffe::1'],
    ['::1', '::1'],
    ['::', '::'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not compressed
    ['2001:0:0:1::1', '2001:0:0:1::1'], // the longer run wins
    ['fe80::', 'fe80::'],
  ])('%s', (input, text) => {
    expect(formatIpv6(new Uint8Array(ipv6Bytes(input)), 0)).toBe(text);
  });
});

describe('IPv4', () => {
  it('reads addresses, protocol, TTL, identification and length, and trims Ethernet padding', () => {
    const pkt = bytes(
      ipv4({ src: '203.0.113.9', dst: '192.0.2.77', proto: 17, ttl: 3, id: 0xe40f }, udp(1, 2, new Uint8Array(10))),
      new Uint8Array(6),
    );
    const { f, p } = v4(pkt);
    expect(f.ip).toEqual({
      version: 4,
      src: '203.0.113.9',
      dst: '192.0.2.77',
      protocol: 17,
      ttl: 3,
      id: 0xe40f,
      length: 38,
    });
    expect(p).toMatchObject({ ok: true, start: 20, end: 38, declaredLength: 18, protocol: 17 });
  });

  it('stops with an anomaly when the total length exceeds the frame (not snapped)', () => {
    const { f, p } = v4(ipv4({ totalLength: 500 }, new Uint8Array(8)));
    expect(p.ok).toBe(false);
    expect(f.anomalies.map((a) => a.code)).toEqual(['bad-total-length']);
  });

  it('decodes a snapped frame: declared length kept, captured end shorter', () => {
    const full = ipv4({}, udp(4500, 4500, new Uint8Array(100)));
    const { f, p } = v4(full.subarray(0, 40), new IpReassembler(), full.length);
    expect(p).toMatchObject({ ok: true, start: 20, end: 40, declaredLength: 108 });
    expect(f.anomalies).toEqual([]);
  });

  it('truncated header and bad header length are anomalies', () => {
    expect(v4(new Uint8Array([0x45, 0, 0, 20])).f.anomalies[0]).toMatchObject({ layer: 'ip', code: 'truncated' });
    const bad = ipv4({}, new Uint8Array(8));
    bad[0] = 0x44;
    expect(v4(bad).f.anomalies[0].code).toBe('bad-header-length');
  });

  it('AH is skipped by its length to reach ESP', () => {
    const { f, p } = v4(ipv4({ proto: 51 }, ah(50, esp(0x48dac2e4, 1))));
    expect(p.protocol).toBe(51);
    expect(skipAh(f, p)).toBe(true);
    expect(p.protocol).toBe(50);
    expect(p.start).toBe(20 + 24);
    expect(f.protocols).toEqual(['ah']);
  });
});

describe('IPv6', () => {
  it('walks hop-by-hop, routing and destination options to UDP', () => {
    const pkt = ipv6(
      0,
      ext6(43, ext6(60, ext6(17, udp(500, 500, new Uint8Array(4))))),
      '2001:db8::50',
      '2001:db8::100',
    );
    const { f, p } = v6(pkt);
    expect(f.protocols).toEqual(['ipv6.hopopts', 'ipv6.routing', 'ipv6.dstopts']);
    expect(f.ip).toMatchObject({
      version: 6,
      src: '2001:db8::50',
      dst: '2001:db8::100',
      protocol: 17,
      length: 40 + 36,
    });
    expect(p).toMatchObject({ ok: true, protocol: 17, start: 64, declaredLength: 12 });
  });

  it('an atomic fragment header is passed through', () => {
    const { f, p } = v6(ipv6(44, frag6(17, 0, false, 9, udp(500, 500, new Uint8Array(4)))));
    expect(f.protocols).toEqual(['ipv6.fraghdr']);
    expect(f.ip!.fragment).toBeUndefined();
    expect(p).toMatchObject({ ok: true, protocol: 17, start: 48 });
  });

  it('AH then ESP', () => {
    const { f, p } = v6(ipv6(51, ah(50, esp(0xfb5128a6, 2))));
    expect(f.protocols).toEqual(['ah']);
    expect(p).toMatchObject({ ok: true, protocol: 50, start: 64 });
    expect(f.ip!.protocol).toBe(50);
  });

  it('truncated extension header and oversized payload length are anomalies', () => {
    const cut = ipv6(0, ext6(17, new Uint8Array(0))).subarray(0, 44);
    const a = v6(cut);
    expect(a.p.ok).toBe(false);
    // declared payload 8 > 4 captured, frame not snapped: the length is a lie
    expect(a.f.anomalies[0].code).toBe('bad-payload-length');
    const pkt = ipv6(0, bytes([17, 1, 0, 0, 0, 0, 0, 0]));
    const b = v6(pkt);
    expect(b.p.ok).toBe(false);
    expect(b.f.anomalies[0]).toMatchObject({ layer: 'ip', code: 'truncated' });
  });

  it('reassembles IPv6 fragments, out of order, on the last frame', () => {
    const payload = udp(
      500,
      500,
      Uint8Array.from({ length: 200 }, (_, i) => i),
    );
    const reasm = new IpReassembler();
    const second = v6(ipv6(44, frag6(17, 104, false, 0xabcdef01, payload.subarray(104))), reasm);
    expect(second.p.ok).toBe(false);
    expect(second.f.protocols).toEqual(['ipv6.fraghdr', 'data']);
    expect(second.f.ip!.fragment).toEqual({ id: 0xabcdef01, offset: 104, more: false });
    const f1 = emptyFrame(0, 2);
    const p = newIpPayload();
    decodeIpv6(ipv6(44, frag6(17, 0, true, 0xabcdef01, payload.subarray(0, 104))), 0, f1, reasm, p);
    expect(p.ok).toBe(true);
    expect(f1.ip!.reassembledFrom).toEqual([1, 2]);
    expect(f1.ip!.length).toBe(48 + payload.length);
    expect(Array.from(p.buf.subarray(p.start, p.end))).toEqual(Array.from(payload));
  });
});

describe('address text memo', () => {
  it('returns the same text as the formatter, also after slot collisions', async () => {
    const { ipv4Text, ipv6Text, formatIpv4 } = await import('#shared/net/ip-address.js');
    let seed = 1;
    const b = new Uint8Array(16);
    for (let i = 0; i < 20_000; i++) {
      for (let j = 0; j < 16; j++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        // Few distinct values so the memo both hits and collides.
        b[j] = j < 12 && i % 3 ? 0 : (seed >> 8) & 3;
      }
      expect(ipv4Text(b, 12)).toBe(formatIpv4(b, 12));
      expect(ipv6Text(b, 0)).toBe(formatIpv6(b, 0));
    }
  });
});
