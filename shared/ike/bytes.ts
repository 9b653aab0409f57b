// Bounds-checked reads and safe renderings over capture bytes. Every reader here returns a
// value or undefined/'' instead of reading past the end: capture bytes are hostile.

/** Longest hex string we keep for one field (bytes); longer data is cut and marked. */
export const MAX_HEX_BYTES = 512;

export function u8(data: Uint8Array, off: number): number {
  return off >= 0 && off < data.length ? data[off] : 0;
}

export function u16(data: Uint8Array, off: number): number {
  return (u8(data, off) << 8) | u8(data, off + 1);
}

export function u32(data: Uint8Array, off: number): number {
  return ((u8(data, off) << 24) >>> 0) + (u8(data, off + 1) << 16) + (u8(data, off + 2) << 8) + u8(data, off + 3);
}

/** True when [off, off+len) lies inside data. */
export function has(data: Uint8Array, off: number, len: number): boolean {
  return off >= 0 && len >= 0 && off + len <= data.length;
}

/** Character codes of '0'..'f', and a scratch buffer for one hex string (MAX_HEX_BYTES long). */
const HEX_CODES = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const HEX_SCRATCH = new Uint16Array(2 * MAX_HEX_BYTES);

/**
 * Lower-case hex of data[start, end), clamped to the data and to `max` bytes ('…' marks a cut).
 * Built as one flat string from character codes: SPIs and hashes are kept for a session's life,
 * and a string concatenated byte by byte would keep a node per byte alive with it.
 */
export function hex(data: Uint8Array, start: number, end: number, max = MAX_HEX_BYTES): string {
  const s = Math.max(0, start);
  const e = Math.min(data.length, end);
  const stop = Math.min(e, s + Math.min(max, MAX_HEX_BYTES));
  if (stop <= s) return e > stop ? '…' : '';
  let j = 0;
  for (let i = s; i < stop; i++) {
    const b = data[i];
    HEX_SCRATCH[j++] = HEX_CODES[b >> 4];
    HEX_SCRATCH[j++] = HEX_CODES[b & 15];
  }
  const out = String.fromCharCode.apply(null, HEX_SCRATCH.subarray(0, j) as unknown as number[]);
  return e > stop ? out + '…' : out;
}

export function ipv4(data: Uint8Array, off: number): string {
  return `${u8(data, off)}.${u8(data, off + 1)}.${u8(data, off + 2)}.${u8(data, off + 3)}`;
}

/** RFC 5952 text form: lower case, longest run of zero groups (>1) compressed. */
export function ipv6(data: Uint8Array, off: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(u16(data, off + i * 2));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const parts = g.map((x) => x.toString(16));
  if (bestLen < 2) return parts.join(':');
  return `${parts.slice(0, bestStart).join(':')}::${parts.slice(bestStart + bestLen).join(':')}`;
}

/** Longest text we keep from one hostile string field (characters). */
export const MAX_TEXT_CHARS = 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes from the wire as a printable JS string: UTF-8 when valid, else Latin-1; control
 * characters (C0, DEL, C1), the backslash and lone surrogates become `\xNN` / `\u{…}` escapes,
 * so a name can never carry terminal escapes or line breaks into a log or a report.
 * Markup stays literal: escaping for HTML is the renderer's job.
 */
export function safeText(data: Uint8Array, start: number, end: number): string {
  const s = Math.max(0, start);
  const e = Math.min(data.length, end, s + MAX_TEXT_CHARS * 4);
  const bytes = data.subarray(s, Math.max(s, e));
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = '';
    for (const b of bytes) text += String.fromCharCode(b);
  }
  let out = '';
  let count = 0;
  for (const ch of text) {
    if (count++ >= MAX_TEXT_CHARS) {
      out += '…';
      break;
    }
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0x5c) {
      out += `\\x${c.toString(16).padStart(2, '0')}`;
    } else if (
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0xfffd ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069)
    ) {
      // Lone surrogates and invisible/bidi controls could disguise text: show them as code points.
      out += `\\u{${c.toString(16)}}`;
    } else {
      out += ch;
    }
  }
  return out;
}
