import { describe, expect, it } from 'vitest';
import { decodeEsp } from '#shared/esp/esp.js';
import { decodeUdpEncap } from '#shared/esp/udp-encap.js';
import { type IpPayload, newIpPayload } from '#shared/net/ip-payload.js';
import { decodeTcp } from '#shared/net/tcp.js';
import { decodeUdp } from '#shared/net/udp.js';
import { tcpApplication, udpApplication } from '#shared/decode/ports.js';
import { bytes, emptyFrame, esp, tcp, udp } from './packets.js';

function payload(b: Uint8Array, declared = b.length): IpPayload {
  const p = newIpPayload();
  Object.assign(p, { ok: true, buf: b, start: 0, end: b.length, declaredLength: declared });
  return p;
}

describe('UDP', () => {
  it('reads ports and narrows to the payload', () => {
    const f = emptyFrame(0);
    const p = payload(bytes(udp(500, 4500, new Uint8Array(12)), new Uint8Array(3)), 23);
    expect(decodeUdp(f, p)).toBe(true);
    expect(f.udp).toEqual({ srcPort: 500, dstPort: 4500, length: 20 });
    expect(p).toMatchObject({ start: 8, end: 20, declaredLength: 12 });
  });

  it('a UDP length beyond the IP payload is flagged; the IP payload is still decoded (as tshark)', () => {
    const f = emptyFrame(0);
    const p = payload(udp(4500, 12336, new Uint8Array(4), 12336));
    expect(decodeUdp(f, p)).toBe(true);
    expect(f.udp!.length).toBe(12336);
    expect(p).toMatchObject({ start: 8, end: 12, declaredLength: 4 });
    expect(f.anomalies.map((a) => [a.layer, a.code])).toEqual([['udp', 'bad-length']]);
  });

  it('a first fragment decoded alone may carry the whole datagram UDP length without anomaly', () => {
    const f = emptyFrame(0);
    const p = payload(udp(4500, 8472, new Uint8Array(4), 362));
    p.fragmented = true;
    expect(decodeUdp(f, p)).toBe(true);
    expect(f.anomalies).toEqual([]);
  });

  it('length below 8 and a short header are anomalies', () => {
    const f = emptyFrame(0);
    expect(decodeUdp(f, payload(udp(1, 2, new Uint8Array(0), 4)))).toBe(false);
    expect(decodeUdp(f, payload(new Uint8Array(5)))).toBe(false);
    expect(f.anomalies.map((a) => a.code)).toEqual(['bad-length', 'truncated']);
  });
});

describe('TCP', () => {
  it('reads header fields and finds the payload', () => {
    const f = emptyFrame(0);
    const p = payload(tcp(49152, 443, 0xfffffff0, 0x18, new Uint8Array(30)));
    expect(decodeTcp(f, p)).toBe(true);
    expect(f.tcp).toEqual({ srcPort: 49152, dstPort: 443, seq: 0xfffffff0, ack: 0, flags: 0x18, payloadLength: 30 });
    expect(p).toMatchObject({ start: 20, declaredLength: 30 });
  });

  it('a data offset below 5 words is an anomaly', () => {
    const f = emptyFrame(0);
    const seg = tcp(1, 2, 0, 0x10, new Uint8Array(0));
    seg[12] = 0x40;
    expect(decodeTcp(f, payload(seg))).toBe(false);
    expect(f.anomalies[0].code).toBe('bad-header-length');
  });
});

describe('ESP and UDP encapsulation (RFC 3948)', () => {
  it('ESP over IP: SPI as 8 hex digits, sequence, data length', () => {
    const f = emptyFrame(0);
    decodeEsp(f, payload(esp(0x0000abcd, 4294967295, 40)), false);
    expect(f.esp).toEqual({ spi: '0000abcd', seq: 4294967295, dataLength: 40, udpEncapsulated: false });
    expect(f.protocols).toEqual(['esp']);
  });

  it('ESP cut after the SPI keeps the SPI (as tshark shows it) and flags the missing sequence', () => {
    const f = emptyFrame(0);
    decodeEsp(f, payload(new Uint8Array([0xc0, 0xf7, 0xd4, 0xc3])), false);
    expect(f.esp).toMatchObject({ spi: 'c0f7d4c3' });
    expect(f.esp!.seq).toBeUndefined();
    expect(f.anomalies[0]).toMatchObject({ layer: 'esp', code: 'truncated' });
    const g = emptyFrame(0);
    decodeEsp(g, payload(new Uint8Array([0xc0, 0xf7])), false);
    expect(g.esp).toBeUndefined();
  });

  it('one 0xFF byte is a NAT keep-alive', () => {
    const f = emptyFrame(0);
    expect(decodeUdpEncap(f, payload(new Uint8Array([0xff])))).toBe(false);
    expect(f.natKeepalive).toBe(true);
    expect(f.protocols).toEqual(['udpencap']);
    expect(f.esp).toBeUndefined();
  });

  it('four zero bytes are the non-ESP marker: ISAKMP follows', () => {
    const f = emptyFrame(0);
    const p = payload(bytes([0, 0, 0, 0], new Uint8Array(28).fill(1)));
    expect(decodeUdpEncap(f, p)).toBe(true);
    expect(f.nonEspMarker).toBe(true);
    expect(p).toMatchObject({ start: 4, declaredLength: 28 });
  });

  it('anything else is ESP in UDP', () => {
    const f = emptyFrame(0);
    expect(decodeUdpEncap(f, payload(esp(0xdeadbeef, 7)))).toBe(false);
    expect(f.protocols).toEqual(['udpencap', 'esp']);
    expect(f.esp).toEqual({ spi: 'deadbeef', seq: 7, dataLength: 16, udpEncapsulated: true });
  });
});

describe('port selection', () => {
  it('follows tshark: lower port first, 500 ISAKMP, 4500 udpencap, RADIUS incl. 1700, DNS', () => {
    expect(udpApplication(500, 500)).toBe('isakmp');
    expect(udpApplication(10500, 500)).toBe('isakmp');
    expect(udpApplication(4500, 51000)).toBe('udpencap');
    expect(udpApplication(4500, 8472)).toBe('udpencap');
    expect(udpApplication(42172, 1700)).toBe('radius');
    expect(udpApplication(3799, 60000)).toBe('radius');
    expect(udpApplication(53, 40000)).toBe('dns');
    expect(udpApplication(40000, 40001)).toBeUndefined();
    expect(tcpApplication(50000, 3268)).toBe('tls');
    expect(tcpApplication(636, 50000)).toBe('tls');
    expect(tcpApplication(50000, 80)).toBeUndefined();
  });
});
