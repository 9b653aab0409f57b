// Exact capture timestamps: seconds + nanoseconds kept as integers, printed the way tshark
// prints frame.time_epoch (9 decimals), so times in reports can be compared as text.

export function epochString(sec: number, nsec: number): string {
  return `${sec}.${String(nsec).padStart(9, '0')}`;
}

/** The last minute printed, as "YYYY-MM-DDTHH:MM:" (a capture's sessions share few minutes). */
let lastMinute = { minute: NaN, prefix: '' };

export function isoString(sec: number, nsec: number): string {
  const ms = sec * 1000 + Math.floor(nsec / 1e6);
  const minute = Math.floor(ms / 60_000);
  if (minute !== lastMinute.minute) {
    const d = new Date(minute * 60_000);
    if (Number.isNaN(d.getTime())) return '1970-01-01T00:00:00.000Z';
    // toISOString ends "SS.mmmZ"; the rest names the minute.
    lastMinute = { minute, prefix: d.toISOString().slice(0, -7) };
  }
  const inMinute = ms - minute * 60_000;
  const s = Math.floor(inMinute / 1000);
  const milli = inMinute - s * 1000;
  return `${lastMinute.prefix}${s < 10 ? '0' : ''}${s}.${String(milli).padStart(3, '0')}Z`;
}

/** Seconds between two timestamps as a float (only for thresholds, never for display). */
export function secondsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return bSec - aSec + (bNsec - aNsec) / 1e9;
}
