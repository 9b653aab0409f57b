// Capture times printed as ISO 8601 (shared/diagnosis/time.ts): the same text as the runtime's
// own Date.toISOString for the same millisecond, whatever order the times come in (the printer
// remembers the last minute it printed), and a fixed text for times no Date can hold.
import { describe, expect, it } from 'vitest';
import { epochMs, isoString } from '#shared/diagnosis/time.js';

function reference(sec: number, nsec: number): string {
  return new Date(sec * 1000 + Math.floor(nsec / 1e6)).toISOString();
}

describe('isoString', () => {
  it('matches Date.toISOString at minute, second and day edges, in and out of order', () => {
    const times: [number, number][] = [
      [0, 0],
      [59, 999_999_999],
      [60, 0],
      [1_790_000_000, 123_456_789],
      [1_790_000_059, 999_000_000],
      [1_790_000_060, 1_000_000],
      [1_790_000_000, 5],
      [1_798_761_599, 999_999_999], // 2026-12-31T23:59:59.999Z
      [1_798_761_600, 0],
      [4_294_967_295, 999_999_999], // the largest classic pcap time
      [951_782_400, 0], // 2000-02-29
    ];
    for (const [sec, nsec] of [...times, ...times.reverse()]) expect(isoString(sec, nsec)).toBe(reference(sec, nsec));
  });

  it('matches Date.toISOString on a pseudo-random walk of times', () => {
    let sec = 1_700_000_000;
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      sec += (seed % 200) - 90;
      const nsec = seed % 1_000_000_000;
      expect(isoString(sec, nsec)).toBe(reference(sec, nsec));
    }
  });

  it('prints the epoch for times no Date can hold', () => {
    expect(isoString(Number.NaN, 0)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoString(9e15, 0)).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('epochMs', () => {
  // tshark's frame.time_epoch text, read back to the millisecond Date would hold (truncated).
  it('reads the text epochString prints, and nothing else', () => {
    expect(epochMs('1790000000.123456789')).toBe(1_790_000_000_123);
    expect(epochMs('1790000000.000999999')).toBe(1_790_000_000_000);
    expect(epochMs('1790000000.5')).toBe(1_790_000_000_500);
    expect(epochMs('1790000000')).toBe(1_790_000_000_000);
    expect(epochMs('not a time')).toBe(0);
  });
});
