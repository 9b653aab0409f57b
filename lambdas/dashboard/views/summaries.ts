// Sessions and clients the report only counts (a capture with more than the report keeps in
// full, e.g. a day of internet scanners): one table row per verdict and responder, with how
// many sessions and client addresses, a sample of them, and where in the capture they are.
import type { AnalysisReport } from '#shared/report/types.js';
import type { Ctx } from '../context.js';
import { h } from '../dom.js';
import { formatTime } from '../format.js';
import { verdictWithTitle } from '../verdict.js';
import { labelColumns } from './common.js';

function table(heads: string[], rows: HTMLElement[]): HTMLElement {
  return labelColumns(
    h(
      'table',
      { class: 'list summaries' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          heads.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', null, rows),
    ),
  );
}

export function summariesSection(ctx: Ctx, report: AnalysisReport): HTMLElement | null {
  const sessions = report.sessionSummaries ?? [];
  const clients = report.clientSummaries ?? [];
  if (!sessions.length && !clients.length) return null;
  const { t, lang } = ctx;
  const sample = (ips: string[], n: number) => ips.join(', ') + (n > ips.length ? ', …' : '');
  return h(
    'section',
    { class: 'card summaries', 'aria-labelledby': 'summaries-title' },
    h('h2', { id: 'summaries-title' }, t('summariesTitle')),
    h(
      'p',
      { class: 'muted small' },
      t('summariesHelp', { n: report.sessions.length + (report.anyconnect?.length ?? 0) }),
    ),
    sessions.length
      ? table(
          [
            t('verdict'),
            t('colResponder'),
            t('summarySessions'),
            t('summaryClients'),
            t('summarySample'),
            t('summaryFrames'),
            t('summaryFirst'),
            t('summaryLast'),
          ],
          sessions.map((g) =>
            h(
              'tr',
              null,
              h('td', null, verdictWithTitle(g.verdict, lang)),
              h('td', { class: 'mono' }, g.responderIp === '*' ? t('summaryOtherResponders') : g.responderIp),
              h('td', { class: 'num' }, String(g.sessions)),
              h('td', { class: 'num' }, String(g.clientAddresses)),
              h('td', { class: 'mono small' }, sample(g.clientSample, g.clientAddresses)),
              h('td', { class: 'mono' }, `#${g.firstFrame} – #${g.lastFrame}`),
              h('td', null, formatTime(g.start, lang)),
              h('td', null, formatTime(g.end, lang)),
            ),
          ),
        )
      : null,
    clients.length
      ? table(
          [t('verdict'), t('summaryClients'), t('summarySample')],
          clients.map((g) =>
            h(
              'tr',
              null,
              h('td', null, verdictWithTitle(g.verdict, lang)),
              h('td', { class: 'num' }, String(g.clients)),
              h('td', { class: 'mono small' }, sample(g.sample, g.clients)),
            ),
          ),
        )
      : null,
  );
}
