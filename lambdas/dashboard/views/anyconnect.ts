// One AnyConnect session of a capture: its verdict with explanation and checklist, a ladder with
// three lanes (the client, the MX's TCP port carrying TLS, the MX's UDP port carrying DTLS), the
// MX's certificate as the capture shows it with the checks the capture can make on its own, and
// the other findings. Everything from the report arrives as text nodes (dom.ts).
import type { AnyConnectSession, AnyConnectTimelineEntry } from '#shared/anyconnect/types.js';
import { recognizedByWords } from '#shared/report/recognized-by-words.js';
import { TLS_VERSIONS, tlsName } from '#shared/tls/constants.js';
import type { Ctx } from '../context.js';
import { h, s } from '../dom.js';
import { modeLabel, stepLabel } from '../labels.js';
import { badge } from '../verdict.js';
import { facts } from './common.js';
import { findingView } from './finding.js';
import { arrowStem, ladderRoot, laneHeader, markerIds } from './ladder-svg.js';

interface Geometry {
  W: number;
  CLIENT_X: number;
  TLS_X: number;
  DTLS_X: number;
  LANE_W: number;
}
const WIDE: Geometry = { W: 760, CLIENT_X: 150, TLS_X: 450, DTLS_X: 660, LANE_W: 150 };
const NARROW: Geometry = { W: 360, CLIENT_X: 100, TLS_X: 220, DTLS_X: 310, LANE_W: 86 };
const HEADER = 64;
const ROW = 40;

let seq = 0;

const hex4 = (v: number) => `0x${v.toString(16).padStart(4, '0')}`;
const version = (v: number | undefined) => (v === undefined ? '—' : (tlsName(TLS_VERSIONS, v) ?? hex4(v)));

function arrow(ctx: Ctx, g: Geometry, e: AnyConnectTimelineEntry, i: number, t0: string, ids: Record<string, string>) {
  const lineY = HEADER + 20 + i * ROW + 14;
  const c2m = e.direction === 'client-to-mx';
  const far = e.channel === 'dtls' ? g.DTLS_X : g.TLS_X;
  const [x1, x2] = c2m ? [g.CLIENT_X, far] : [far, g.CLIENT_X];
  const kind =
    e.kind === 'alert' || e.kind === 'dtlsAlert' || e.kind === 'rst' ? 'err' : e.retransmission ? 'retx' : 'ok';
  const label = e.label.replace(/ ↻$/, '');
  return s(
    'g',
    {
      class: `arrow ac-arrow arrow-${kind} channel-${e.channel}${e.retransmission ? ' retransmission' : ''}`,
      'data-arrow': i,
      'data-frame': e.frame,
      'data-channel': e.channel,
      'data-kind': e.kind,
      'data-direction': e.direction,
      'data-retransmission': e.retransmission ? 'true' : null,
    },
    s('title', null, `#${e.frame} ${e.channel.toUpperCase()} ${label} · ${ctx.t('acClientPort')} ${e.clientPort}`),
    arrowStem(e.frame, e.time, t0, lineY, x1, x2, ids[kind]),
    s(
      'text',
      { x: (x1 + x2) / 2, y: lineY - 6, 'text-anchor': 'middle', class: 'arrow-label' },
      s('tspan', { class: 'step' }, label),
      e.retransmission ? s('tspan', { class: 'marker-retx', dx: 8 }, ctx.t('retransmission')) : null,
    ),
  );
}

/** The ladder: client, MX TCP (TLS) and MX UDP (DTLS) lanes, one arrow per timeline entry. */
export function anyConnectLadder(
  ctx: Ctx,
  session: AnyConnectSession,
  narrow = window.innerWidth < 640,
): SVGSVGElement {
  const g = narrow ? NARROW : WIDE;
  const id = `acladder${++seq}`;
  const ids = markerIds(id);
  const rows = session.timeline;
  const height = HEADER + 24 + rows.length * ROW + 12;
  const t0 = rows[0]?.time ?? '0';
  const port = session.responderPort;
  const lane = (x: number, title: string, addr: string, cls: string) => laneHeader(x, g.LANE_W, title, addr, cls);
  const lifeline = (x: number, cls: string) =>
    s('line', { x1: x, y1: 48, x2: x, y2: height - 6, class: `lifeline ${cls}` });
  return ladderRoot(
    {
      id,
      className: narrow ? 'ladder ac-ladder narrow' : 'ladder ac-ladder',
      width: g.W,
      height,
      sessionId: session.id,
      caption: `${ctx.t('acLadderCaption')} ${session.clientIp} ⇄ ${session.responderIp}`,
      ids,
    },
    lane(g.CLIENT_X, ctx.t('laneClient'), session.clientIp, 'lane-client'),
    lane(g.TLS_X, ctx.t('acLaneTls'), `${session.responderIp} TCP ${port}`, 'lane-tls'),
    lane(g.DTLS_X, ctx.t('acLaneDtls'), `UDP ${port}`, 'lane-dtls'),
    lifeline(g.CLIENT_X, 'lifeline-client'),
    lifeline(g.TLS_X, 'lifeline-tls'),
    lifeline(g.DTLS_X, 'lifeline-dtls'),
    rows.map((e, i) => arrow(ctx, g, e, i, t0, ids)),
  );
}

/** What the capture can check of the MX's certificate, each passed or failed by a finding. */
const CHECKS: { codes: string[]; key: 'acCheckValidity' | 'acCheckName' | 'acCheckIssuer' | 'acCheckChain' }[] = [
  { codes: ['ANYCONNECT_CERT_EXPIRED', 'ANYCONNECT_CERT_NOT_YET_VALID'], key: 'acCheckValidity' },
  { codes: ['ANYCONNECT_CERT_NAME_MISMATCH'], key: 'acCheckName' },
  { codes: ['ANYCONNECT_CERT_SELF_SIGNED'], key: 'acCheckIssuer' },
  { codes: ['ANYCONNECT_CERT_CHAIN_INCOMPLETE'], key: 'acCheckChain' },
];

export function certificatePanel(ctx: Ctx, session: AnyConnectSession): HTMLElement | null {
  const chain = session.certificates ?? [];
  const leaf = chain[0];
  if (!leaf) return null;
  const { t } = ctx;
  const mono = (v: string) => h('span', { class: 'mono', translate: 'no' }, v);
  const names = [...leaf.sans, ...(leaf.ipSans ?? [])];
  return h(
    'section',
    { class: 'certificate-panel', 'aria-label': t('acCertificate') },
    h('h3', null, t('acCertificate')),
    facts([
      [t('acSubject'), mono(leaf.subject)],
      [t('acIssuer'), mono(leaf.issuer)],
      [
        t('acSans'),
        names.length
          ? h(
              'ul',
              { class: 'plain' },
              names.map((n) => h('li', null, mono(n))),
            )
          : '—',
      ],
      [t('acValidity'), mono(`${leaf.notBefore ?? '?'} – ${leaf.notAfter ?? '?'}`)],
      [t('acKeyType'), mono(leaf.keyType ?? '—')],
      [t('acSelfIssued'), leaf.selfIssued ? t('yes') : t('no')],
      [t('acChain'), t(chain.length === 1 ? 'acChainLengthOne' : 'acChainLength', { n: chain.length })],
    ]),
    h(
      'ul',
      { class: 'plain cert-checks' },
      CHECKS.map((c) => {
        const failed = session.findings.find((f) => c.codes.includes(f.code));
        return h(
          'li',
          { 'data-check': c.key, 'data-passed': failed ? 'false' : 'true' },
          failed ? badge(failed.code, failed.severity) : h('span', { class: 'badge sev-ok' }, '✓'),
          ' ',
          t(c.key),
          failed ? [' — ', h('span', { 'data-report-text': '' }, failed.title[ctx.lang] ?? failed.title.en)] : null,
        );
      }),
    ),
  );
}

function tlsFacts(ctx: Ctx, session: AnyConnectSession): HTMLDListElement {
  const { t } = ctx;
  const tls = session.tls;
  const offered = tls.supportedVersions?.length
    ? tls.supportedVersions
    : tls.clientHelloVersion !== undefined
      ? [tls.clientHelloVersion]
      : [];
  const pairs: [string, string | Node][] = [
    [t('mode'), modeLabel(session.mode, null, ctx.lang)],
    [t('colStep'), stepLabel(session.stepReached, ctx.lang)],
    [
      t('acRecognizedBy'),
      h(
        'span',
        null,
        recognizedByWords(session.recognizedBy, ctx.lang),
        ' ',
        h('span', { class: 'mono muted small' }, `(${session.recognizedBy})`),
      ),
    ],
  ];
  if (tls.sni !== undefined) pairs.push(['SNI', h('span', { class: 'mono', translate: 'no' }, tls.sni)]);
  if (offered.length)
    pairs.push([
      t('acTlsOffered'),
      `${offered.map(version).join(', ')} · ${t('acSuites', { n: tls.offeredSuites?.length ?? 0 })}`,
    ]);
  if (tls.serverVersion !== undefined)
    pairs.push([
      t('acTlsChosen'),
      `${version(tls.serverVersion)} · ${tls.cipherSuite !== undefined ? hex4(tls.cipherSuite) : '—'}`,
    ]);
  pairs.push([t('acTlsRecords'), t('acRecords', { up: tls.clientToMx.records, down: tls.mxToClient.records })]);
  if (session.dtls)
    pairs.push([
      'DTLS',
      `${version(session.dtls.version)} · ${t('acDtlsHellos', { n: session.dtls.clientHellos })} · ${session.dtls.answered ? t('acAnswered') : t('acNotAnswered')} · ${t('acRecords', { up: session.dtls.clientToMx.records, down: session.dtls.mxToClient.records })}`,
    ]);
  return facts(pairs);
}

export function anyConnectView(ctx: Ctx, session: AnyConnectSession): HTMLElement {
  const [primary, ...rest] = session.findings;
  return h(
    'article',
    { class: 'card anyconnect-session', 'data-session': session.id, 'data-verdict': session.verdict },
    h('h3', null, `${session.clientIp} ⇄ ${session.responderIp}:${session.responderPort} `, badge(session.verdict)),
    tlsFacts(ctx, session),
    primary ? findingView(ctx, primary) : null,
    h('div', { class: 'ladder-wrap' }, anyConnectLadder(ctx, session)),
    session.timelineTruncated
      ? h('p', { class: 'muted small' }, ctx.t('timelineTruncated', { n: session.timeline.length }))
      : null,
    certificatePanel(ctx, session),
    rest.length
      ? h(
          'div',
          { class: 'other-findings' },
          rest.map((f) => findingView(ctx, f)),
        )
      : null,
  );
}
