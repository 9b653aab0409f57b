// Terminal columns of text. East Asian Wide and Fullwidth characters take two columns
// everywhere; East Asian Ambiguous ones (─ ▶ ◀ → · … × •, Greek, Cyrillic) take two in
// terminals set up for Japanese (Tera Term, PuTTY, iTerm2 "ambiguous characters are
// double-width", a ja_JP locale) and one elsewhere. Which rule applies is the caller's choice:
// nothing here reads the environment.
import { AMBIGUOUS_RANGES, WIDE_RANGES } from './east-asian-width-data.js';

/** How East Asian Ambiguous characters are counted: 'narrow' one column, 'wide' two. */
export type AmbiguousWidth = 'narrow' | 'wide';

function parseRanges(text: string): Uint32Array {
  const items = text.trim().split(/\s+/);
  const out = new Uint32Array(items.length * 2);
  items.forEach((item, i) => {
    const [a, b = a] = item.split('-');
    out[2 * i] = parseInt(a, 16);
    out[2 * i + 1] = parseInt(b, 16);
  });
  return out;
}

const WIDE = parseRanges(WIDE_RANGES);
const AMBIGUOUS = parseRanges(AMBIGUOUS_RANGES);

/** Binary search in sorted [start, end] pairs. */
function inRanges(ranges: Uint32Array, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[2 * mid]) hi = mid - 1;
    else if (cp > ranges[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns of one code point (ASCII fast path). */
export function codePointWidth(cp: number, ambiguous: AmbiguousWidth = 'narrow'): 1 | 2 {
  if (cp < 0xa1) return 1;
  if (inRanges(WIDE, cp)) return 2;
  return ambiguous === 'wide' && inRanges(AMBIGUOUS, cp) ? 2 : 1;
}

/** Terminal columns of a string under the given rule for ambiguous characters. */
export function displayWidth(text: string, ambiguous: AmbiguousWidth = 'narrow'): number {
  let n = 0;
  for (const ch of text) n += codePointWidth(ch.codePointAt(0)!, ambiguous);
  return n;
}

/** `text` followed by spaces up to `columns` display columns. */
export function padEnd(text: string, columns: number, ambiguous: AmbiguousWidth = 'narrow'): string {
  return text + ' '.repeat(Math.max(0, columns - displayWidth(text, ambiguous)));
}

/** Spaces then `text`, up to `columns` display columns. */
export function padStart(text: string, columns: number, ambiguous: AmbiguousWidth = 'narrow'): string {
  return ' '.repeat(Math.max(0, columns - displayWidth(text, ambiguous))) + text;
}
