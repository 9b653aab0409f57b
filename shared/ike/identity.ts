// Renders identification data (ID payload, NAT-OA, traffic selectors) as text. FQDN and
// user FQDN come from the peer: they go through safeText, never trusted as-is.
import { hex, ipv4, ipv6, safeText } from './bytes.js';
import { decodeDn } from './dn.js';
import { ID_TYPE } from './id-types.js';

/** IKEv2 ID_NULL (RFC 7619): no data. */
const ID_NULL = 13;

/** Netmask -> prefix length when contiguous, else undefined. */
function prefixLength(data: Uint8Array, off: number, bytes: number): number | undefined {
  let bits = 0;
  let seenZero = false;
  for (let i = 0; i < bytes; i++) {
    for (let b = 7; b >= 0; b--) {
      const one = (data[off + i] >> b) & 1;
      if (one && seenZero) return undefined;
      if (one) bits++;
      else seenZero = true;
    }
  }
  return bits;
}

export function renderIdValue(data: Uint8Array, start: number, end: number, idType: number): string {
  const len = end - start;
  switch (idType) {
    case ID_TYPE.IPV4_ADDR:
      return len === 4 ? ipv4(data, start) : hex(data, start, end);
    case ID_TYPE.IPV6_ADDR:
      return len === 16 ? ipv6(data, start) : hex(data, start, end);
    case ID_TYPE.FQDN:
    case ID_TYPE.USER_FQDN:
      return safeText(data, start, end);
    case ID_TYPE.IPV4_ADDR_SUBNET: {
      if (len !== 8) return hex(data, start, end);
      const p = prefixLength(data, start + 4, 4);
      return `${ipv4(data, start)}/${p ?? ipv4(data, start + 4)}`;
    }
    case ID_TYPE.IPV6_ADDR_SUBNET: {
      if (len !== 32) return hex(data, start, end);
      const p = prefixLength(data, start + 16, 16);
      return `${ipv6(data, start)}/${p ?? ipv6(data, start + 16)}`;
    }
    case ID_TYPE.IPV4_ADDR_RANGE:
      return len === 8 ? `${ipv4(data, start)}-${ipv4(data, start + 4)}` : hex(data, start, end);
    case ID_TYPE.IPV6_ADDR_RANGE:
      return len === 32 ? `${ipv6(data, start)}-${ipv6(data, start + 16)}` : hex(data, start, end);
    case ID_TYPE.DER_ASN1_DN:
      return decodeDn(data, start, end) ?? hex(data, start, end);
    case ID_NULL:
      return '';
    default:
      // DER_ASN1_GN, KEY_ID and unknown types: opaque bytes.
      return hex(data, start, end);
  }
}
