// The negotiation as a ladder diagram: a client lane and an MX lane, one arrow per timeline
// message (data-arrow), labelled with its guide step and ports; retransmissions dashed with a
// "↻" marker, error notifications red with a "⚠" marker (never colour alone); ESP drawn as one
// band per direction with its packet count.
import { isError as isErrorNotify } from '#shared/ike/notify-types.js';
import type { EspFlowSummary, SessionDiagnosis, TimelineEntry } from '#shared/report/types.js';
import type { Ctx } from '../context.js';
import { s } from '../dom.js';
import { formatBytes } from '../format.js';
import { arrowStem, ladderRoot, laneHeader, markerIds } from './ladder-svg.js';

/** Lane positions: the wide layout, and a narrow one for phones that keeps both lanes on screen. */
interface Geometry {
  W: number;
  CLIENT_X: number;
  MX_X: number;
  MID: number;
  LANE_W: number;
}
const WIDE: Geometry = { W: 760, CLIENT_X: 170, MX_X: 676, MID: 423, LANE_W: 160 };
const NARROW: Geometry = { W: 360, CLIENT_X: 108, MX_X: 306, MID: 207, LANE_W: 104 };
let G: Geometry = WIDE;
const HEADER = 64;
const ROW = 46;
const BAND = 34;

let seq = 0;

function notifyNames(session: SessionDiagnosis): Map<number, string> {
  const names = new Map<number, string>();
  for (const f of session.findings) for (const n of f.evidence.notifies ?? []) names.set(n.type, n.name);
  return names;
}

function stepLabel(e: TimelineEntry): string {
  const label = e.label || e.exchangeName;
  return e.step !== 'NONE' && !label.split(/\s+/).includes(e.step) ? `${label} ${e.step}` : label;
}

function arrow(
  ctx: Ctx,
  e: TimelineEntry,
  i: number,
  t0: string,
  names: Map<number, string>,
  ids: Record<string, string>,
  onOpen?: (frame: number) => void,
): SVGGElement {
  const y = HEADER + 20 + i * ROW;
  const lineY = y + 14;
  const c2m = e.direction === 'client-to-mx';
  const errs = e.notifies.filter(isErrorNotify);
  const kind = errs.length > 0 ? 'err' : e.retransmission ? 'retx' : 'ok';
  const [x1, x2] = c2m ? [G.CLIENT_X, G.MX_X] : [G.MX_X, G.CLIENT_X];
  const markers: string[] = [];
  if (e.retransmission) markers.push(ctx.t('retransmission'));
  if (errs.length > 0)
    markers.push(`${ctx.t('errorNotify')}: ${errs.map((n) => `${names.get(n) ?? 'NOTIFY'} (${n})`).join(', ')}`);
  const otherNotifies = e.notifies.filter((n) => !isErrorNotify(n));
  if (otherNotifies.length > 0)
    markers.push(`${ctx.t('notify')} ${otherNotifies.map((n) => names.get(n) ?? String(n)).join(', ')}`);
  if (e.encrypted) markers.push(`[${ctx.t('encrypted')}]`);
  const tip = `#${e.frame} ${e.exchangeName} (${e.exchangeType}) · ${ctx.t('nextPayload')} ${e.nextPayloadName} (${e.nextPayload}) · ${ctx.t('messageId')} ${e.messageId} · UDP ${e.srcPort} → ${e.dstPort}`;
  return s(
    'g',
    {
      class: `arrow arrow-${kind}${e.retransmission ? ' retransmission' : ''}`,
      'data-arrow': i,
      'data-frame': e.frame,
      'data-direction': e.direction,
      'data-retransmission': e.retransmission ? 'true' : null,
      // A message opens its decoded payloads, by click or by keyboard (Enter / Space).
      tabindex: onOpen ? 0 : null,
      role: onOpen ? 'button' : null,
      'aria-label': onOpen ? `${ctx.t('openMessage', { n: e.frame })}: ${stepLabel(e)}` : null,
      onclick: onOpen ? () => onOpen(e.frame) : null,
      onkeydown: onOpen
        ? (ev: Event) => {
            const k = (ev as KeyboardEvent).key;
            if (k === 'Enter' || k === ' ') {
              ev.preventDefault();
              onOpen(e.frame);
            }
          }
        : null,
    },
    s('title', null, tip),
    arrowStem(e.frame, e.time, t0, lineY, x1, x2, ids[kind]),
    s(
      'text',
      { x: G.MID, y: lineY - 6, 'text-anchor': 'middle', class: 'arrow-label' },
      s('tspan', { class: 'step' }, stepLabel(e)),
      s('tspan', { class: 'ports', dx: 10 }, `UDP ${e.srcPort} → ${e.dstPort}`),
    ),
    markers.length > 0
      ? s(
          'text',
          { x: G.MID, y: lineY + 16, 'text-anchor': 'middle', class: `marker-text marker-${kind}` },
          markers.join('  ·  '),
        )
      : null,
  );
}

function espBand(ctx: Ctx, dir: EspFlowSummary['direction'], flows: EspFlowSummary[], y: number): SVGGElement {
  const dirText = ctx.t(dir === 'client-to-mx' ? 'dirC2M' : 'dirM2C');
  const packets = flows.reduce((a, f) => a + f.packets, 0);
  const bytes = flows.reduce((a, f) => a + f.bytes, 0);
  const text =
    flows.length === 0
      ? `✕ ${ctx.t('espNone', { dir: dirText })}`
      : ctx.t('espBand', {
          dir: dirText,
          packets,
          bytes: formatBytes(bytes),
          spi: flows.map((f) => f.spi).join(', '),
          encap: flows.some((f) => f.udpEncapsulated) ? ctx.t('espEncap') : '',
        });
  const frames = flows.length
    ? `#${Math.min(...flows.map((f) => f.firstFrame))}–${Math.max(...flows.map((f) => f.lastFrame))}`
    : '';
  return s(
    'g',
    { class: `esp-band ${flows.length ? 'esp-present' : 'esp-missing'}`, 'data-esp': dir, 'data-packets': packets },
    s('text', { x: 8, y: y + BAND / 2 + 4, class: 'frame-no' }, frames),
    s('rect', { x: G.CLIENT_X, y: y + 3, width: G.MX_X - G.CLIENT_X, height: BAND - 8, rx: 4 }),
    s(
      'text',
      { x: G.MID, y: y + BAND / 2 + 4, 'text-anchor': 'middle', class: 'esp-text' },
      flows.length ? `${dir === 'client-to-mx' ? '⟶' : '⟵'}  ${text}` : text,
    ),
  );
}

/**
 * The message a verdict says was due and never came: drawn after the last one as a dashed
 * "expected, not seen" arrow. From the verdict's meaning (GUIDE.md), not from habit.
 */
const EXPECTED: Partial<Record<string, { label: string; direction: TimelineEntry['direction']; ports?: string }>> = {
  NO_RESPONSE_FROM_MX: { label: 'MM2 SA', direction: 'mx-to-client' },
  SA_RETRANSMITTED: { label: 'MM3 KE', direction: 'client-to-mx' },
  KE_RETRANSMITTED: { label: 'MM5 ID', direction: 'client-to-mx' },
  NAT_T_BLOCKED: { label: 'MM5 ID', direction: 'client-to-mx', ports: 'UDP 4500 → 4500' },
  PSK_MISMATCH: { label: 'MM6 ID', direction: 'mx-to-client' },
  PHASE2_RETRANSMITTED: { label: 'QM2 HASH', direction: 'mx-to-client' },
};

function expectedArrow(ctx: Ctx, verdict: string, i: number, ids: Record<string, string>): SVGGElement | null {
  const want = EXPECTED[verdict];
  if (!want) return null;
  const lineY = HEADER + 20 + i * ROW + 14;
  const c2m = want.direction === 'client-to-mx';
  const [x1, x2] = c2m ? [G.CLIENT_X, G.MX_X] : [G.MX_X, G.CLIENT_X];
  return s(
    'g',
    { class: 'arrow arrow-expected', 'data-expected': want.label, 'data-direction': want.direction },
    s('line', {
      x1,
      y1: lineY,
      x2: x2 + (c2m ? -3 : 3),
      y2: lineY,
      'marker-end': `url(#${ids.retx})`,
      class: 'arrow-line',
    }),
    s(
      'text',
      { x: G.MID, y: lineY - 6, 'text-anchor': 'middle', class: 'arrow-label' },
      s('tspan', { class: 'step' }, want.label),
      want.ports ? s('tspan', { class: 'ports', dx: 10 }, want.ports) : null,
    ),
    s(
      'text',
      { x: G.MID, y: lineY + 16, 'text-anchor': 'middle', class: 'marker-text marker-expected' },
      `? ${ctx.t('expectedNotSeen')}`,
    ),
  );
}

export function ladder(
  ctx: Ctx,
  session: SessionDiagnosis,
  onOpen?: (frame: number) => void,
  narrow = window.innerWidth < 640,
): SVGSVGElement {
  G = narrow ? NARROW : WIDE;
  const id = `ladder${++seq}`;
  const ids = markerIds(id);
  const rows = session.timeline;
  const espDirs = session.esp.length > 0 ? (['client-to-mx', 'mx-to-client'] as const) : [];
  const expected = session.timelineTruncated ? undefined : EXPECTED[session.verdict];
  const drawn = rows.length + (expected ? 1 : 0);
  const height = HEADER + 24 + drawn * ROW + espDirs.length * BAND + 12;
  const t0 = rows[0]?.time ?? session.esp[0]?.firstTime ?? session.start;
  const names = notifyNames(session);
  const lane = (x: number, title: string, addr: string) => laneHeader(x, G.LANE_W, title, addr);
  let y = HEADER + 24 + drawn * ROW;
  return ladderRoot(
    {
      id,
      className: narrow ? 'ladder narrow' : 'ladder',
      width: G.W,
      height,
      sessionId: session.id,
      caption: `${ctx.t('ladderCaption')} ${session.clientIp} ⇄ ${session.responderIp}`,
      ids,
    },
    lane(G.CLIENT_X, ctx.t('laneClient'), `${session.clientIp}:${session.clientPort}`),
    lane(G.MX_X, ctx.t('laneMx'), `${session.responderIp}:${session.responderPort}`),
    s('line', { x1: G.CLIENT_X, y1: 48, x2: G.CLIENT_X, y2: height - 6, class: 'lifeline' }),
    s('line', { x1: G.MX_X, y1: 48, x2: G.MX_X, y2: height - 6, class: 'lifeline' }),
    rows.map((e, i) => arrow(ctx, e, i, t0, names, ids, onOpen)),
    expected ? expectedArrow(ctx, session.verdict, rows.length, ids) : null,
    espDirs.map((dir) => {
      const g = espBand(
        ctx,
        dir,
        session.esp.filter((f) => f.direction === dir),
        y,
      );
      y += BAND;
      return g;
    }),
  );
}
