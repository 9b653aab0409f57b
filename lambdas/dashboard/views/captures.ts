// Home: the upload panel and the tenant's captures, newest first, paged with "More".
import type { CaptureItem } from '../api-types.js';
import type { Ctx } from '../context.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatTime } from '../format.js';
import { verdictWithTitle } from '../verdict.js';
import { errorBox } from './common.js';
import { uploadPanel } from './upload.js';

const STATUS_GLYPH = { PENDING: '…', DONE: '✓', FAILED: '✕' } as const;

function row(ctx: Ctx, c: CaptureItem): HTMLTableRowElement {
  const open = () => ctx.navigate(`#/capture/${encodeURIComponent(c.captureId)}`);
  return h(
    'tr',
    {
      class: 'clickable',
      tabindex: 0,
      'data-capture-id': c.captureId,
      onclick: open,
      onkeydown: (ev: Event) => {
        if ((ev as KeyboardEvent).key === 'Enter') open();
      },
    },
    h('td', { class: 'mono filename' }, c.fileName),
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
      null,
      c.verdict
        ? verdictWithTitle(c.verdict, ctx.lang)
        : c.status === 'FAILED' && c.error
          ? h('span', { class: 'text-error small' }, c.error)
          : '—',
    ),
    h('td', { class: 'num' }, c.sessions ?? '—'),
  );
}

export function capturesView(ctx: Ctx): HTMLElement {
  const { t } = ctx;
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('more'));
  const state = h('p', { class: 'muted' }, t('loading'));
  let cursor: string | undefined;
  let pages = 0;
  let refresh: ReturnType<typeof setTimeout> | undefined;

  async function load(reset: boolean): Promise<void> {
    more.disabled = true;
    try {
      const page = await ctx.api.captures(reset ? undefined : cursor);
      if (!ctx.alive()) return;
      if (reset) replace(body);
      for (const c of page.items) body.appendChild(row(ctx, c));
      cursor = page.cursor;
      pages = reset ? 1 : pages + 1;
      more.hidden = !cursor;
      // Captures uploaded elsewhere (CLI, another tab) finish on their own: while the first
      // page shows one PENDING, look again in a few seconds (not once "More" was used).
      clearTimeout(refresh);
      if (pages === 1 && page.items.some((c) => c.status === 'PENDING'))
        refresh = setTimeout(() => {
          if (ctx.alive() && pages === 1) void load(true);
        }, 4000);
      replace(state, body.children.length === 0 ? t('noCaptures') : '');
      state.hidden = body.children.length > 0;
    } catch (e) {
      replace(state, errorBox(ctx, e));
      state.hidden = false;
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', () => {
    clearTimeout(refresh);
    void load(false);
  });
  void load(true);

  const table = h(
    'table',
    { class: 'list captures' },
    h('caption', { class: 'sr-only' }, t('capturesTitle')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('colFile')),
        h('th', { scope: 'col', class: 'num' }, t('colSize')),
        h('th', { scope: 'col' }, t('colUploaded')),
        h('th', { scope: 'col' }, t('colStatus')),
        h('th', { scope: 'col' }, t('colVerdict')),
        h('th', { scope: 'col', class: 'num' }, t('colSessions')),
      ),
    ),
    body,
  );
  return h(
    'div',
    { class: 'view captures-view' },
    uploadPanel(ctx, () => void load(true)),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'captures-title' },
      h('h2', { id: 'captures-title' }, t('capturesTitle')),
      table,
      state,
      h('div', { class: 'pager' }, more),
    ),
  );
}
