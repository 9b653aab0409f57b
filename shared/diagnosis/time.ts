// Exact capture timestamps: seconds + nanoseconds kept as integers, printed the way tshark
// prints frame.time_epoch (9 decimals), so times in reports can be compared as text.

export function epochString(sec: number, nsec: number): string {
  return `${sec}.${String(nsec).padStart(9, '0')}`;
}

/** timeMs of a time epochString printed (an ESP flow's `lastTime`). */
export function epochMs(epoch: string): number {
  const dot = epoch.indexOf('.');
  const sec = Number(dot < 0 ? epoch : epoch.slice(0, dot));
  const nsec =
    dot < 0
      ? 0
      : Number(
          epoch
            .slice(dot + 1)
            .padEnd(9, '0')
            .slice(0, 9),
        );
  return Number.isFinite(sec) && Number.isFinite(nsec) ? timeMs(sec, nsec) : 0;
}

/** The last minute printed, as "YYYY-MM-DDTHH:MM:" (a capture's sessions share few minutes). */
let lastMinute = { minute: NaN, prefix: '' };

/** Dates' range (ECMAScript: ±100,000,000 days around 1970), in milliseconds. */
const MAX_DATE_MS = 8.64e15;

/**
 * A timestamp in whole milliseconds, as isoString prints it (0 beyond Dates' range): sessions
 * counted by the thousand are ordered by this number and printed only when a report shows them.
 */
export function timeMs(sec: number, nsec: number): number {
  const ms = sec * 1000 + Math.floor(nsec / 1e6);
  return Math.abs(ms) <= MAX_DATE_MS ? ms : 0;
}

/** timeMs of a time isoString printed (a report's `start`), for ordering it with the others. */
export function isoMs(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

export function isoString(sec: number, nsec: number): string {
  return isoFromMs(timeMs(sec, nsec));
}

export function isoFromMs(ms: number): string {
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
