// Link layers: Ethernet II with stacked VLAN tags, Linux cooked SLL/SLL2, raw IP and
// BSD null/loopback. Each one finds where the IP header starts; the protocol names pushed
// are tshark's (eth:ethertype:vlan:ethertype:ip, sll:ethertype:ip, null:ip, raw:ip).
import type { DecodedFrame } from '../decode/types.js';
import { decodeArp, macAt } from './arp.js';
import { layerAnomaly, truncatedAt } from './layer-anomaly.js';
import { ETHERTYPE_PPPOE_SESSION, decodePppLink, decodePppoeSession } from './ppp.js';
import {
  ETHERTYPE,
  ETHERTYPE_ARP,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  LINKTYPE,
  isBsdAfInet6,
  isVlanEthertype,
} from './protocol-numbers.js';

/** Where the network layer starts; `network` 0 means nothing more to decode. Reused per frame. */
export interface LinkResult {
  offset: number;
  network: 0 | 4 | 6;
}

/** More than this many stacked VLAN tags is not a real frame. */
const MAX_VLAN_TAGS = 8;

export function decodeLink(d: Uint8Array, linkType: number, f: DecodedFrame, out: LinkResult): void {
  out.offset = 0;
  out.network = 0;
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      decodeEthernet(d, f, out);
      return;
    case LINKTYPE.LINUX_SLL:
      decodeSll(d, f, out);
      return;
    case LINKTYPE.LINUX_SLL2:
      decodeSll2(d, f, out);
      return;
    case LINKTYPE.PPP:
      decodePppLink(d, f, out);
      return;
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP:
      decodeNull(d, f, out);
      return;
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_BSD12:
    case LINKTYPE.RAW_BSD14:
      f.protocols.push('raw');
      rawByVersion(d, 0, f, out);
      return;
    // LINKTYPE_IPV4/IPV6 go straight to the IP dissector in tshark: no `raw` layer.
    case LINKTYPE.IPV4:
      f.protocols.push('ip');
      out.network = 4;
      return;
    case LINKTYPE.IPV6:
      f.protocols.push('ipv6');
      out.network = 6;
      return;
    default:
      f.protocols.push('data');
      layerAnomaly(f, 'link', 'unsupported-link-type', `link type ${linkType} is not decoded`);
  }
}

function decodeEthernet(d: Uint8Array, f: DecodedFrame, out: LinkResult): void {
  f.protocols.push('eth');
  if (d.length < 14) {
    truncatedAt(f, 'link', 'Ethernet header', 14, d.length);
    return;
  }
  f.dstMac = macAt(d, 0);
  f.srcMac = macAt(d, 6);
  const type = (d[12] << 8) | d[13];
  // 802.3 frames carry a length (<= 1500) here: LLC/SNAP traffic, nothing we diagnose.
  if (type <= 1500) {
    f.protocols.push('llc');
    return;
  }
  dispatchEthertype(d, 14, type, f, out);
}

/** Follows an EtherType through any VLAN tags to IPv4/IPv6. */
function dispatchEthertype(d: Uint8Array, offset: number, type: number, f: DecodedFrame, out: LinkResult): void {
  let o = offset;
  let t = type;
  for (let tags = 0; ; tags++) {
    f.protocols.push('ethertype');
    if (t === ETHERTYPE_IPV4 || t === ETHERTYPE_IPV6) {
      f.protocols.push(t === ETHERTYPE_IPV4 ? 'ip' : 'ipv6');
      out.offset = o;
      out.network = t === ETHERTYPE_IPV4 ? 4 : 6;
      return;
    }
    if (t === ETHERTYPE_PPPOE_SESSION) {
      decodePppoeSession(d, o, f, out);
      return;
    }
    if (!isVlanEthertype(t)) {
      f.protocols.push((ETHERTYPE as Record<number, string>)[t] ?? 'data');
      if (t === ETHERTYPE_ARP) decodeArp(d, o, f);
      return;
    }
    // tshark names the 802.1ad S-tag ieee8021ad, 802.1Q and 0x9100 tags vlan.
    f.protocols.push(t === 0x88a8 ? 'ieee8021ad' : 'vlan');
    if (tags >= MAX_VLAN_TAGS) {
      layerAnomaly(f, 'link', 'too-many-vlan-tags', `more than ${MAX_VLAN_TAGS} VLAN tags`);
      return;
    }
    if (d.length < o + 4) {
      truncatedAt(f, 'link', 'VLAN tag', 4, d.length - o);
      return;
    }
    const vid = ((d[o] & 0x0f) << 8) | d[o + 1];
    (f.vlanIds ??= []).push(vid);
    t = (d[o + 2] << 8) | d[o + 3];
    o += 4;
    if (t <= 1500) {
      f.protocols.push('llc');
      return;
    }
  }
}

/** Linux cooked capture v1: 16-byte header, protocol (EtherType) in the last two bytes. */
function decodeSll(d: Uint8Array, f: DecodedFrame, out: LinkResult): void {
  f.protocols.push('sll');
  if (d.length < 16) {
    truncatedAt(f, 'link', 'Linux cooked (SLL) header', 16, d.length);
    return;
  }
  sllProtocol(d, 16, (d[14] << 8) | d[15], f, out);
}

/** Linux cooked capture v2: 20-byte header, protocol (EtherType) first. tshark calls it `sll` too. */
function decodeSll2(d: Uint8Array, f: DecodedFrame, out: LinkResult): void {
  f.protocols.push('sll');
  if (d.length < 20) {
    truncatedAt(f, 'link', 'Linux cooked v2 (SLL2) header', 20, d.length);
    return;
  }
  sllProtocol(d, 20, (d[0] << 8) | d[1], f, out);
}

function sllProtocol(d: Uint8Array, offset: number, proto: number, f: DecodedFrame, out: LinkResult): void {
  // Values below 1536 are Linux pseudo-protocols (802.2 LLC, 802.3 raw, CAN …), not EtherTypes.
  if (proto < 0x0600) {
    f.protocols.push('data');
    return;
  }
  dispatchEthertype(d, offset, proto, f, out);
}

/** BSD null/loopback: 4-byte address family, written in the capturing host's byte order. */
function decodeNull(d: Uint8Array, f: DecodedFrame, out: LinkResult): void {
  f.protocols.push('null');
  if (d.length < 4) {
    truncatedAt(f, 'link', 'null/loopback header', 4, d.length);
    return;
  }
  // A family is a small number, so the non-zero half tells the byte order.
  const af = d[0] === 0 && d[1] === 0 ? (d[2] << 8) | d[3] : d[0] | (d[1] << 8);
  if (af === 2) {
    f.protocols.push('ip');
    out.offset = 4;
    out.network = 4;
  } else if (isBsdAfInet6(af)) {
    f.protocols.push('ipv6');
    out.offset = 4;
    out.network = 6;
  } else {
    f.protocols.push('data');
  }
}

/** Raw IP without a family indication: the version nibble decides. */
function rawByVersion(d: Uint8Array, offset: number, f: DecodedFrame, out: LinkResult): void {
  if (d.length <= offset) {
    truncatedAt(f, 'link', 'raw IP header', 1, 0);
    return;
  }
  const v = d[offset] >> 4;
  if (v === 4 || v === 6) {
    f.protocols.push(v === 4 ? 'ip' : 'ipv6');
    out.offset = offset;
    out.network = v;
  } else {
    f.protocols.push('data');
  }
}
