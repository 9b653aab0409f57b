// Client IP history: every diagnosis of one client IP across captures, newest first, with a
// strip of verdict marks over time (shape + glyph + label, not colour alone) and a table.
import type { DiagnosisItem } from '../api-types.js';
import type { Ctx } from '../context.js';
import { h, replace, s } from '../dom.js';
import { formatTime, parseTime } from '../format.js';
import { stepLabel } from '../labels.js';
import { SEVERITY_GLYPH, verdictSeverity, verdictWithTitle } from '../verdict.js';
import { isIpAddress } from '../ip.js';
import { captureHref, clientIpHref } from '../links.js';
import { errorBox } from './common.js';

const W = 1000;
const H = 92;
const PAD = 40;
const MIN_GAP = 22;

function strip(ctx: Ctx, items: DiagnosisItem[]): SVGSVGElement | null {
  const points = items
    .map((d) => ({ d, at: parseTime(d.time)?.getTime() }))
    .filter((p): p is { d: DiagnosisItem; at: number } => p.at !== undefined);
  if (!points.length) return null;
  const min = Math.min(...points.map((p) => p.at));
  const max = Math.max(...points.map((p) => p.at));
  const x = (at: number) => (max === min ? W / 2 : PAD + ((at - min) / (max - min)) * (W - 2 * PAD));
  const y = 40;
  // Label a mark with its code only when marks are far enough apart to stay readable.
  const sorted = [...points].sort((a, b) => a.at - b.at);
  let lastLabelX = -Infinity;
  // Marks closer than MIN_GAP are nudged right so each stays visible; the tooltip has the time.
  let lastX = -Infinity;
  const gap = Math.min(MIN_GAP, (W - 2 * PAD) / sorted.length);
  const xs = sorted.map((p) => (lastX = Math.max(x(p.at), lastX + gap)));
  return s(
    'svg',
    {
      class: 'strip',
      viewBox: `0 0 ${W} ${H}`,
      width: W,
      height: H,
      role: 'img',
      'aria-label': `${ctx.t('verdictsOverTime')}: ${sorted.map((p) => p.d.verdict).join(', ')}`,
    },
    s('line', { x1: PAD - 10, y1: y, x2: W - PAD + 10, y2: y, class: 'axis' }),
    s('text', { x: PAD - 10, y: H - 6, class: 'axis-label' }, formatTime(new Date(min).toISOString(), ctx.lang)),
    max !== min
      ? s(
          'text',
          { x: W - PAD + 10, y: H - 6, 'text-anchor': 'end', class: 'axis-label' },
          formatTime(new Date(max).toISOString(), ctx.lang),
        )
      : null,
    sorted.map((p, i) => {
      const sev = verdictSeverity(p.d.verdict);
      const cx = xs[i]!;
      const showLabel = cx - lastLabelX > 120;
      if (showLabel) lastLabelX = cx;
      return s(
        'g',
        { class: `mark sev-${sev}`, 'data-mark': i, 'data-verdict': p.d.verdict },
        s('title', null, `${formatTime(p.d.time, ctx.lang)} — ${p.d.verdict} — ${p.d.fileName}`),
        sev === 'ok' || sev === 'info'
          ? s('circle', { cx, cy: y, r: 9 })
          : s('rect', { x: cx - 8, y: y - 8, width: 16, height: 16, transform: `rotate(45 ${cx} ${y})` }),
        s('text', { x: cx, y: y + 4, 'text-anchor': 'middle', class: 'mark-glyph' }, SEVERITY_GLYPH[sev]),
        showLabel
          ? s(
              'text',
              {
                x: cx,
                y: y - 16,
                'text-anchor': cx < 90 ? 'start' : cx > W - 90 ? 'end' : 'middle',
                class: 'mark-label',
              },
              p.d.verdict,
            )
          : null,
      );
    }),
  );
}

function row(ctx: Ctx, d: DiagnosisItem): HTMLTableRowElement {
  // The row names one session of one capture: it opens that session, not the capture's first.
  const href = captureHref(d.captureId, d.sessionId);
  const open = () => ctx.navigate(href);
  return h(
    'tr',
    {
      class: 'clickable',
      tabindex: 0,
      'data-capture-id': d.captureId,
      'data-session-id': d.sessionId,
      onclick: (ev: Event) => {
        if (!(ev.target as Element).closest('a')) open();
      },
      onkeydown: (ev: Event) => {
        if ((ev as KeyboardEvent).key === 'Enter') open();
      },
    },
    h('td', null, formatTime(d.time, ctx.lang)),
    h('td', null, verdictWithTitle(d.verdict, ctx.lang)),
    h('td', null, stepLabel(d.stepReached, ctx.lang)),
    h('td', { class: 'mono' }, d.responderIp),
    h('td', { class: 'mono filename' }, h('a', { href, tabindex: -1 }, d.fileName)),
    h('td', null, formatTime(d.analyzedAt, ctx.lang)),
  );
}

export function historyView(ctx: Ctx, ip: string | undefined): HTMLElement {
  const { t } = ctx;
  const input = h('input', {
    id: 'client-ip',
    name: 'clientIp',
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: '198.51.100.7',
    value: ip ?? '',
  });
  const results = h('div', { class: 'results' });
  const form = h(
    'form',
    {
      class: 'search-form',
      role: 'search',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const v = input.value.trim();
        if (v) ctx.navigate(clientIpHref(v));
      },
    },
    h('label', { for: 'client-ip' }, t('clientIp')),
    input,
    h('button', { type: 'submit', class: 'primary' }, t('search')),
  );

  if (ip && !isIpAddress(ip)) {
    // Said here, in the UI language, before asking the API (which answers in English).
    replace(results, h('div', { class: 'error-box', role: 'alert' }, '✕ ', t('invalidIp', { ip })));
  } else if (ip) {
    const items: DiagnosisItem[] = [];
    let cursor: string | undefined;
    const body = h('tbody');
    const stripHolder = h('div', { class: 'strip-holder' });
    const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('more'));
    const load = async () => {
      more.disabled = true;
      try {
        const page = await ctx.api.diagnoses(ip, cursor);
        if (!ctx.alive()) return;
        items.push(...page.items);
        for (const d of page.items) body.appendChild(row(ctx, d));
        cursor = page.cursor;
        more.hidden = !cursor;
        if (!items.length) {
          replace(results, h('p', { class: 'muted', role: 'status' }, t('noDiagnoses', { ip })));
          return;
        }
        replace(stripHolder, h('h3', null, t('verdictsOverTime')), strip(ctx, items));
        if (!results.contains(body)) {
          replace(
            results,
            h('h2', null, t('historyOf', { ip })),
            stripHolder,
            h(
              'table',
              { class: 'list history' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  [t('colTime'), t('verdict'), t('colStep'), t('colResponder'), t('colCapture'), t('analyzedAt')].map(
                    (c) => h('th', { scope: 'col' }, c),
                  ),
                ),
              ),
              body,
            ),
            h('div', { class: 'pager' }, more),
          );
          ctx.announce(t('historyOf', { ip }));
        }
      } catch (e) {
        replace(results, errorBox(ctx, e));
      } finally {
        more.disabled = false;
      }
    };
    more.addEventListener('click', () => void load());
    replace(results, h('p', { class: 'muted' }, t('loading')));
    void load();
  }
  if (!ip) queueMicrotask(() => input.focus());
  return h(
    'div',
    { class: 'view history-view' },
    h('section', { class: 'card' }, h('h1', null, t('searchTitle')), form, results),
  );
}
