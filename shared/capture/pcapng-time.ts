// pcapng timestamps: a 64-bit count of units (if_tsresol: 10^-n or 2^-n seconds) split in two
// 32-bit words. Converted to whole seconds + nanoseconds exactly: integer long division for
// the usual resolutions, BigInt only for unusual ones.

export interface TsResolution {
  /** 10 or 2. */
  base: 10 | 2;
  /** Units are base^-exponent seconds. */
  exponent: number;
}

export const DEFAULT_TSRESOL: TsResolution = { base: 10, exponent: 6 };

/** Decodes the if_tsresol byte; undefined when the resolution cannot be represented. */
export function decodeTsResol(byte: number): TsResolution | undefined {
  const exponent = byte & 0x7f;
  if (byte & 0x80) return exponent <= 63 ? { base: 2, exponent } : undefined;
  // 10^19 units per second no longer fit the 64-bit counter's meaning; treat as invalid.
  return exponent <= 19 ? { base: 10, exponent } : undefined;
}

/** Output slot reused per call so the hot path allocates nothing. */
export interface TimeOut {
  sec: number;
  nsec: number;
}

const P10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9] as const;

/**
 * Sets out.sec / out.nsec from a timestamp of `high`·2^32 + `low` units. Nanoseconds are
 * truncated (not rounded) as Wireshark does.
 */
export function unitsToTime(high: number, low: number, res: TsResolution, out: TimeOut): void {
  if (res.base === 10 && res.exponent <= 9) {
    divideBy(high, low, P10[res.exponent], out);
    out.nsec *= P10[9 - res.exponent];
    return;
  }
  if (res.base === 2 && res.exponent <= 23) {
    // Exact: the fraction times 1e9 stays below 2^53.
    divideBy(high, low, 2 ** res.exponent, out);
    out.nsec = Math.floor((out.nsec * 1e9) / 2 ** res.exponent);
    return;
  }
  const ticks = (BigInt(high) << 32n) | BigInt(low);
  const units = res.base === 10 ? 10n ** BigInt(res.exponent) : 1n << BigInt(res.exponent);
  out.sec = Number(ticks / units);
  out.nsec = Number(((ticks % units) * 1_000_000_000n) / units);
}

/**
 * Long division of the 64-bit value high·2^32+low by d (d ≤ 2^30) in 16-bit digits: every
 * intermediate stays below 2^46, so the result is exact. out.sec = quotient, out.nsec = remainder.
 */
function divideBy(high: number, low: number, d: number, out: TimeOut): void {
  // Unrolled: this runs once per packet. x / d is exact enough for Math.floor because every
  // partial quotient is below 2^16 while the remainder's fraction is at least 2^-30.
  let x = high >>> 16;
  let q = Math.floor(x / d);
  let r = x - q * d;
  x = r * 65536 + (high & 0xffff);
  let qi = Math.floor(x / d);
  r = x - qi * d;
  q = q * 65536 + qi;
  x = r * 65536 + (low >>> 16);
  qi = Math.floor(x / d);
  r = x - qi * d;
  q = q * 65536 + qi;
  x = r * 65536 + (low & 0xffff);
  qi = Math.floor(x / d);
  r = x - qi * d;
  out.sec = q * 65536 + qi;
  out.nsec = r;
}
