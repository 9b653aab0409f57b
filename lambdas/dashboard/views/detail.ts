// Capture detail: summary, verdict, download of the JSON report, the sessions (one shown at a
// time with its ladder), authentication findings and capture anomalies from the full report.
import type { AnyConnectSession } from '#shared/anyconnect/types.js';
import type { AnalysisReport, SessionDiagnosis } from '#shared/report/types.js';
import type { CaptureDetail } from '../api-types.js';
import type { Ctx } from '../context.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatTime } from '../format.js';
import type { Key } from '../i18n.js';
import { clientVerdicts, type ClientVerdict } from '#shared/view/client-verdicts.js';
import { captureHref } from '../links.js';
import { modeLabel, stepLabel } from '../labels.js';
import { badge, verdictWithTitle } from '../verdict.js';
import { errorBox, facts, labelColumns, phrase } from './common.js';
import { anyConnectView } from './anyconnect.js';
import { findingView } from './finding.js';
import { sessionView } from './session.js';
import { summariesSection } from './summaries.js';

async function download(ctx: Ctx, id: string, fileName: string): Promise<void> {
  try {
    const blob = await ctx.api.reportBlob(id);
    const url = URL.createObjectURL(blob);
    const a = h('a', {
      href: url,
      download: `${fileName.replace(/\.[^.]*$/, '') || id}.report.json`,
      class: 'visually-hidden',
    });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (e) {
    ctx.announce(ctx.t('errorPrefix', { message: e instanceof Error ? e.message : String(e) }));
  }
}

function sessionsTable(
  ctx: Ctx,
  sessions: SessionDiagnosis[],
  show: (i: number, fromUser?: boolean) => void,
): { table: HTMLElement; mark: (i: number) => void } {
  const { t } = ctx;
  const rows = sessions.map((sd, i) =>
    h(
      'tr',
      {
        class: 'clickable',
        tabindex: 0,
        'data-session-index': i,
        onclick: () => show(i, true),
        onkeydown: (ev: Event) => {
          if ((ev as KeyboardEvent).key === 'Enter') show(i, true);
        },
      },
      h('td', { class: 'mono' }, `${sd.clientIp}:${sd.clientPort}`),
      h('td', { class: 'mono' }, `${sd.responderIp}:${sd.responderPort}`),
      h('td', null, modeLabel(sd.mode, sd.ikeVersion, ctx.lang)),
      h('td', null, stepLabel(sd.stepReached, ctx.lang)),
      h('td', null, verdictWithTitle(sd.verdict, ctx.lang)),
      h('td', null, formatTime(sd.start, ctx.lang)),
    ),
  );
  // The shown session is marked by aria-current (drawn as a highlighted row with a bar).
  const mark = (sel: number) =>
    rows.forEach((r, i) => {
      if (i === sel) r.setAttribute('aria-current', 'true');
      else r.removeAttribute('aria-current');
    });
  const table = labelColumns(
    h(
      'table',
      { class: 'list sessions' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [t('colClient'), t('colResponder'), t('mode'), t('colStep'), t('verdict'), t('colTime')].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h('tbody', null, rows),
    ),
  );
  return { table, mark };
}

function authSection(ctx: Ctx, report: AnalysisReport): HTMLElement {
  return h(
    'section',
    { class: 'card auth', 'aria-labelledby': 'auth-title' },
    h('h2', { id: 'auth-title' }, ctx.t('auth')),
    report.auth.length ? report.auth.map((f) => findingView(ctx, f)) : h('p', { class: 'muted' }, ctx.t('noAuth')),
  );
}

function anomaliesSection(ctx: Ctx, report: AnalysisReport): HTMLElement | null {
  const list = report.capture.anomalies ?? [];
  if (!list.length) return null;
  return h(
    'details',
    { class: 'card anomalies' },
    h('summary', null, `${ctx.t('anomalies')} (${list.length})`),
    h(
      'ul',
      { class: 'plain mono small' },
      list
        .slice(0, 200)
        .map((a) =>
          h('li', null, `${a.frame !== undefined ? `#${a.frame} ` : ''}[${a.layer}] ${a.code}: ${a.message}`),
        ),
    ),
  );
}

/**
 * Every client's verdict at the top, each a link to its first session shown here; a client whose
 * sessions the report only counts (a capture full of scanners) says so and points to the counts,
 * rather than opening another client's session.
 */
function clientsSummary(ctx: Ctx, id: string, clients: ClientVerdict[], shown: ReadonlySet<string>): HTMLElement {
  const toSummaries = (e: Event) => {
    e.preventDefault();
    document.getElementById('summaries-title')?.scrollIntoView({ block: 'start' });
  };
  return h(
    'section',
    { class: 'card clients-summary', 'aria-labelledby': 'clients-title' },
    h('h2', { id: 'clients-title' }, ctx.t('clientsTitle', { n: clients.length })),
    h(
      'ul',
      { class: 'plain clients' },
      clients.map((c) => {
        const first = c.sessionIds.find((s) => shown.has(s));
        return h(
          'li',
          { 'data-client-ip': c.ip, 'data-verdict': c.verdict, ...(first ? {} : { 'data-counted': '' }) },
          first ? h('a', { href: captureHref(id, first), class: 'mono' }, c.ip) : h('span', { class: 'mono' }, c.ip),
          ' ',
          verdictWithTitle(c.verdict, ctx.lang),
          ' ',
          first
            ? h('span', { class: 'muted small' }, ctx.t('nSessions', { n: c.sessionIds.length }))
            : h('a', { href: '#summaries-title', class: 'muted small', onclick: toSummaries }, ctx.t('clientCounted')),
          c.notClientVpn ? [' ', h('span', { class: 'muted small not-client-vpn' }, ctx.t('notClientVpn'))] : [],
        );
      }),
    ),
  );
}

/** Every AnyConnect session of the report, the one the address names scrolled into view. */
function anyConnectSection(ctx: Ctx, sessions: AnyConnectSession[], sessionId?: string): HTMLElement {
  const views = sessions.map((s) => anyConnectView(ctx, s));
  const named = sessions.findIndex((s) => s.id === sessionId);
  if (named >= 0) setTimeout(() => views[named]!.scrollIntoView({ block: 'start' }), 0);
  return h(
    'section',
    { class: 'card anyconnect', 'aria-labelledby': 'anyconnect-title' },
    h(
      'h2',
      { id: 'anyconnect-title' },
      ctx.t('acSessions'),
      ' ',
      h('span', { class: 'muted small' }, ctx.t('sessionsOf', { n: sessions.length })),
    ),
    views,
  );
}

function framesCount(ctx: Ctx, n: number): string {
  return ctx.t(n === 1 ? 'oneFrame' : 'nFrames', { n });
}

/** What each host is, from the report: MX and client from the sessions, servers from the auth findings. */
function hostRoles(ctx: Ctx, report: AnalysisReport): Map<string, string[]> {
  const roles = new Map<string, string[]>();
  const add = (ip: string, role: string) => {
    const list = roles.get(ip) ?? [];
    if (!list.includes(role)) list.push(role);
    roles.set(ip, list);
  };
  for (const s of [...report.sessions, ...(report.anyconnect ?? [])]) {
    add(s.responderIp, ctx.t('roleMx'));
    add(s.clientIp, ctx.t('roleClient'));
  }
  const kinds: [RegExp, string][] = [
    [/^RADIUS_/, 'RADIUS'],
    [/^AD_TLS_/, 'Active Directory'],
    [/^CLOUD_DNS_/, 'DNS'],
  ];
  for (const f of report.auth) {
    const server = f.evidence.details?.server;
    const kind = kinds.find(([re]) => re.test(f.code))?.[1];
    if (typeof server === 'string' && kind) add(server.replace(/:\d+$/, ''), ctx.t('roleServer', { kind }));
  }
  return roles;
}

function hostsSection(ctx: Ctx, report: AnalysisReport, collapsed: boolean): HTMLElement {
  const roles = hostRoles(ctx, report);
  const list = h(
    'ul',
    { class: 'plain hosts' },
    report.hosts.map((x) =>
      h(
        'li',
        { 'data-host': x.ip },
        h('span', { class: 'mono' }, x.ip),
        roles.has(x.ip) ? [' ', h('span', { class: 'tag host-role' }, roles.get(x.ip)!.join(' · '))] : null,
        ` — ${framesCount(ctx, x.frames)}`,
      ),
    ),
  );
  return collapsed
    ? h('details', { class: 'card hosts-card' }, h('summary', null, ctx.t('hosts')), list)
    : h('section', { class: 'card hosts-card' }, h('h2', null, ctx.t('hosts')), list);
}

function header(ctx: Ctx, d: CaptureDetail): HTMLElement {
  const { t } = ctx;
  const c = d.capture;
  const span = c.start || c.end ? `${formatTime(c.start, ctx.lang)} – ${formatTime(c.end, ctx.lang)}` : '—';
  return h(
    'section',
    { class: 'card capture-head' },
    h(
      'div',
      { class: 'head-row' },
      h('h1', { class: 'mono filename' }, c.fileName),
      c.verdict
        ? h(
            'div',
            { class: 'capture-verdict' },
            h('span', { class: 'muted small' }, t('captureVerdict')),
            ' ',
            badge(c.verdict),
          )
        : null,
    ),
    facts([
      [t('colStatus'), t(`status_${c.status}` as Key)],
      [t('colSize'), formatBytes(c.size)],
      [t('frames'), c.frames ?? '—'],
      [t('captureSpan'), span],
      [t('colUploaded'), formatTime(c.uploadedAt, ctx.lang)],
      [t('analyzedAt'), formatTime(c.analyzedAt, ctx.lang)],
    ]),
    c.status === 'FAILED'
      ? h(
          'div',
          { class: 'error-box', role: 'alert' },
          '✕ ',
          phrase(ctx, 'analysisFailed', { name: c.fileName, reason: c.error ?? '?' }),
        )
      : null,
    c.status === 'DONE'
      ? h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              id: 'download-report',
              onclick: () => void download(ctx, c.captureId, c.fileName),
            },
            '⤓ ',
            t('downloadReport'),
          ),
        )
      : null,
  );
}

export function detailView(ctx: Ctx, id: string, sessionId?: string): HTMLElement {
  const root = h(
    'div',
    { class: 'view detail-view' },
    h('p', null, h('a', { href: '#/', class: 'back' }, ctx.t('back'))),
    h('p', { class: 'muted' }, ctx.t('loading')),
  );

  async function load(): Promise<void> {
    let d: CaptureDetail;
    try {
      d = await ctx.api.capture(id);
    } catch (e) {
      if (ctx.alive()) replace(root, root.firstChild, errorBox(ctx, e));
      return;
    }
    if (!ctx.alive()) return;
    const report = d.capture.status === 'DONE' ? await ctx.api.report(id).catch(() => undefined) : undefined;
    if (!ctx.alive()) return;
    const holder = h('div', { class: 'session-holder' });
    const parts: (Node | null)[] = [root.firstChild, header(ctx, d)];
    const clients = clientVerdicts(d.sessions, (report as { clients?: unknown } | undefined)?.clients);
    const shown = new Set([...d.sessions, ...(report?.anyconnect ?? [])].map((s) => s.id));
    if (clients.length > 1) parts.push(clientsSummary(ctx, id, clients, shown));
    if (d.capture.status === 'DONE') {
      if (d.sessions.length) {
        const show = (i: number, fromUser = false) => {
          replace(holder, sessionView(ctx, d.sessions[i]!, id));
          mark(i);
          // The address names the session shown, so it can be shared or reloaded.
          if (fromUser) history.replaceState(null, '', captureHref(id, d.sessions[i]!.id));
        };
        const { table, mark } = sessionsTable(ctx, d.sessions, show);
        parts.push(
          h(
            'section',
            { class: 'card', 'aria-labelledby': 'sessions-title' },
            h(
              'h2',
              { id: 'sessions-title' },
              ctx.t('sessions'),
              ' ',
              h('span', { class: 'muted small' }, ctx.t('sessionsOf', { n: d.sessions.length })),
            ),
            table,
          ),
          holder,
        );
        // The session the address names; otherwise the one that decided the capture verdict.
        const named = sessionId === undefined ? -1 : d.sessions.findIndex((x) => x.id === sessionId);
        const first =
          named >= 0
            ? named
            : Math.max(
                0,
                d.sessions.findIndex((x) => x.verdict === d.capture.verdict),
              );
        show(first);
      } else if (!report?.anyconnect?.length) {
        parts.push(h('section', { class: 'card' }, h('p', { class: 'muted' }, ctx.t('noSessions'))));
      }
      if (report?.anyconnect?.length) parts.push(anyConnectSection(ctx, report.anyconnect, sessionId));
      if (report) {
        if (report.findings?.length)
          parts.push(
            h(
              'section',
              { class: 'card capture-findings', 'aria-labelledby': 'cf-title' },
              h('h2', { id: 'cf-title' }, ctx.t('captureFindings')),
              report.findings.map((f) => findingView(ctx, f)),
            ),
          );
        if (report.hosts?.length) parts.push(hostsSection(ctx, report, d.sessions.length > 0));
        parts.push(summariesSection(ctx, report), authSection(ctx, report), anomaliesSection(ctx, report));
      }
    } else if (d.capture.status === 'PENDING') {
      parts.push(h('p', { class: 'muted', role: 'status' }, ctx.t('stillPending', { name: d.capture.fileName })));
      setTimeout(() => {
        if (ctx.alive()) void load();
      }, 1500);
    }
    replace(root, parts);
  }
  void load();
  return root;
}
