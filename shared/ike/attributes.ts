// Data attributes (RFC 2408 3.3), shared by IKEv1 SA transforms, IKEv2 transforms and the
// configuration payloads: AF bit set = TV (2-byte value in the header), clear = TLV.
import type { IkeAttribute } from './types.js';
import { hex, u16 } from './bytes.js';
import { addAnomaly, LIMITS, type DecodeContext } from './context.js';

export function decodeAttributes(
  data: Uint8Array,
  start: number,
  end: number,
  ctx: DecodeContext,
  where: string,
): IkeAttribute[] {
  const out: IkeAttribute[] = [];
  let off = start;
  while (off < end) {
    if (out.length >= LIMITS.attributes) {
      addAnomaly(
        ctx,
        'too-many-attributes',
        `${where}: more than ${LIMITS.attributes} attributes; the rest were not decoded.`,
      );
      break;
    }
    if (off + 4 > end) {
      addAnomaly(ctx, 'attribute-truncated', `${where}: ${end - off} byte(s) left, too few for an attribute header.`);
      break;
    }
    const word = u16(data, off);
    const type = word & 0x7fff;
    if (word & 0x8000) {
      out.push({ type, value: u16(data, off + 2) });
      off += 4;
      continue;
    }
    const len = u16(data, off + 2);
    const vStart = off + 4;
    if (vStart + len > end) {
      addAnomaly(
        ctx,
        'attribute-overrun',
        `${where}: attribute ${type} claims ${len} bytes, only ${end - vStart} left.`,
      );
      break;
    }
    if (len <= 4) {
      let v = 0;
      for (let i = 0; i < len; i++) v = v * 256 + data[vStart + i];
      out.push({ type, value: v });
    } else {
      out.push({ type, hex: hex(data, vStart, vStart + len) });
    }
    off = vStart + len;
  }
  return out;
}
