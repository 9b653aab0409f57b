// PPP as it appears on WAN links: PPPoE session frames (EtherType 0x8864, RFC 2516), used by
// MX uplinks on DSL, and LINKTYPE_PPP captures. Only the PPP protocol field matters here.
import type { DecodedFrame } from '../decode/types.js';
import type { LinkResult } from './link.js';
import { truncatedAt } from './layer-anomaly.js';

export const ETHERTYPE_PPPOE_SESSION = 0x8864;

/** PPP protocol numbers (RFC 1661, IANA PPP DLL protocol numbers) -> tshark name. */
const PPP_PROTOCOL_NAME: Readonly<Record<number, string>> = {
  0x0021: 'ip',
  0x0057: 'ipv6',
  0x8021: 'ipcp',
  0x8057: 'ipv6cp',
  0xc021: 'lcp',
  0xc023: 'pap',
  0xc223: 'chap',
};

/** PPPoE session header (6 bytes) then the PPP protocol field. */
export function decodePppoeSession(d: Uint8Array, o: number, f: DecodedFrame, out: LinkResult): void {
  f.protocols.push('pppoes');
  if (d.length - o < 6) return truncatedAt(f, 'link', 'PPPoE session header', 6, d.length - o);
  decodePppProtocol(d, o + 6, f, out);
}

/** LINKTYPE_PPP: optional HDLC address/control (0xff 0x03), then the protocol. */
export function decodePppLink(d: Uint8Array, f: DecodedFrame, out: LinkResult): void {
  const o = d.length >= 2 && d[0] === 0xff && d[1] === 0x03 ? 2 : 0;
  decodePppProtocol(d, o, f, out);
}

function decodePppProtocol(d: Uint8Array, o: number, f: DecodedFrame, out: LinkResult): void {
  f.protocols.push('ppp');
  if (d.length - o < 1) return truncatedAt(f, 'link', 'PPP protocol field', 2, 0);
  // Protocol-field compression (RFC 1661 6.5): an odd first byte is a one-byte protocol.
  let proto: number;
  let start: number;
  if (d[o] & 1) {
    proto = d[o];
    start = o + 1;
  } else {
    if (d.length - o < 2) return truncatedAt(f, 'link', 'PPP protocol field', 2, d.length - o);
    proto = (d[o] << 8) | d[o + 1];
    start = o + 2;
  }
  const name = PPP_PROTOCOL_NAME[proto] ?? 'data';
  f.protocols.push(name);
  if (proto === 0x0021 || proto === 0x0057) {
    out.offset = start;
    out.network = proto === 0x0021 ? 4 : 6;
  }
}
