// Wire numbers of the link and network layers, with the protocol names tshark puts in
// frame.protocols. An unknown number has no entry and is shown as `data`, as tshark does.

/** EtherType -> tshark protocol name of the layer it introduces. */
export const ETHERTYPE = {
  0x0800: 'ip',
  0x0806: 'arp',
  0x86dd: 'ipv6',
  0x8863: 'pppoed',
  0x8864: 'pppoes',
  0x8100: 'vlan',
  0x88a8: 'ieee8021ad',
  0x9100: 'vlan',
} as const;

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_ARP = 0x0806;

/** VLAN tag EtherTypes: 802.1Q, 802.1ad (S-tag) and the older pre-standard QinQ value. */
export function isVlanEthertype(t: number): boolean {
  return t === 0x8100 || t === 0x88a8 || t === 0x9100;
}

/** LINKTYPE_* values (tcpdump.org/linktypes.html) this decoder understands. */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  PPP: 9,
  RAW_BSD12: 12,
  RAW_BSD14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** IP protocol numbers (IANA "Assigned Internet Protocol Numbers") -> tshark name. */
export const IP_PROTOCOL_NAME: Readonly<Record<number, string>> = {
  1: 'icmp',
  2: 'igmp',
  4: 'ip',
  6: 'tcp',
  17: 'udp',
  41: 'ipv6',
  47: 'gre',
  50: 'esp',
  51: 'ah',
  58: 'icmpv6',
  132: 'sctp',
};

export const IPPROTO = {
  HOPOPTS: 0,
  ICMP: 1,
  TCP: 6,
  UDP: 17,
  ROUTING: 43,
  FRAGMENT: 44,
  ESP: 50,
  AH: 51,
  NONE: 59,
  DSTOPTS: 60,
  ICMPV6: 58,
} as const;

/** BSD address-family values meaning IPv6 in DLT_NULL/DLT_LOOP headers (NetBSD/OpenBSD, FreeBSD, macOS). */
export function isBsdAfInet6(af: number): boolean {
  return af === 24 || af === 28 || af === 30;
}
