import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTsResol, unitsToTime, type TimeOut } from '#shared/capture/pcapng-time.js';

const NUM_RUNS = 5000;

/** Reference: straightforward BigInt maths, independent of the reader's long division. */
function reference(high: number, low: number, byte: number): [number, number] {
  const ticks = (BigInt(high) << 32n) | BigInt(low);
  const units = byte & 0x80 ? 1n << BigInt(byte & 0x7f) : 10n ** BigInt(byte);
  return [Number(ticks / units), Number(((ticks % units) * 1_000_000_000n) / units)];
}

describe('pcapng timestamp conversion', () => {
  it('decodes if_tsresol bytes', () => {
    expect(decodeTsResol(6)).toEqual({ base: 10, exponent: 6 });
    expect(decodeTsResol(9)).toEqual({ base: 10, exponent: 9 });
    expect(decodeTsResol(0x8a)).toEqual({ base: 2, exponent: 10 });
    expect(decodeTsResol(20)).toBeUndefined();
    expect(decodeTsResol(0xc0)).toBeUndefined(); // 2^-64
  });

  it(`matches BigInt division for random 64-bit counts and resolutions (${NUM_RUNS} runs)`, () => {
    const resol = fc.oneof(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0x80, max: 0x80 + 63 }));
    const out: TimeOut = { sec: 0, nsec: 0 };
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), resol, (high, low, byte) => {
        const res = decodeTsResol(byte);
        expect(res).toBeDefined();
        unitsToTime(high, low, res!, out);
        const [sec, nsec] = reference(high, low, byte);
        // Above 2^53 seconds a Number cannot be exact (only for absurd counts at coarse resolutions).
        if (sec <= Number.MAX_SAFE_INTEGER) expect(out.sec).toBe(sec);
        expect(out.nsec).toBe(nsec);
        expect(out.nsec).toBeGreaterThanOrEqual(0);
        expect(out.nsec).toBeLessThan(1e9);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('is exact at remainder edges (units - 1, exact multiples, all-ones)', () => {
    const out: TimeOut = { sec: 0, nsec: 0 };
    for (const byte of [0, 3, 6, 9, 0x80, 0x8a, 0x94, 0x97]) {
      const res = decodeTsResol(byte)!;
      const units = byte & 0x80 ? 1n << BigInt(byte & 0x7f) : 10n ** BigInt(byte);
      for (const ticks of [
        0n,
        units - 1n,
        units,
        1_700_000_000n * units - 1n,
        1_700_000_000n * units,
        (1n << 64n) - 1n,
      ]) {
        const high = Number(ticks >> 32n);
        const low = Number(ticks & 0xffffffffn);
        unitsToTime(high, low, res, out);
        const [sec, nsec] = reference(high, low, byte);
        if (sec <= Number.MAX_SAFE_INTEGER) expect(out.sec).toBe(sec);
        expect(out.nsec).toBe(nsec);
      }
    }
  });
});
