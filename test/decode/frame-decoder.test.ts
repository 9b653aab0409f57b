// The frame decoder end to end on hand-built frames: dispatch by port, UDP-encapsulation,
// IP reassembly across frames, TLS over TCP, truncation handling.
import { describe, expect, it } from 'vitest';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import { bytes, esp, ether, ipv4, ipv6, rawFrame, tcp, tlsRecord, udp } from '../net/packets.js';

/** A bare IKEv1 main-mode header (no payloads). */
function isakmpHeader(ispi = 0x0102030405060708n, length = 28): Uint8Array {
  const b = new Uint8Array(28);
  new DataView(b.buffer).setBigUint64(0, ispi);
  b[17] = 0x10; // version 1.0
  b[18] = 2; // Identity Protection (main mode)
  new DataView(b.buffer).setUint32(24, length);
  return b;
}

const ACK = 0x10;

describe('frame decoder', () => {
  it('UDP 500: ISAKMP with tshark protocol names', () => {
    const d = createFrameDecoder();
    const f = d.decode(
      rawFrame(ether(0x0800, ipv4({ src: '203.0.113.5', dst: '198.51.100.1' }, udp(500, 500, isakmpHeader())))),
    );
    expect(f.protocols).toEqual(['eth', 'ethertype', 'ip', 'udp', 'isakmp']);
    expect(f.ip).toMatchObject({ src: '203.0.113.5', dst: '198.51.100.1', protocol: 17 });
    expect(f.isakmp![0]).toMatchObject({
      ispi: '0102030405060708',
      rspi: '0000000000000000',
      exchangeType: 2,
      version: '1.0',
    });
    expect(f.anomalies).toEqual([]);
  });

  it('UDP 4500: keep-alive, non-ESP marker + ISAKMP, ESP in UDP; IP protocol 50 over IPv6', () => {
    const d = createFrameDecoder();
    const ka = d.decode(rawFrame(ether(0x0800, ipv4({}, udp(4500, 4500, new Uint8Array([0xff]))))));
    expect(ka).toMatchObject({ natKeepalive: true, protocols: ['eth', 'ethertype', 'ip', 'udp', 'udpencap'] });
    const ike = d.decode(rawFrame(ether(0x0800, ipv4({}, udp(51000, 4500, bytes([0, 0, 0, 0], isakmpHeader()))))));
    expect(ike.nonEspMarker).toBe(true);
    expect(ike.protocols.slice(-2)).toEqual(['udpencap', 'isakmp']);
    expect(ike.isakmp![0].ispi).toBe('0102030405060708');
    const e = d.decode(rawFrame(ether(0x0800, ipv4({}, udp(4500, 4500, esp(0x11223344, 9, 32))))));
    expect(e.esp).toEqual({ spi: '11223344', seq: 9, dataLength: 32, udpEncapsulated: true });
    const e6 = d.decode(rawFrame(ether(0x86dd, ipv6(50, esp(0xaabbccdd, 1)))));
    expect(e6.protocols).toEqual(['eth', 'ethertype', 'ipv6', 'esp']);
    expect(e6.esp).toMatchObject({ spi: 'aabbccdd', udpEncapsulated: false });
  });

  it('an IKE message fragmented by IP is decoded once, on the completing frame; lone fragments are pending', () => {
    const d = createFrameDecoder();
    const dgram = udp(4500, 4500, bytes([0, 0, 0, 0], isakmpHeader(0xabcdefn, 1228), new Uint8Array(1200)));
    const a = d.decode(rawFrame(ether(0x0800, ipv4({ id: 0x1b1e, more: true }, dgram.subarray(0, 800))), 1, 3));
    expect(a.protocols).toEqual(['eth', 'ethertype', 'ip', 'data']);
    expect(a.ip!.fragment).toEqual({ id: 0x1b1e, offset: 0, more: true });
    expect(a.isakmp).toBeUndefined();
    const b = d.decode(rawFrame(ether(0x0800, ipv4({ id: 0x1b1e, offset: 800 }, dgram.subarray(800))), 1, 4));
    expect(b.protocols).toEqual(['eth', 'ethertype', 'ip', 'udp', 'udpencap', 'isakmp']);
    expect(b.ip!.reassembledFrom).toEqual([3, 4]);
    expect(b.udp!.length).toBe(dgram.length);
    expect(b.isakmp![0]).toMatchObject({ ispi: '0000000000abcdef', length: 1228 });
    expect(d.pendingFragments()).toEqual([]);
    d.decode(rawFrame(ether(0x0800, ipv4({ id: 0x1b1f, more: true, src: '192.0.2.9' }, dgram.subarray(0, 800))), 1, 5));
    expect(d.pendingFragments()).toEqual([
      {
        version: 4,
        src: '192.0.2.9',
        dst: '198.51.100.2',
        id: 0x1b1f,
        protocol: 17,
        frames: [5],
        bytes: 800,
        state: 'in-flight',
        firstTimeSec: 1_700_000_000,
        srcPort: 4500,
        dstPort: 4500,
      },
    ]);
  });

  it('TLS over TCP 3268: a record split over two segments is reported on the second', () => {
    const d = createFrameDecoder();
    const alert = tlsRecord(21, new Uint8Array([2, 48]));
    const hs = tlsRecord(22, new Uint8Array([2, 0, 0, 0]));
    const stream = bytes(hs, alert);
    const mk = (seq: number, payload: Uint8Array, n: number) =>
      rawFrame(
        ether(0x0800, ipv4({ proto: 6, src: '192.0.2.10', dst: '192.0.2.20' }, tcp(3268, 50123, seq, ACK, payload))),
        1,
        n,
      );
    const one = d.decode(mk(1000, stream.subarray(0, 11), 1));
    expect(one.tls!.map((r) => r.handshakeType)).toEqual([2]);
    expect(one.protocols.at(-1)).toBe('tls');
    const two = d.decode(mk(1011, stream.subarray(11), 2));
    expect(two.tls).toEqual([{ contentType: 21, version: 0x0303, length: 2, alert: { level: 2, description: 48 } }]);
    expect(two.tcp).toMatchObject({ srcPort: 3268, dstPort: 50123, seq: 1011, payloadLength: 5 });
  });

  it('RADIUS on 1812 and DNS on 53 reach their decoders', () => {
    const d = createFrameDecoder();
    const radius = bytes([2, 7, 0, 20], new Uint8Array(16));
    const r = d.decode(rawFrame(ether(0x0800, ipv4({}, udp(1812, 40000, radius)))));
    expect(r.protocols.at(-1)).toBe('radius');
    expect(r.radius).toMatchObject({ code: 2, identifier: 7, length: 20 });
    const query = bytes(
      [0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 6],
      new TextEncoder().encode('meraki'),
      [3],
      new TextEncoder().encode('com'),
      [0, 0, 1, 0, 1],
    );
    const q = d.decode(rawFrame(ether(0x0800, ipv4({}, udp(40000, 53, query)))));
    expect(q.dns).toMatchObject({
      id: 0x1234,
      response: false,
      questions: [{ name: 'meraki.com', type: 1, class: 1 }],
    });
  });

  it('ICMP port unreachable quoting UDP 500 (tshark: ip:icmp:ip:udp:data, ip.src of both headers)', () => {
    const d = createFrameDecoder();
    const quoted = ipv4(
      { src: '203.0.113.5', dst: '198.51.100.1', totalLength: 156 },
      udp(500, 500, new Uint8Array([0x11, 0x22, 0x33, 0x44]), 136),
    );
    const icmp = bytes([3, 3, 0, 0, 0, 0, 0, 0], quoted);
    const f = d.decode(rawFrame(ether(0x0800, ipv4({ proto: 1, src: '198.51.100.1', dst: '203.0.113.5' }, icmp))));
    expect(f.protocols).toEqual(['eth', 'ethertype', 'ip', 'icmp', 'ip', 'udp', 'data']);
    expect(f.icmp).toEqual({
      version: 4,
      type: 3,
      code: 3,
      quoted: { src: '203.0.113.5', dst: '198.51.100.1', protocol: 17, srcPort: 500, dstPort: 500 },
    });
    expect(f.udp).toBeUndefined();
    expect(f.anomalies).toEqual([]);
  });

  it('ICMPv6 packet too big quoting ESP, and an echo request without a quote', () => {
    const d = createFrameDecoder();
    const quoted = ipv6(50, esp(1, 1));
    const f = d.decode(rawFrame(ether(0x86dd, ipv6(58, bytes([2, 0, 0, 0, 0, 0, 5, 0x78], quoted)))));
    expect(f.protocols.slice(2)).toEqual(['ipv6', 'icmpv6', 'ipv6', 'esp']);
    expect(f.icmp).toMatchObject({ version: 6, type: 2, quoted: { src: '2001:db8::1', protocol: 50 } });
    const echo = d.decode(rawFrame(ether(0x0800, ipv4({ proto: 1 }, bytes([8, 0, 0, 0, 0, 1, 0, 1])))));
    expect(echo.icmp).toEqual({ version: 4, type: 8, code: 0 });
  });

  it('a truncated layer stops the decode there with an anomaly naming the layer', () => {
    const d = createFrameDecoder();
    const full = ether(0x0800, ipv4({}, udp(500, 500, isakmpHeader())));
    const cutIp = d.decode(rawFrame(full.subarray(0, 14 + 12)));
    expect(cutIp.protocols).toEqual(['eth', 'ethertype', 'ip']);
    expect(cutIp.anomalies.map((a) => [a.layer, a.code])).toEqual([['ip', 'truncated']]);
    const cutUdp = d.decode(rawFrame(full.subarray(0, 14 + 20 + 5)));
    expect(cutUdp.anomalies.map((a) => [a.layer, a.code])).toEqual([['ip', 'bad-total-length']]);
    // The same cut in a snapped record (original length kept) is not a lie, just short.
    const snapped = d.decode({ ...rawFrame(full.subarray(0, 14 + 20 + 5)), originalLength: full.length });
    expect(snapped.anomalies.map((a) => [a.layer, a.code])).toEqual([['udp', 'truncated']]);
    expect(snapped.udp).toBeUndefined();
  });

  it('the decoded frame keeps no view of the reader buffer (the reader reuses it)', () => {
    const d = createFrameDecoder();
    for (const data of [
      ether(0x0800, ipv4({}, udp(4500, 4500, esp(0x01020304, 1)))),
      ether(0x0800, ipv4({}, udp(500, 500, isakmpHeader()))),
      ether(0x0800, ipv4({}, udp(1812, 40000, bytes([2, 7, 0, 20], new Uint8Array(16).fill(9))))),
    ]) {
      const f = d.decode(rawFrame(data));
      const before = JSON.stringify(f);
      data.fill(0);
      expect(JSON.stringify(f)).toBe(before);
    }
  });

  it('tlsOnAnyPort: a port of no application is DTLS only as whole, sound records, and TLS only from a hello', () => {
    const d = createFrameDecoder({ tlsOnAnyPort: true });
    // A DTLS 1.2 application-data record (type 23, 0xfefd, epoch 1, seq 5) of 4 bytes.
    const record = bytes([23, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 5, 0, 4], [1, 2, 3, 4]);
    const sound = d.decode(rawFrame(ether(0x0800, ipv4({}, udp(40000, 8443, record)))));
    expect(sound.dtls?.map((r) => r.contentType)).toEqual([23]);
    // Random data whose first bytes happen to read as a record header (seen in the mixed bench):
    // not DTLS, and no anomaly about a protocol that was never there.
    const noise = d.decode(
      rawFrame(ether(0x0800, ipv4({}, udp(40000, 8443, bytes(record, [0xc6, 0x33, 0x64], new Uint8Array(12)))))),
    );
    expect(noise.dtls).toBeUndefined();
    expect(noise.protocols.at(-1)).toBe('data');
    expect(noise.anomalies).toEqual([]);
    // Without the option the same sound record on 8443 is data.
    expect(
      createFrameDecoder().decode(rawFrame(ether(0x0800, ipv4({}, udp(40000, 8443, record))))).dtls,
    ).toBeUndefined();
    // TCP on 8443: application data first is not followed; a ClientHello opens the flow.
    const mid = d.decode(
      rawFrame(ether(0x0800, ipv4({ proto: 6 }, tcp(40001, 8443, 1, ACK, tlsRecord(23, new Uint8Array(8)))))),
    );
    expect(mid.tls).toBeUndefined();
    // A ClientHello handshake header (type 1, length 36) and a body too short to be read in full.
    const hello = tlsRecord(22, bytes([1, 0, 0, 36], new Uint8Array(36)));
    const opened = d.decode(rawFrame(ether(0x0800, ipv4({ proto: 6 }, tcp(40002, 8443, 1, ACK, hello)))));
    expect(opened.tls?.map((r) => r.contentType)).toEqual([22]);
  });
});
