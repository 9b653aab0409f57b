// Home: the upload panel and the tenant's captures, newest first, paged with "More", filtered by
// the API (capture-filters.ts). While the page is visible the first page is fetched again every
// few seconds and merged into the rows in place — new captures (uploaded from the CLI, another
// tab) appear on top, changed rows are redrawn, deleted ones go — so scroll, focus, filters and
// the pages loaded with "More" stay as they are.
import type { CaptureItem, Page } from '../api-types.js';
import type { Ctx } from '../context.js';
import { h, replace } from '../dom.js';
import { errorBox, labelColumns, phrase } from './common.js';
import { captureFilters } from './capture-filters.js';
import { captureRow, rowSignature } from './capture-row.js';
import { confirmDelete } from './delete-dialog.js';
import { reason, uploadPanel } from './upload.js';

export const LIST_REFRESH_MS = 5000;

export function capturesView(ctx: Ctx): HTMLElement {
  const { t } = ctx;
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('more'));
  const state = h('p', { class: 'muted' }, t('loading'));
  const notice = h('p', { class: 'list-notice', role: 'status' });
  let cursor: string | undefined;
  /** Bumped by every reset, so an answer to an older filter is dropped. */
  let generation = 0;
  let loading = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const rowsById = () => new Map(Array.from(body.rows).map((r) => [r.getAttribute('data-capture-id') ?? '', r]));
  const rowFor = (c: CaptureItem) => captureRow(ctx, c, (x) => void remove(x));

  function showState(): void {
    const empty = body.rows.length === 0;
    replace(state, empty ? t(filters.active() ? 'noMatches' : 'noCaptures') : '');
    state.hidden = !empty;
    labelColumns(table);
  }

  async function load(reset: boolean): Promise<void> {
    const mine = reset ? ++generation : generation;
    more.disabled = true;
    loading = true;
    try {
      const page = await ctx.api.captures(reset ? undefined : cursor, 25, filters.filter());
      if (!ctx.alive() || mine !== generation) return;
      if (reset) replace(body);
      for (const c of page.items) body.appendChild(rowFor(c));
      cursor = page.cursor;
      more.hidden = !cursor;
      // A filtered page may come back short while more remain to be searched.
      replace(more, t(page.items.length === 0 && cursor ? 'moreToSearch' : 'more'));
      showState();
    } catch (e) {
      if (mine !== generation) return;
      replace(state, errorBox(ctx, e));
      state.hidden = false;
    } finally {
      loading = false;
      more.disabled = false;
    }
  }

  /** Merges a fresh first page into the rows on screen. */
  function merge(page: Page<CaptureItem>): void {
    const existing = rowsById();
    const fresh = new Set(page.items.map((c) => c.captureId));
    const oldest = page.items.at(-1)?.uploadedAt ?? '';
    // Gone from the range the fresh page covers: deleted elsewhere (or no longer matching).
    for (const [id, row] of existing) {
      const uploaded = row.getAttribute('data-uploaded') ?? '';
      if (!fresh.has(id) && (!page.cursor || uploaded >= oldest)) row.remove();
    }
    let added = 0;
    let anchor: Element | null = body.firstElementChild;
    for (const c of page.items) {
      const row = existing.get(c.captureId);
      if (row?.isConnected) {
        if (row.getAttribute('data-signature') !== rowSignature(c)) {
          const hadFocus = row.contains(document.activeElement);
          const next = rowFor(c);
          row.replaceWith(next);
          if (hadFocus) next.querySelector<HTMLElement>('a.capture-link')?.focus();
          anchor = next.nextElementSibling;
        } else anchor = row.nextElementSibling;
        continue;
      }
      // New: newer than the row it now precedes (the list is newest first).
      body.insertBefore(rowFor(c), anchor);
      added++;
    }
    if (added) {
      replace(notice, t('newCaptures', { n: added }));
      ctx.announce(t('newCaptures', { n: added }));
    }
    showState();
  }

  async function refresh(): Promise<void> {
    if (loading) return;
    const mine = generation;
    const page = await ctx.api.captures(undefined, 25, filters.filter());
    if (ctx.alive() && mine === generation && !loading) merge(page);
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (!ctx.alive()) return;
      if (document.visibilityState === 'visible') await refresh().catch(() => undefined);
      schedule();
    }, LIST_REFRESH_MS);
  }
  const onVisible = () => {
    if (!ctx.alive()) document.removeEventListener('visibilitychange', onVisible);
    else if (document.visibilityState === 'visible') void refresh().catch(() => undefined);
  };
  document.addEventListener('visibilitychange', onVisible);

  async function remove(c: CaptureItem): Promise<void> {
    if (!(await confirmDelete(ctx, c))) return;
    const row = rowsById().get(c.captureId);
    try {
      await ctx.api.deleteCapture(c.captureId);
      const next = row?.nextElementSibling ?? row?.previousElementSibling;
      row?.remove();
      (next?.querySelector<HTMLElement>('a.capture-link') ?? table).focus();
      replace(notice, phrase(ctx, 'deleted', { name: c.fileName }));
      ctx.announce(t('deleted', { name: c.fileName }));
      showState();
    } catch (e) {
      const msg = t('deleteFailed', { name: c.fileName, reason: reason(e) });
      replace(notice, h('span', { class: 'text-error' }, '✕ ', msg));
      ctx.announce(msg);
    }
  }

  const filters = captureFilters(ctx, () => void load(true));
  more.addEventListener('click', () => void load(false));

  const table = h(
    'table',
    { class: 'list captures', tabindex: -1 },
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
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('colActions'))),
      ),
    ),
    body,
  );
  void load(true);
  schedule();
  return h(
    'div',
    { class: 'view captures-view' },
    uploadPanel(ctx, () => void refresh().catch(() => undefined)),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'captures-title' },
      h('h2', { id: 'captures-title' }, t('capturesTitle')),
      filters.element,
      notice,
      table,
      state,
      h('div', { class: 'pager' }, more),
    ),
  );
}
