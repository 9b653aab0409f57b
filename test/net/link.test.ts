import { describe, expect, it } from 'vitest';
import { decodeLink, type LinkResult } from '#shared/net/link.js';
import { SLL2_HEADER, SLL_HEADER, bytes, emptyFrame, ether, ipv4, ipv6, udp } from './packets.js';

function run(data: Uint8Array, linkType: number) {
  const f = emptyFrame(data.length, 1, linkType);
  const out: LinkResult = { offset: -1, network: 0 };
  decodeLink(data, linkType, f, out);
  return { f, out };
}

const ip4 = ipv4({}, udp(500, 500, new Uint8Array(4)));
const ip6 = ipv6(17, udp(500, 500, new Uint8Array(4)));

describe('Ethernet II and VLAN tags', () => {
  it('finds IPv4 after a plain Ethernet header', () => {
    const { f, out } = run(ether(0x0800, ip4), 1);
    expect(out).toEqual({ offset: 14, network: 4 });
    expect(f.protocols).toEqual(['eth', 'ethertype', 'ip']);
    expect(f.vlanIds).toBeUndefined();
  });

  it('follows a stacked 802.1ad S-tag and 802.1Q C-tag, outer first, with tshark names', () => {
    const { f, out } = run(
      ether(0x86dd, ip6, [
        [0x88a8, 100],
        [0x8100, 0x2000 | 200],
      ]),
      1,
    );
    expect(out).toEqual({ offset: 22, network: 6 });
    expect(f.vlanIds).toEqual([100, 200]); // priority bits are not part of the VID
    expect(f.protocols).toEqual(['eth', 'ethertype', 'ieee8021ad', 'ethertype', 'vlan', 'ethertype', 'ipv6']);
  });

  it('treats 0x9100 as a VLAN tag', () => {
    const { f, out } = run(
      ether(0x0800, ip4, [
        [0x9100, 7],
        [0x8100, 8],
      ]),
      1,
    );
    expect(out.offset).toBe(22);
    expect(f.vlanIds).toEqual([7, 8]);
    expect(f.protocols.filter((p) => p === 'vlan')).toHaveLength(2);
  });

  it('leaves 802.3 length frames alone without an anomaly', () => {
    const { f, out } = run(ether(46, new Uint8Array(46)), 1);
    expect(out.network).toBe(0);
    expect(f.protocols).toEqual(['eth', 'llc']);
    expect(f.anomalies).toEqual([]);
  });

  it('names other EtherTypes (ARP) or data, and stops', () => {
    expect(run(ether(0x0806, new Uint8Array(28)), 1).f.protocols).toEqual(['eth', 'ethertype', 'arp']);
    expect(run(ether(0x3030, new Uint8Array(28)), 1).f.protocols).toEqual(['eth', 'ethertype', 'data']);
  });

  it('reports a truncated Ethernet header and a truncated VLAN tag', () => {
    const a = run(new Uint8Array(10), 1);
    expect(a.out.network).toBe(0);
    expect(a.f.anomalies.map((x) => [x.layer, x.code])).toEqual([['link', 'truncated']]);
    const b = run(ether(0x0800, ip4, [[0x8100, 5]]).subarray(0, 16), 1);
    expect(b.out.network).toBe(0);
    expect(b.f.anomalies.map((x) => [x.layer, x.code])).toEqual([['link', 'truncated']]);
  });
});

describe('Linux cooked captures', () => {
  it('SLL (113): protocol in the last two of 16 bytes', () => {
    const { f, out } = run(bytes(SLL_HEADER(0x0800), ip4), 113);
    expect(out).toEqual({ offset: 16, network: 4 });
    expect(f.protocols).toEqual(['sll', 'ethertype', 'ip']);
  });

  it('SLL2 (276): protocol first, 20-byte header, named sll by tshark', () => {
    const { f, out } = run(bytes(SLL2_HEADER(0x86dd), ip6), 276);
    expect(out).toEqual({ offset: 20, network: 6 });
    expect(f.protocols).toEqual(['sll', 'ethertype', 'ipv6']);
  });

  it('SLL carrying a VLAN tag', () => {
    const { f, out } = run(bytes(SLL_HEADER(0x8100), [0, 42, 0x08, 0x00], ip4), 113);
    expect(out).toEqual({ offset: 20, network: 4 });
    expect(f.vlanIds).toEqual([42]);
  });

  it('SLL pseudo-protocols below 0x0600 are data', () => {
    expect(run(bytes(SLL_HEADER(0x0004), new Uint8Array(20)), 113).out.network).toBe(0);
  });
});

describe('BSD null / loopback', () => {
  for (const [name, fam] of [
    ['host order (little-endian) AF_INET', [2, 0, 0, 0]],
    ['network order AF_INET', [0, 0, 0, 2]],
  ] as const) {
    it(name, () => {
      for (const lt of [0, 108]) {
        const { f, out } = run(bytes([...fam], ip4), lt);
        expect(out).toEqual({ offset: 4, network: 4 });
        expect(f.protocols).toEqual(['null', 'ip']);
      }
    });
  }

  it('AF_INET6 as 24, 28 or 30 in either byte order', () => {
    for (const af of [24, 28, 30]) {
      expect(run(bytes([af, 0, 0, 0], ip6), 0).out).toEqual({ offset: 4, network: 6 });
      expect(run(bytes([0, 0, 0, af], ip6), 108).out).toEqual({ offset: 4, network: 6 });
    }
  });

  it('an unknown family is data', () => {
    const { f, out } = run(bytes([7, 0, 0, 0], ip4), 0);
    expect(out.network).toBe(0);
    expect(f.protocols).toEqual(['null', 'data']);
  });
});

describe('raw IP', () => {
  it('101, 12 and 14 decide v4/v6 by the version nibble, shown as raw', () => {
    for (const lt of [101, 12, 14]) {
      expect(run(ip4, lt)).toMatchObject({ out: { offset: 0, network: 4 }, f: { protocols: ['raw', 'ip'] } });
      expect(run(ip6, lt)).toMatchObject({ out: { offset: 0, network: 6 }, f: { protocols: ['raw', 'ipv6'] } });
    }
  });

  it('228 and 229 go straight to IPv4/IPv6 (no raw layer, as in tshark)', () => {
    expect(run(ip4, 228)).toMatchObject({ out: { offset: 0, network: 4 }, f: { protocols: ['ip'] } });
    expect(run(ip6, 229)).toMatchObject({ out: { offset: 0, network: 6 }, f: { protocols: ['ipv6'] } });
  });

  it('an unsupported link type is an anomaly, not an exception', () => {
    const { f, out } = run(ip4, 147);
    expect(out.network).toBe(0);
    expect(f.anomalies[0].code).toBe('unsupported-link-type');
  });
});

describe('PPP', () => {
  it('PPPoE session frames on an Ethernet WAN (tshark: eth:ethertype:pppoes:ppp:ip)', () => {
    const { f, out } = run(ether(0x8864, bytes([0x11, 0, 0, 1, 0, ip4.length + 2, 0x00, 0x21], ip4)), 1);
    expect(out).toEqual({ offset: 22, network: 4 });
    expect(f.protocols).toEqual(['eth', 'ethertype', 'pppoes', 'ppp', 'ip']);
  });

  it('LINKTYPE_PPP with HDLC framing, IPv6, and LCP as a non-IP protocol', () => {
    expect(run(bytes([0xff, 0x03, 0x00, 0x57], ip6), 9)).toMatchObject({
      out: { offset: 4, network: 6 },
      f: { protocols: ['ppp', 'ipv6'] },
    });
    expect(run(bytes([0xc0, 0x21, 1, 1, 0, 4]), 9)).toMatchObject({
      out: { network: 0 },
      f: { protocols: ['ppp', 'lcp'] },
    });
  });

  it('a cut PPPoE header is an anomaly', () => {
    const { f, out } = run(ether(0x8864, new Uint8Array([0x11, 0])), 1);
    expect(out.network).toBe(0);
    expect(f.anomalies.map((a) => [a.layer, a.code])).toEqual([['link', 'truncated']]);
  });
});
