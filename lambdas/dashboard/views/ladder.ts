// The negotiation as a ladder diagram: a client lane and an MX lane, one arrow per timeline
// message (data-arrow), labelled with its guide step and ports; retransmissions dashed with a
// "↻" marker, error notifications red with a "⚠" marker (never colour alone); ESP drawn as one
// band per direction with its packet count.
import { isError as isErrorNotify } from '#shared/ike/notify-types.js';
import type { EspFlowSummary, SessionDiagnosis, TimelineEntry } from '#shared/report/types.js';
import type { Ctx } from '../context.js';
import { s } from '../dom.js';
import { formatBytes, formatOffset } from '../format.js';

const W = 760;
const CLIENT_X = 170;
const MX_X = 676;
const MID = (CLIENT_X + MX_X) / 2;
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
): SVGGElement {
  const y = HEADER + 20 + i * ROW;
  const lineY = y + 14;
  const c2m = e.direction === 'client-to-mx';
  const errs = e.notifies.filter(isErrorNotify);
  const kind = errs.length > 0 ? 'err' : e.retransmission ? 'retx' : 'ok';
  const [x1, x2] = c2m ? [CLIENT_X, MX_X] : [MX_X, CLIENT_X];
  const markers: string[] = [];
  if (e.retransmission) markers.push(ctx.t('retransmission'));
  if (errs.length > 0)
    markers.push(`${ctx.t('errorNotify')}: ${errs.map((n) => `${names.get(n) ?? 'NOTIFY'} (${n})`).join(', ')}`);
  const otherNotifies = e.notifies.filter((n) => !isErrorNotify(n));
  if (otherNotifies.length > 0)
    markers.push(`notify ${otherNotifies.map((n) => names.get(n) ?? String(n)).join(', ')}`);
  if (e.encrypted) markers.push(`[${ctx.t('encrypted')}]`);
  const tip = `#${e.frame} ${e.exchangeName} (${e.exchangeType}) · next payload ${e.nextPayloadName} (${e.nextPayload}) · msgid ${e.messageId} · UDP ${e.srcPort} → ${e.dstPort}`;
  return s(
    'g',
    {
      class: `arrow arrow-${kind}${e.retransmission ? ' retransmission' : ''}`,
      'data-arrow': i,
      'data-frame': e.frame,
      'data-direction': e.direction,
      'data-retransmission': e.retransmission ? 'true' : null,
    },
    s('title', null, tip),
    s('text', { x: 8, y: lineY - 2, class: 'frame-no' }, `#${e.frame}`),
    s('text', { x: 8, y: lineY + 12, class: 'offset' }, formatOffset(e.time, t0)),
    s('line', {
      x1,
      y1: lineY,
      x2: x2 + (c2m ? -3 : 3),
      y2: lineY,
      'marker-end': `url(#${ids[kind]})`,
      class: 'arrow-line',
    }),
    s(
      'text',
      { x: MID, y: lineY - 6, 'text-anchor': 'middle', class: 'arrow-label' },
      s('tspan', { class: 'step' }, stepLabel(e)),
      s('tspan', { class: 'ports', dx: 10 }, `UDP ${e.srcPort} → ${e.dstPort}`),
    ),
    markers.length > 0
      ? s(
          'text',
          { x: MID, y: lineY + 16, 'text-anchor': 'middle', class: `marker-text marker-${kind}` },
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
    s('rect', { x: CLIENT_X, y: y + 3, width: MX_X - CLIENT_X, height: BAND - 8, rx: 4 }),
    s(
      'text',
      { x: MID, y: y + BAND / 2 + 4, 'text-anchor': 'middle', class: 'esp-text' },
      flows.length ? `${dir === 'client-to-mx' ? '⟶' : '⟵'}  ${text}` : text,
    ),
  );
}

export function ladder(ctx: Ctx, session: SessionDiagnosis): SVGSVGElement {
  const id = `ladder${++seq}`;
  const ids = { ok: `${id}-ok`, retx: `${id}-retx`, err: `${id}-err` };
  const rows = session.timeline;
  const espDirs = session.esp.length > 0 ? (['client-to-mx', 'mx-to-client'] as const) : [];
  const height = HEADER + 24 + rows.length * ROW + espDirs.length * BAND + 12;
  const t0 = rows[0]?.time ?? session.esp[0]?.firstTime ?? session.start;
  const names = notifyNames(session);
  const lane = (x: number, title: string, addr: string) =>
    s(
      'g',
      { class: 'lane' },
      s('rect', { x: x - 80, y: 6, width: 160, height: 42, rx: 6 }),
      s('text', { x, y: 24, 'text-anchor': 'middle', class: 'lane-title' }, title),
      s('text', { x, y: 40, 'text-anchor': 'middle', class: 'lane-addr' }, addr),
    );
  const marker = (mid: string, cls: string) =>
    s(
      'marker',
      {
        id: mid,
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
  let y = HEADER + 24 + rows.length * ROW;
  return s(
    'svg',
    {
      class: 'ladder',
      viewBox: `0 0 ${W} ${height}`,
      width: W,
      height,
      role: 'img',
      'aria-labelledby': `${id}-title`,
      'data-session': session.id,
    },
    s('title', { id: `${id}-title` }, `${ctx.t('ladderCaption')} ${session.clientIp} ⇄ ${session.responderIp}`),
    s('defs', null, marker(ids.ok, 'mk-ok'), marker(ids.retx, 'mk-retx'), marker(ids.err, 'mk-err')),
    lane(CLIENT_X, ctx.t('laneClient'), `${session.clientIp}:${session.clientPort}`),
    lane(MX_X, ctx.t('laneMx'), `${session.responderIp}:${session.responderPort}`),
    s('line', { x1: CLIENT_X, y1: 48, x2: CLIENT_X, y2: height - 6, class: 'lifeline' }),
    s('line', { x1: MX_X, y1: 48, x2: MX_X, y2: height - 6, class: 'lifeline' }),
    rows.map((e, i) => arrow(ctx, e, i, t0, names, ids)),
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
