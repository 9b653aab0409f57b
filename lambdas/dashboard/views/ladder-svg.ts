// SVG pieces both sequence diagrams draw (IKE in ladder.ts, AnyConnect in anyconnect.ts): the
// diagram's root with its caption and arrowheads, a lane header box with its title and address,
// and the arrowhead marker.
import { s, type Child } from '../dom.js';
import { formatOffset } from '../format.js';

/** Ids of one diagram's arrowheads: answered, repeated, failed. */
export type MarkerIds = { ok: string; retx: string; err: string };

export function markerIds(id: string): MarkerIds {
  return { ok: `${id}-ok`, retx: `${id}-retx`, err: `${id}-err` };
}

export interface LadderRoot {
  id: string;
  className: string;
  width: number;
  height: number;
  sessionId: string;
  caption: string;
  ids: MarkerIds;
}

/** The diagram's <svg>: sized, labelled by its caption, with its three arrowheads defined. */
export function ladderRoot(r: LadderRoot, ...children: Child[]): SVGSVGElement {
  return s(
    'svg',
    {
      class: r.className,
      viewBox: `0 0 ${r.width} ${r.height}`,
      width: r.width,
      height: r.height,
      role: 'img',
      'aria-labelledby': `${r.id}-title`,
      'data-session': r.sessionId,
    },
    s('title', { id: `${r.id}-title` }, r.caption),
    s(
      'defs',
      null,
      arrowMarker(r.ids.ok, 'mk-ok'),
      arrowMarker(r.ids.retx, 'mk-retx'),
      arrowMarker(r.ids.err, 'mk-err'),
    ),
    ...children,
  );
}

/**
 * What every message arrow draws at row height `lineY`: its frame number and time offset in the
 * left margin, and the line from `x1` to `x2` ending in the arrowhead `markerId`.
 */
export function arrowStem(
  frame: number,
  time: string,
  t0: string,
  lineY: number,
  x1: number,
  x2: number,
  markerId: string,
): SVGElement[] {
  return [
    s('text', { x: 8, y: lineY - 2, class: 'frame-no' }, `#${frame}`),
    s('text', { x: 8, y: lineY + 12, class: 'offset' }, formatOffset(time, t0)),
    s('line', {
      x1,
      y1: lineY,
      x2: x2 + (x2 > x1 ? -3 : 3),
      y2: lineY,
      'marker-end': `url(#${markerId})`,
      class: 'arrow-line',
    }),
  ];
}

export function laneHeader(x: number, laneWidth: number, title: string, addr: string, cls = ''): SVGElement {
  return s(
    'g',
    { class: cls ? `lane ${cls}` : 'lane' },
    s('rect', { x: x - laneWidth / 2, y: 6, width: laneWidth, height: 42, rx: 6 }),
    s('text', { x, y: 24, 'text-anchor': 'middle', class: 'lane-title' }, title),
    s('text', { x, y: 40, 'text-anchor': 'middle', class: 'lane-addr' }, addr),
  );
}

function arrowMarker(id: string, cls: string): SVGElement {
  return s(
    'marker',
    {
      id,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      orient: 'auto-start-reverse',
      class: cls,
    },
    s('path', { d: 'M0,0 L10,5 L0,10 z' }),
  );
}
