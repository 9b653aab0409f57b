// The captures list's filters: verdict (or failed / being analysed), part of the file name, and
// an upload date range. They are API query parameters, not a filter over the loaded rows: a
// tenant may have hundreds of captures, and a filter that only searched the pages already
// loaded would say "no match" while older pages held some. The dates are whole days in the zone
// the page shows times in (local or UTC); the range sent is [from 00:00, the day after `to`).
import { VERDICT_CODES } from '#shared/report/types.js';
import type { CaptureListFilter } from '../api-types.js';
import { codeTitle } from '../codes.js';
import type { Ctx } from '../context.js';
import { h } from '../dom.js';
import { timeZoneMode } from '../format.js';

interface FilterFields {
  verdict: string;
  name: string;
  from: string;
  to: string;
}

/** Kept while the page lives, so coming back from a capture finds the list as it was left. */
let remembered: FilterFields = { verdict: '', name: '', from: '', to: '' };

const STATUS_OPTIONS = { 'status:FAILED': 'filterFailed', 'status:PENDING': 'filterPending' } as const;

/** A `YYYY-MM-DD` day's start as an ISO instant, in the zone times are shown in. */
function dayStart(day: string, plusDays = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays];
  const ms = timeZoneMode() === 'utc' ? Date.UTC(y, mo, d) : new Date(y, mo, d).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function toFilter(f: FilterFields): CaptureListFilter {
  const out: CaptureListFilter = {};
  if (f.verdict.startsWith('status:')) out.status = f.verdict.slice(7) as CaptureListFilter['status'];
  else if (f.verdict) out.verdict = f.verdict as CaptureListFilter['verdict'];
  if (f.name.trim()) out.q = f.name.trim();
  const from = dayStart(f.from);
  const to = dayStart(f.to, 1);
  if (from) out.from = from;
  if (to) out.to = to;
  return out;
}

export interface CaptureFilters {
  element: HTMLElement;
  filter(): CaptureListFilter;
  active(): boolean;
}

export function captureFilters(ctx: Ctx, onChange: () => void): CaptureFilters {
  const { t } = ctx;
  let typing: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    remembered = {
      verdict: verdict.value,
      name: name.value,
      from: from.value,
      to: to.value,
    };
    onChange();
  };
  const verdict = h(
    'select',
    { id: 'filter-verdict', onchange: changed },
    h('option', { value: '' }, t('filterAny')),
    Object.entries(STATUS_OPTIONS).map(([value, key]) => h('option', { value }, t(key))),
    VERDICT_CODES.map((code) => h('option', { value: code }, `${code} · ${codeTitle(code, ctx.lang)}`)),
  );
  verdict.value = remembered.verdict;
  const name = h('input', {
    id: 'filter-name',
    type: 'search',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: 255,
    value: remembered.name,
    oninput: () => {
      clearTimeout(typing);
      typing = setTimeout(changed, 300);
    },
  });
  const from = h('input', { id: 'filter-from', type: 'date', value: remembered.from, onchange: changed });
  const to = h('input', { id: 'filter-to', type: 'date', value: remembered.to, onchange: changed });
  const clear = h(
    'button',
    {
      type: 'button',
      class: 'ghost',
      onclick: () => {
        verdict.value = name.value = from.value = to.value = '';
        changed();
      },
    },
    t('filterClear'),
  );
  const field = (id: string, key: Parameters<typeof t>[0], control: HTMLElement) =>
    h('div', { class: 'filter-field' }, h('label', { for: id }, t(key)), control);
  const element = h(
    'form',
    {
      class: 'capture-filters',
      role: 'search',
      'aria-label': t('filtersTitle'),
      onsubmit: (e: Event) => e.preventDefault(),
    },
    field('filter-verdict', 'filterVerdict', verdict),
    field('filter-name', 'filterName', name),
    field('filter-from', 'filterFrom', from),
    field('filter-to', 'filterTo', to),
    clear,
  );
  return {
    element,
    filter: () => toFilter(remembered),
    active: () => Object.keys(toFilter(remembered)).length > 0,
  };
}
