// Exact capture timestamps: seconds + nanoseconds kept as integers, printed the way tshark
// prints frame.time_epoch (9 decimals), so times in reports can be compared as text.

export function epochString(sec: number, nsec: number): string {
  return `${sec}.${String(nsec).padStart(9, '0')}`;
}

export function isoString(sec: number, nsec: number): string {
  const ms = sec * 1000 + Math.floor(nsec / 1e6);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '1970-01-01T00:00:00.000Z' : d.toISOString();
}

/** Seconds between two timestamps as a float (only for thresholds, never for display). */
export function secondsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return bSec - aSec + (bNsec - aNsec) / 1e9;
}
