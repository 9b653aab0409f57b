// One row of the captures list. The file name is a real link to the capture (open in a new tab
// works); a click elsewhere on the row opens it too. A FAILED row's error stays on one line,
// cut with an ellipsis, and opens in full on click (and on hover, as the title).
import type { CaptureItem } from '../api-types.js';
import type { Ctx } from '../context.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatTime } from '../format.js';
import { captureHref } from '../links.js';
import { clientVerdicts, countByVerdict } from '#shared/view/client-verdicts.js';
import { verdictWithTitle } from '../verdict.js';

const STATUS_GLYPH = { PENDING: '…', DONE: '✓', FAILED: '✕' } as const;

/** What a row shows; a refresh replaces a row only when this changed. */
export function rowSignature(c: CaptureItem): string {
  return [c.status, c.verdict, c.sessions, c.error, c.fileName].join('|');
}

function errorText(error: string): HTMLElement {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'error-text text-error small',
      translate: 'no',
      title: error,
      'aria-expanded': 'false',
      onclick: () => {
        const open = button.getAttribute('aria-expanded') !== 'true';
        button.setAttribute('aria-expanded', String(open));
      },
    },
    error,
  );
  return button;
}

export function captureRow(ctx: Ctx, c: CaptureItem, onDelete: (c: CaptureItem) => void): HTMLTableRowElement {
  const href = captureHref(c.captureId);
  const tr = h(
    'tr',
    {
      class: 'clickable',
      'data-capture-id': c.captureId,
      'data-signature': rowSignature(c),
      'data-uploaded': c.uploadedAt,
      onclick: (ev: Event) => {
        // Links, buttons and selected text keep their own behaviour.
        if ((ev.target as Element).closest('a, button') || String(getSelection() ?? '') !== '') return;
        ctx.navigate(href);
      },
    },
    h('td', { class: 'mono filename' }, h('a', { href, class: 'capture-link' }, c.fileName)),
    h('td', { class: 'num' }, formatBytes(c.size)),
    h('td', null, formatTime(c.uploadedAt, ctx.lang)),
    h(
      'td',
      null,
      h(
        'span',
        { class: `status status-${c.status}`, title: c.error ?? null },
        h('span', { 'aria-hidden': 'true' }, STATUS_GLYPH[c.status] ?? '?', ' '),
        ctx.t(`status_${c.status}`),
      ),
    ),
    h(
      'td',
      { class: 'verdict-cell' },
      c.verdict ? verdictWithTitle(c.verdict, ctx.lang) : c.status === 'FAILED' && c.error ? errorText(c.error) : '—',
    ),
    h('td', { class: 'num' }, c.sessions ?? '—'),
    h(
      'td',
      { class: 'actions' },
      c.status === 'PENDING'
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'small delete',
              onclick: () => onDelete(c),
            },
            ctx.t('deleteCapture'),
            // Which capture, for a screen reader going through the buttons alone.
            h('span', { class: 'sr-only', translate: 'no' }, ` ${c.fileName}`),
          ),
    ),
  );
  void fillClientCounts(ctx, c, tr);
  return tr;
}

/**
 * A capture may hold several clients: the row's verdict cell then counts clients per verdict
 * ("1 × PSK_MISMATCH · 1 × TUNNEL_ESTABLISHED"), as the capture item gives them; a capture
 * analysed before the item carried them is counted from its sessions.
 */
async function fillClientCounts(ctx: Ctx, c: CaptureItem, tr: HTMLTableRowElement): Promise<void> {
  if (c.status !== 'DONE') return;
  let counts: [string, number][];
  if (c.clientVerdicts) counts = c.clientVerdicts.map((x) => [x.verdict, x.clients]);
  else {
    if ((c.sessions ?? 0) < 2) return;
    const d = await ctx.api.capture(c.captureId).catch(() => undefined);
    if (!d || !ctx.alive()) return;
    counts = countByVerdict(clientVerdicts(d.sessions));
  }
  const clients = counts.reduce((n, [, k]) => n + k, 0);
  if (clients < 2) return;
  const cell = tr.querySelector('td.verdict-cell');
  if (!cell) return;
  replace(
    cell,
    h(
      'ul',
      { class: 'plain verdict-counts', 'aria-label': ctx.t('clientsTitle', { n: clients }) },
      counts.map(([verdict, n]) =>
        h('li', { 'data-count': n }, h('span', { class: 'count' }, `${n} ×`), ' ', verdictWithTitle(verdict, ctx.lang)),
      ),
    ),
  );
}
