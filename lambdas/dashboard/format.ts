// Number, size and time formatting for display. Times in the report are strings; we never
// trust them to parse.
import type { Lang } from './i18n.js';

export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n) || n < 0) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** An ISO time or a tshark epoch string ("1700000000.123456789") as a Date, or undefined. */
export function parseTime(t: string | undefined): Date | undefined {
  if (!t) return undefined;
  const d = /^\d+(\.\d+)?$/.test(t) ? new Date(Number(t) * 1000) : new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export type TimeZoneMode = 'local' | 'utc';

let zoneMode: TimeZoneMode = 'local';

/** Times are shown in the browser's zone or in UTC (the CLI's), as the user chose. */
export function setTimeZoneMode(mode: TimeZoneMode): void {
  zoneMode = mode;
}

export function timeZoneMode(): TimeZoneMode {
  return zoneMode;
}

/** "UTC+09:00" for a local time, "UTC" for UTC: the zone always said. */
function zoneName(d: Date): string {
  if (zoneMode === 'utc') return 'UTC';
  const off = -d.getTimezoneOffset();
  if (off === 0) return 'UTC';
  const a = Math.abs(off);
  return `UTC${off > 0 ? '+' : '-'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Date and time to the second, with its zone, in the chosen zone. */
export function formatTime(t: string | undefined, lang: Lang): string {
  const d = parseTime(t);
  if (!d) return t ?? '—';
  // ISO-like in both languages: unambiguous and sortable, as engineers read logs.
  void lang;
  const p = (n: number) => String(n).padStart(2, '0');
  const utc = zoneMode === 'utc';
  const [y, mo, da, hh, mi, ss] = utc
    ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  return `${y}-${p(mo + 1)}-${p(da)} ${p(hh)}:${p(mi)}:${p(ss)} ${zoneName(d)}`;
}

/** Seconds between two epoch strings, as "+1.234 s". */
export function formatOffset(t: string, t0: string): string {
  const a = Number(t);
  const b = Number(t0);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return '';
  return `+${(a - b).toFixed(3)} s`;
}

/** Frame lists can be long: show the first few and a count. */
export function formatFrames(frames: number[], max = 12): string {
  if (frames.length <= max) return frames.join(', ');
  return `${frames.slice(0, max).join(', ')} … (+${frames.length - max})`;
}
