// Small byte helpers shared by the application decoders (RADIUS, DNS, TLS).

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of `data[start, end)`, clamped to the array. */
export function toHex(data: Uint8Array, start = 0, end = data.length): string {
  const stop = Math.min(end, data.length);
  let out = '';
  for (let i = Math.max(0, start); i < stop; i++) out += HEX[data[i]];
  return out;
}

/**
 * Bytes as text for display: UTF-8 decoded leniently, then every control character
 * (C0, DEL, C1) written as \xNN, so hostile text cannot move a terminal cursor or forge
 * a log line. A backslash stays as is (DOMAIN\user is a common RADIUS User-Name).
 */
export function safeText(data: Uint8Array, start = 0, end = data.length): string {
  const text = UTF8.decode(data.subarray(Math.max(0, start), Math.min(end, data.length)));
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out;
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

export function ipv4(data: Uint8Array, at: number): string {
  return `${data[at]}.${data[at + 1]}.${data[at + 2]}.${data[at + 3]}`;
}

/** RFC 5952 text form of the 16 bytes at `at` (longest zero run of 2+ groups compressed). */
export function ipv6(data: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((data[at + 2 * i] << 8) | data[at + 2 * i + 1]);
  let bestStart = -1,
    bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}
