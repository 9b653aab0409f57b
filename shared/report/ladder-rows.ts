// The ladder (シーケンス図) of one session: a header naming the columns, then one arrow per
// message between the client and MX columns. Every row has the same display width under the
// rule it is drawn for: the arrow column is as wide as the longest label needs, and a shaft
// segment two columns wide (ambiguous-wide terminals) leaves at most one column, filled with a
// space.
import { displayWidth, padEnd, padStart, type AmbiguousWidth } from './display-width.js';
import type { Glyphs } from './terminal-glyphs.js';
import type { TimelineEntry } from './types.js';

/** The narrowest arrow column, in display columns. */
export const MIN_ARROW_COLUMNS = 44;

export interface LadderStyle {
  ambiguous: AmbiguousWidth;
  glyphs: Glyphs;
}

export interface LadderWords {
  frame: string;
  elapsed: string;
  client: string;
  mx: string;
  retrans: string;
}

function label(e: TimelineEntry, w: LadderWords, g: Glyphs): string {
  const notify = e.notifies.length ? ` N(${e.notifies.join(',')})` : '';
  const mark = e.retransmission ? ` ${g.retransmission}${w.retrans}` : '';
  const step = e.step === 'INFO' ? '' : e.step + ' ';
  return ` ${e.label} ${step}${e.srcPort}${g.to}${e.dstPort}${notify}${mark} `;
}

function arrow(e: TimelineEntry, text: string, columns: number, style: LadderStyle): string {
  const g = style.glyphs;
  const head = e.direction === 'client-to-mx' ? g.headRight : g.headLeft;
  const bar = displayWidth(g.bar, style.ambiguous);
  const fill = columns - displayWidth(text, style.ambiguous) - displayWidth(head, style.ambiguous);
  const bars = Math.floor(fill / bar);
  const padded = text + ' '.repeat(fill - bars * bar);
  const left = g.bar.repeat(Math.floor(bars / 2));
  const right = g.bar.repeat(bars - Math.floor(bars / 2));
  return e.direction === 'client-to-mx' ? `${left}${padded}${right}${head}` : `${head}${left}${padded}${right}`;
}

/** Seconds since the capture's first frame, as Wireshark's Time column shows them. */
function relTime(e: TimelineEntry): string {
  const d = Number(e.relativeTime);
  return Number.isFinite(d) ? d.toFixed(3).padStart(8) : '        ';
}

/** Header and arrow rows; every line has the same display width under `style.ambiguous`. */
export function ladderRows(timeline: readonly TimelineEntry[], w: LadderWords, style: LadderStyle): string[] {
  if (timeline.length === 0) return [];
  const { ambiguous, glyphs: g } = style;
  const labels = timeline.map((e) => label(e, w, g));
  const head = Math.max(displayWidth(g.headRight, ambiguous), displayWidth(g.headLeft, ambiguous));
  const bar = displayWidth(g.bar, ambiguous);
  // Room for the widest label, both heads' worth of shaft and a spare column for the odd-width case.
  const columns = Math.max(MIN_ARROW_COLUMNS, ...labels.map((l) => displayWidth(l, ambiguous) + head + 2 * bar + 1));
  const mx = displayWidth(w.mx, ambiguous);
  const header = `${padStart(w.frame, 8, ambiguous)} ${padStart(w.elapsed, 8, ambiguous)}  ${padEnd(w.client, columns - mx, ambiguous)}${w.mx}`;
  return [
    header,
    ...timeline.map((e, i) => `  ${String(e.frame).padStart(6)} ${relTime(e)}  ${arrow(e, labels[i], columns, style)}`),
  ];
}
