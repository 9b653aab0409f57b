// IKEv2 traffic selectors (RFC 7296 3.13.1): TS_IPV4_ADDR_RANGE (7) and TS_IPV6_ADDR_RANGE (8).
import { ipv4, ipv6, hex, u16, u8 } from './bytes.js';
import { addAnomaly, LIMITS, type DecodeContext } from './context.js';

export interface TrafficSelector {
  tsType: number;
  protocol: number;
  startPort: number;
  endPort: number;
  start: string;
  end: string;
}

const TS_IPV4_ADDR_RANGE = 7;
const TS_IPV6_ADDR_RANGE = 8;

export function decodeTrafficSelectors(
  data: Uint8Array,
  start: number,
  end: number,
  ctx: DecodeContext,
): TrafficSelector[] {
  const out: TrafficSelector[] = [];
  if (end - start < 4) {
    addAnomaly(ctx, 'payload-body-truncated', 'Traffic selector payload too short for its header.');
    return out;
  }
  const count = u8(data, start);
  let off = start + 4;
  for (let i = 0; i < count; i++) {
    if (out.length >= LIMITS.selectors) {
      addAnomaly(ctx, 'too-many-selectors', `Traffic selector payload lists ${count}; only ${LIMITS.selectors} kept.`);
      break;
    }
    if (off + 8 > end) {
      addAnomaly(ctx, 'selector-truncated', `Traffic selector payload announces ${count} selectors; only ${i} fit.`);
      break;
    }
    const tsType = u8(data, off);
    const len = u16(data, off + 2);
    if (len < 8 || off + len > end) {
      addAnomaly(
        ctx,
        'selector-bad-length',
        `Traffic selector length ${len} does not fit the ${end - off} byte(s) left.`,
      );
      break;
    }
    const a = off + 8;
    const addrLen = tsType === TS_IPV4_ADDR_RANGE ? 4 : tsType === TS_IPV6_ADDR_RANGE ? 16 : 0;
    let s = '';
    let e = '';
    if (addrLen && len === 8 + 2 * addrLen) {
      s = addrLen === 4 ? ipv4(data, a) : ipv6(data, a);
      e = addrLen === 4 ? ipv4(data, a + addrLen) : ipv6(data, a + addrLen);
    } else {
      s = hex(data, a, off + len);
    }
    out.push({
      tsType,
      protocol: u8(data, off + 1),
      startPort: u16(data, off + 4),
      endPort: u16(data, off + 6),
      start: s,
      end: e,
    });
    off += len;
  }
  return out;
}
