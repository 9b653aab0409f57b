// LINKTYPE_* values (tcpdump.org link-layer header types) that the frame decoder handles.
// A link type not listed here still reaches the decoder as its number.

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  /** DLT_RAW as Linux and most systems number it in pcap files. */
  RAW_DLT12: 12,
  /** DLT_RAW as OpenBSD numbers it. */
  RAW_DLT14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export type KnownLinkType = (typeof LINKTYPE)[keyof typeof LINKTYPE];

const NAMES: Readonly<Record<number, string>> = {
  [LINKTYPE.NULL]: 'NULL',
  [LINKTYPE.ETHERNET]: 'ETHERNET',
  [LINKTYPE.RAW_DLT12]: 'RAW',
  [LINKTYPE.RAW_DLT14]: 'RAW',
  [LINKTYPE.RAW]: 'RAW',
  [LINKTYPE.LOOP]: 'LOOP',
  [LINKTYPE.LINUX_SLL]: 'LINUX_SLL',
  [LINKTYPE.IPV4]: 'IPV4',
  [LINKTYPE.IPV6]: 'IPV6',
  [LINKTYPE.LINUX_SLL2]: 'LINUX_SLL2',
};

/** `LINKTYPE_ETHERNET` for 1; an unknown value keeps its number, e.g. `LINKTYPE_147`. */
export function linkTypeName(linkType: number): string {
  return `LINKTYPE_${NAMES[linkType] ?? String(linkType)}`;
}

export function isKnownLinkType(linkType: number): linkType is KnownLinkType {
  return NAMES[linkType] !== undefined;
}
