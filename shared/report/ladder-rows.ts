// The ladder (シーケンス図) of one session, IKE or AnyConnect: a header naming the columns, then
// one arrow per message between the client and MX columns. Every row has the same display width under the
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

/** One message of a ladder, whatever the protocol: its label is drawn on the arrow as it is. */
export interface LadderArrow {
  frame: number;
  /** Seconds since the capture's first frame (NaN: unknown). */
  seconds: number;
  direction: 'client-to-mx' | 'mx-to-client';
  label: string;
  /** Drawn with the double shaft (AnyConnect's DTLS beside its TLS). */
  double?: boolean;
}

function ikeLabel(e: TimelineEntry, w: LadderWords, g: Glyphs): string {
  const notify = e.notifies.length ? ` N(${e.notifies.join(',')})` : '';
  const mark = e.retransmission ? ` ${g.retransmission}${w.retrans}` : '';
  const step = e.step === 'INFO' ? '' : e.step + ' ';
  return ` ${e.label} ${step}${e.srcPort}${g.to}${e.dstPort}${notify}${mark} `;
}

function shaft(a: LadderArrow, g: Glyphs): { bar: string; head: string } {
  const right = a.direction === 'client-to-mx';
  if (a.double) return { bar: g.doubleBar, head: right ? g.doubleHeadRight : g.doubleHeadLeft };
  return { bar: g.bar, head: right ? g.headRight : g.headLeft };
}

function arrow(a: LadderArrow, columns: number, style: LadderStyle): string {
  const { bar: segment, head } = shaft(a, style.glyphs);
  const bar = displayWidth(segment, style.ambiguous);
  const fill = columns - displayWidth(a.label, style.ambiguous) - displayWidth(head, style.ambiguous);
  const bars = Math.floor(fill / bar);
  const padded = a.label + ' '.repeat(fill - bars * bar);
  const left = segment.repeat(Math.floor(bars / 2));
  const right = segment.repeat(bars - Math.floor(bars / 2));
  return a.direction === 'client-to-mx' ? `${left}${padded}${right}${head}` : `${head}${left}${padded}${right}`;
}

/** Seconds since the capture's first frame, as Wireshark's Time column shows them. */
function relTime(seconds: number): string {
  return Number.isFinite(seconds) ? seconds.toFixed(3).padStart(8) : '        ';
}

/** Header and arrow rows; every line has the same display width under `style.ambiguous`. */
export function drawLadder(arrows: readonly LadderArrow[], w: LadderWords, style: LadderStyle): string[] {
  if (arrows.length === 0) return [];
  const { ambiguous } = style;
  const widest = (parts: string[]) => Math.max(...parts.map((p) => displayWidth(p, ambiguous)));
  const shafts = arrows.map((a) => shaft(a, style.glyphs));
  const head = widest(shafts.map((x) => x.head));
  const bar = widest(shafts.map((x) => x.bar));
  // Room for the widest label, both heads' worth of shaft and a spare column for the odd-width case.
  const columns = Math.max(
    MIN_ARROW_COLUMNS,
    ...arrows.map((a) => displayWidth(a.label, ambiguous) + head + 2 * bar + 1),
  );
  const mx = displayWidth(w.mx, ambiguous);
  const header = `${padStart(w.frame, 8, ambiguous)} ${padStart(w.elapsed, 8, ambiguous)}  ${padEnd(w.client, columns - mx, ambiguous)}${w.mx}`;
  return [
    header,
    ...arrows.map((a) => `  ${String(a.frame).padStart(6)} ${relTime(a.seconds)}  ${arrow(a, columns, style)}`),
  ];
}

/** An IKE session's ladder (see drawLadder). */
export function ladderRows(timeline: readonly TimelineEntry[], w: LadderWords, style: LadderStyle): string[] {
  return drawLadder(
    timeline.map((e) => ({
      frame: e.frame,
      seconds: Number(e.relativeTime),
      direction: e.direction,
      label: ikeLabel(e, w, style.glyphs),
    })),
    w,
    style,
  );
}
