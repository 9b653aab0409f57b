// Small shared pieces of views.
import { ApiError } from '../api.js';
import type { Ctx } from '../context.js';
import { h, type Child } from '../dom.js';
import { TABLES, type Key } from '../i18n.js';

export function errorBox(ctx: Ctx, e: unknown): HTMLElement {
  const message =
    e instanceof ApiError && e.status === 404
      ? ctx.t('notFound')
      : e instanceof ApiError && e.status === 0
        ? ctx.t('networkError')
        : e instanceof Error
          ? e.message
          : String(e);
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    '✕ ',
    ctx.t('errorPrefix', { message: '' }),
    h('span', { translate: 'no' }, message),
  );
}

/**
 * A UI sentence with data in it (a file name, a server's error text, what the user typed): the
 * sentence is translated, the data kept as it is and marked translate="no".
 */
export function phrase(ctx: Ctx, key: Key, data: Record<string, string | number>): Child[] {
  const template = TABLES[ctx.lang][key];
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      return m && m[1]! in data ? h('span', { translate: 'no' }, String(data[m[1]!])) : part;
    })
    .filter((x) => x !== '');
}

/** Gives each body cell its column's heading as data-label: phones show tables as labelled rows. */
export function labelColumns<T extends HTMLTableElement>(table: T): T {
  const heads = Array.from(table.tHead?.rows[0]?.cells ?? []).map((c) => c.textContent ?? '');
  for (const body of Array.from(table.tBodies))
    for (const row of Array.from(body.rows))
      Array.from(row.cells).forEach((cell, i) => {
        if (heads[i] && heads[i] !== '#') cell.setAttribute('data-label', heads[i]);
      });
  return table;
}

/** A definition list from label/value pairs; values are text or nodes. */
export function facts(pairs: [string, Node | string | number][]): HTMLDListElement {
  return h(
    'dl',
    { class: 'facts' },
    pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );
}
