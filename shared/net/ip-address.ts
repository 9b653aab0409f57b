// Text forms of IP addresses as tshark prints them: dotted quad, and RFC 5952 IPv6
// (lower-case hex, leading zeros dropped, the longest run of two or more zero groups as ::).
// Building the text costs more than the rest of a frame's decode, and a capture repeats the
// same few addresses, so a small direct-mapped memo (bounded, results identical) sits in front.

const V4_SLOTS = 4096;
const v4Keys = new Int32Array(V4_SLOTS);
const v4Text: (string | undefined)[] = new Array(V4_SLOTS);

/** Memoised formatIpv4. */
export function ipv4Text(d: Uint8Array, o: number): string {
  const k = (d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3];
  const slot = (k ^ (k >>> 12) ^ (k >>> 20)) & (V4_SLOTS - 1);
  const t = v4Text[slot];
  if (t !== undefined && v4Keys[slot] === k) return t;
  const text = formatIpv4(d, o);
  v4Keys[slot] = k;
  v4Text[slot] = text;
  return text;
}

const V6_SLOTS = 1024;
const v6Keys = new Int32Array(V6_SLOTS * 4);
const v6Text: (string | undefined)[] = new Array(V6_SLOTS);

/** Memoised formatIpv6. */
export function ipv6Text(d: Uint8Array, o: number): string {
  const w0 = (d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3];
  const w1 = (d[o + 4] << 24) | (d[o + 5] << 16) | (d[o + 6] << 8) | d[o + 7];
  const w2 = (d[o + 8] << 24) | (d[o + 9] << 16) | (d[o + 10] << 8) | d[o + 11];
  const w3 = (d[o + 12] << 24) | (d[o + 13] << 16) | (d[o + 14] << 8) | d[o + 15];
  const h = w0 ^ w1 ^ w2 ^ w3;
  const slot = (h ^ (h >>> 10) ^ (h >>> 20)) & (V6_SLOTS - 1);
  const t = v6Text[slot];
  const k = slot * 4;
  if (t !== undefined && v6Keys[k] === w0 && v6Keys[k + 1] === w1 && v6Keys[k + 2] === w2 && v6Keys[k + 3] === w3)
    return t;
  const text = formatIpv6(d, o);
  v6Keys[k] = w0;
  v6Keys[k + 1] = w1;
  v6Keys[k + 2] = w2;
  v6Keys[k + 3] = w3;
  v6Text[slot] = text;
  return text;
}

/** Caller guarantees 4 readable bytes at `o`. */
export function formatIpv4(d: Uint8Array, o: number): string {
  return d[o] + '.' + d[o + 1] + '.' + d[o + 2] + '.' + d[o + 3];
}

/** Caller guarantees 16 readable bytes at `o`. */
export function formatIpv6(d: Uint8Array, o: number): string {
  // Longest run of zero groups (first one on a tie), only if at least two groups long.
  let bestStart = -1;
  let bestLen = 0;
  let runStart = -1;
  for (let g = 0; g < 8; g++) {
    const zero = d[o + 2 * g] === 0 && d[o + 2 * g + 1] === 0;
    if (zero) {
      if (runStart < 0) runStart = g;
      const len = g - runStart + 1;
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
    } else {
      runStart = -1;
    }
  }
  if (bestLen < 2) bestStart = -1;
  // IPv4-mapped (::ffff:a.b.c.d) keeps its dotted tail, as inet_ntop and tshark print it.
  if (bestStart === 0 && bestLen === 5 && d[o + 10] === 0xff && d[o + 11] === 0xff) {
    return '::ffff:' + formatIpv4(d, o + 12);
  }
  let s = '';
  for (let g = 0; g < 8; g++) {
    if (g === bestStart) {
      s += g === 0 ? '::' : ':';
      g += bestLen - 1;
      continue;
    }
    s += ((d[o + 2 * g] << 8) | d[o + 2 * g + 1]).toString(16);
    if (g < 7) s += ':';
  }
  return s;
}
