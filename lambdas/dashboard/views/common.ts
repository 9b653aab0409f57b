// Small shared pieces of views.
import { ApiError } from '../api.js';
import type { Ctx } from '../context.js';
import { h } from '../dom.js';

export function errorBox(ctx: Ctx, e: unknown): HTMLElement {
  const message =
    e instanceof ApiError && e.status === 404
      ? ctx.t('notFound')
      : e instanceof ApiError && e.status === 0
        ? ctx.t('networkError')
        : e instanceof Error
          ? e.message
          : String(e);
  return h('div', { class: 'error-box', role: 'alert' }, '✕ ', ctx.t('errorPrefix', { message }));
}

/** A definition list from label/value pairs; values are text or nodes. */
export function facts(pairs: [string, Node | string | number][]): HTMLDListElement {
  return h(
    'dl',
    { class: 'facts' },
    pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );
}
