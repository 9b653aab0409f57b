// Domain-name reading with compression pointers (RFC 1035 4.1.4). Hostile input: every
// pointer must go strictly backwards, which guarantees termination, and the name is capped
// at 255 wire octets.
import { DNS_MAX_NAME_LENGTH } from './constants.js';

export type NameResult =
  | {
      ok: true;
      name: string;
      /** Offset just after the name where it started (not after a pointer target). */ next: number;
    }
  | { ok: false; reason: string };

export function readName(data: Uint8Array, start: number): NameResult {
  const labels: string[] = [];
  let at = start;
  let next = -1;
  let wireLength = 1;
  // Lowest offset reached so far: a pointer must point below it.
  let floor = start;
  for (;;) {
    if (at >= data.length) return { ok: false, reason: `name at offset ${start} runs past the end of the message` };
    const len = data[at];
    if (len === 0) {
      if (next < 0) next = at + 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (at + 1 >= data.length) return { ok: false, reason: `compression pointer at offset ${at} is truncated` };
      const target = ((len & 0x3f) << 8) | data[at + 1];
      if (next < 0) next = at + 2;
      if (target >= floor)
        return {
          ok: false,
          reason: `compression pointer at offset ${at} to ${target} does not point backwards (loop)`,
        };
      floor = target;
      at = target;
      continue;
    }
    if (kind !== 0) return { ok: false, reason: `label type 0x${kind.toString(16)} at offset ${at} is not supported` };
    wireLength += len + 1;
    if (wireLength > DNS_MAX_NAME_LENGTH)
      return { ok: false, reason: `name at offset ${start} is longer than 255 octets` };
    if (at + 1 + len > data.length)
      return { ok: false, reason: `label at offset ${at} runs past the end of the message` };
    labels.push(labelText(data, at + 1, at + 1 + len));
    at += 1 + len;
  }
  return { ok: true, name: labels.length === 0 ? '.' : labels.join('.'), next };
}

/** Printable ASCII as is; a dot inside a label and every other byte escaped (\. and \xNN). */
function labelText(data: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const c = data[i];
    if (c === 0x2e) out += '\\.';
    else if (c > 0x20 && c < 0x7f) out += String.fromCharCode(c);
    else out += '\\x' + c.toString(16).padStart(2, '0');
  }
  return out;
}
