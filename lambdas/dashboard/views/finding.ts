// One finding: severity badge with its code, localized title, explanation and checklist, the
// evidence (frames, repeats, notifies, ports, details) and the Wireshark filter with Copy.
import type { Finding } from '#shared/report/types.js';
import type { Ctx } from '../context.js';
import { h } from '../dom.js';
import { formatFrames } from '../format.js';
import { detailLabel, detailValue, ownLabel, stepLabel } from '../labels.js';
import { badge } from '../verdict.js';
import { copyButton } from './copy.js';

/** A report finding, IKE or AnyConnect (whose step is an AnyConnect step; labels.ts names both). */
export type ShownFinding = Omit<Finding, 'code' | 'step'> & { code: string; step: string };

export function checklist(ctx: Ctx, f: ShownFinding): HTMLElement | null {
  const items = f.checklist[ctx.lang] ?? f.checklist.en;
  if (!items?.length) return null;
  return h(
    'div',
    { class: 'checklist' },
    h('h4', null, ctx.t('whatToCheck')),
    h(
      'ul',
      null,
      items.map((c) => h('li', { 'data-report-text': '' }, c)),
    ),
  );
}

function evidence(ctx: Ctx, f: ShownFinding): HTMLElement {
  const ev = f.evidence;
  const rows: [string, string | Node][] = [];
  if (ev.frames?.length) rows.push([ctx.t('evFrames'), h('span', { class: 'mono' }, formatFrames(ev.frames))]);
  if (ev.repeated?.length)
    rows.push([
      ctx.t('evRepeated'),
      h(
        'ul',
        { class: 'plain' },
        ev.repeated.map((r) =>
          h(
            'li',
            null,
            ctx.t('repeatedLine', {
              message: r.message,
              from: r.from === 'client' ? ctx.t('laneClient') : ctx.t('laneMx'),
              count: r.count,
              frames: formatFrames(r.frames, 8),
            }),
          ),
        ),
      ),
    ]);
  if (ev.notifies?.length)
    rows.push([
      ctx.t('evNotifies'),
      h(
        'ul',
        { class: 'plain' },
        ev.notifies.map((n) => h('li', { class: 'mono' }, `${n.name} (${n.type}) — #${n.frame}`)),
      ),
    ]);
  if (ev.ports?.length) rows.push([ctx.t('evPorts'), h('span', { class: 'mono' }, ev.ports.join(', '))]);
  const details = Object.entries(ev.details ?? {});
  if (details.length)
    rows.push([
      ctx.t('evDetails'),
      h(
        'dl',
        { class: 'details' },
        details.map(([k, v]) => [
          h('dt', { 'data-key': k }, ownLabel(v, ctx.lang) ?? detailLabel(k, ctx.lang)),
          h('dd', { class: 'mono', translate: 'no' }, detailValue(v, ctx.lang)),
        ]),
      ),
    ]);
  return h(
    'dl',
    { class: 'evidence' },
    rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );
}

export function filterBox(ctx: Ctx, filter: string): HTMLElement | null {
  if (!filter) return null;
  const code = h('code', { class: 'filter' }, filter);
  return h(
    'div',
    { class: 'filter-box' },
    h('span', { class: 'filter-label' }, ctx.t('filter')),
    code,
    copyButton(ctx, filter, code),
  );
}

export function findingView(ctx: Ctx, f: ShownFinding): HTMLElement {
  return h(
    'article',
    { class: `finding sev-${f.severity}`, 'data-code': f.code },
    h(
      'header',
      null,
      badge(f.code, f.severity, ctx.t(`severity_${f.severity}`)),
      ' ',
      h('h3', { 'data-report-text': '' }, f.title[ctx.lang] ?? f.title.en),
      f.step !== 'NONE' ? h('span', { class: 'step-tag' }, `${ctx.t('step')}: ${stepLabel(f.step, ctx.lang)}`) : null,
    ),
    h('p', { class: 'explanation', 'data-report-text': '' }, f.explanation[ctx.lang] ?? f.explanation.en),
    checklist(ctx, f),
    h('details', { class: 'evidence-wrap', open: true }, h('summary', null, ctx.t('evidence')), evidence(ctx, f)),
    filterBox(ctx, f.filter),
  );
}
