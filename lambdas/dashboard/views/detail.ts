// Capture detail: summary, verdict, download of the JSON report, the sessions (one shown at a
// time with its ladder), authentication findings and capture anomalies from the full report.
import type { AnalysisReport, SessionDiagnosis } from '#shared/report/types.js';
import type { CaptureDetail } from '../api-types.js';
import type { Ctx } from '../context.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatTime } from '../format.js';
import type { Key } from '../i18n.js';
import { captureHref } from '../links.js';
import { modeLabel, stepLabel } from '../labels.js';
import { badge, verdictWithTitle } from '../verdict.js';
import { errorBox, facts } from './common.js';
import { findingView } from './finding.js';
import { sessionView } from './session.js';

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
  const table = h(
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

function framesCount(ctx: Ctx, n: number): string {
  return ctx.t(n === 1 ? 'oneFrame' : 'nFrames', { n });
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
          t('analysisFailed', { name: c.fileName, reason: c.error ?? '?' }),
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
    if (d.capture.status === 'DONE') {
      if (d.sessions.length) {
        const show = (i: number, fromUser = false) => {
          replace(holder, sessionView(ctx, d.sessions[i]!));
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
      } else {
        parts.push(h('section', { class: 'card' }, h('p', { class: 'muted' }, ctx.t('noSessions'))));
      }
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
        if (report.hosts?.length && !d.sessions.length)
          parts.push(
            h(
              'section',
              { class: 'card' },
              h('h2', null, ctx.t('hosts')),
              h(
                'ul',
                { class: 'plain mono' },
                report.hosts.map((x) => h('li', null, `${x.ip} — ${framesCount(ctx, x.frames)}`)),
              ),
            ),
          );
        parts.push(authSection(ctx, report), anomaliesSection(ctx, report));
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
