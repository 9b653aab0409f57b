// Text forms of IP addresses as tshark prints them: dotted quad, and RFC 5952 IPv6
// (lower-case hex, leading zeros dropped, the longest run of two or more zero groups as ::).

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
