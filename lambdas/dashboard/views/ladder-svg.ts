// SVG pieces both sequence diagrams draw (IKE in ladder.ts, AnyConnect in anyconnect.ts): a lane
// header box with its title and address, and the arrowhead marker.
import { s } from '../dom.js';

export function laneHeader(x: number, laneWidth: number, title: string, addr: string, cls = ''): SVGElement {
  return s(
    'g',
    { class: cls ? `lane ${cls}` : 'lane' },
    s('rect', { x: x - laneWidth / 2, y: 6, width: laneWidth, height: 42, rx: 6 }),
    s('text', { x, y: 24, 'text-anchor': 'middle', class: 'lane-title' }, title),
    s('text', { x, y: 40, 'text-anchor': 'middle', class: 'lane-addr' }, addr),
  );
}

export function arrowMarker(id: string, cls: string): SVGElement {
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
