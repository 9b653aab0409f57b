// One session of a capture: its verdict with explanation and checklist, the ladder diagram,
// NAT, client fingerprint, proposals and every finding with its evidence.
import type { ProposalSummary, SessionDiagnosis } from '#shared/report/types.js';
import type { Ctx } from '../context.js';
import { h } from '../dom.js';
import { formatOffset } from '../format.js';
import { fingerprintText, modeLabel, stepLabel } from '../labels.js';
import { badge } from '../verdict.js';
import { facts, labelColumns } from './common.js';
import { findingView } from './finding.js';
import { framePanel } from './frame-panel.js';
import { ladder } from './ladder.js';

function yesNo(ctx: Ctx, v: boolean | null): string {
  return v === null ? ctx.t('unknown') : v ? `✓ ${ctx.t('yes')}` : ctx.t('no');
}

function proposal(ctx: Ctx, p: ProposalSummary): HTMLElement {
  return h(
    'li',
    { class: p.acceptedByMeraki ? 'proposal ok' : 'proposal bad' },
    h('span', { class: 'mono' }, p.text),
    ' ',
    h(
      'span',
      { class: `tag ${p.acceptedByMeraki ? 'tag-ok' : 'tag-bad'}` },
      p.acceptedByMeraki ? `✓ ${ctx.t('merakiAccepts')}` : `✕ ${ctx.t('merakiRejects')}`,
    ),
  );
}

/** The ladder's messages as a table: for screen readers, and for copying frame numbers. */
function messagesTable(ctx: Ctx, sd: SessionDiagnosis): HTMLElement | null {
  if (!sd.timeline.length) return null;
  const { t } = ctx;
  const t0 = sd.timeline[0]!.time;
  return h(
    'details',
    { class: 'messages' },
    h('summary', null, t('messagesTable', { n: sd.timeline.length })),
    labelColumns(
      h(
        'table',
        { class: 'list compact' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['#', t('offset'), t('direction'), t('message'), t('exchange'), 'UDP', t('messageId'), t('flags')].map(
              (c) => h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          sd.timeline.map((e) =>
            h(
              'tr',
              null,
              h('td', { class: 'mono' }, e.frame),
              h('td', { class: 'mono' }, formatOffset(e.time, t0)),
              h('td', null, t(e.direction === 'client-to-mx' ? 'dirC2M' : 'dirM2C')),
              h('td', null, `${e.label} (${stepLabel(e.step, ctx.lang)})`),
              h('td', { translate: 'no' }, `${e.exchangeName} (${e.exchangeType})`),
              h('td', { class: 'mono' }, `${e.srcPort} → ${e.dstPort}`),
              h('td', { class: 'mono' }, e.messageId),
              h(
                'td',
                null,
                [
                  e.retransmission ? t('retransmission') : '',
                  e.notifies.length ? `${t('notify')} ${e.notifies.join(', ')}` : '',
                  e.encrypted ? t('encrypted') : '',
                ]
                  .filter(Boolean)
                  .join(' · '),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

export function sessionView(ctx: Ctx, sd: SessionDiagnosis, captureId: string): HTMLElement {
  const { t } = ctx;
  const details = framePanel(ctx, captureId, sd);
  const main = sd.findings.find((f) => f.code === sd.verdict);
  const others = sd.findings.filter((f) => f !== main);
  const headingId = `session-${sd.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return h(
    'section',
    { class: 'session card', 'aria-labelledby': headingId, 'data-session-id': sd.id },
    h(
      'h2',
      { id: headingId },
      `${t('session')} `,
      h('span', { class: 'mono' }, `${sd.clientIp}:${sd.clientPort} ⇄ ${sd.responderIp}:${sd.responderPort}`),
      // The verdict block below shows the badge; the heading repeats it only when there is none.
      main ? null : [' ', badge(sd.verdict)],
    ),
    // Only who sent first told the roles: say so, and how to name the MX.
    sd.roles.decidedBy === 'first-sender'
      ? h('p', { class: 'note' }, t('rolesGuessed', { client: sd.clientIp }))
      : null,
    // The MX opened it (a renewal): its ladder starts from the MX's side.
    sd.roles.decidedBy === 'mx-renewal' ? h('p', { class: 'note' }, t('mxRenewal', { mx: sd.responderIp })) : null,
    main ? h('div', { class: 'verdict-block' }, findingView(ctx, main)) : null,
    h(
      'figure',
      { class: 'ladder-figure' },
      h('figcaption', null, h('h3', null, t('negotiation')), h('span', { class: 'muted small' }, t('ladderCaption'))),
      h('div', { class: 'ladder-scroll' }, ladder(ctx, sd, details.open)),
      details.panel,
      sd.timelineTruncated ? h('p', { class: 'note' }, t('timelineTruncated', { n: sd.timeline.length })) : null,
      messagesTable(ctx, sd),
    ),
    h(
      'div',
      { class: 'facets' },
      h(
        'div',
        { class: 'facet' },
        h('h3', null, t('nat')),
        facts([
          [t('mode'), modeLabel(sd.mode, sd.ikeVersion, ctx.lang)],
          [t('natT'), sd.natT ? `✓ ${t('yes')}` : t('no')],
          [t('clientBehindNat'), yesNo(ctx, sd.nat.client)],
          [t('responderBehindNat'), yesNo(ctx, sd.nat.responder)],
          [t('colStep'), stepLabel(sd.stepReached, ctx.lang)],
        ]),
      ),
      h(
        'div',
        { class: 'facet' },
        h('h3', null, t('client')),
        facts([
          [
            t('fingerprint'),
            h('span', { class: 'mono', translate: 'no' }, fingerprintText(sd.client.fingerprint || '—', ctx.lang)),
          ],
          ...(sd.client.os ? ([[t('os'), sd.client.os]] as [string, string][]) : []),
          // The ID payload in clear (aggressive mode): hostile text, shown as text only.
          ...(sd.client.identity
            ? ([
                [
                  t('identity'),
                  h('span', { translate: 'no' }, `${sd.client.identity.type}: ${sd.client.identity.value}`),
                ],
              ] as [string, Node][])
            : []),
        ]),
        sd.client.vendorIds.length
          ? h(
              'div',
              null,
              h('h4', null, t('vendorIds')),
              h(
                'ul',
                { class: 'plain vendor-ids' },
                sd.client.vendorIds.map((v) =>
                  h(
                    'li',
                    { title: v.hex },
                    // Names come from a table of known IDs; some carry a stray newline.
                    h('span', { translate: 'no' }, v.name.trim()),
                    ' ',
                    h('span', { class: 'mono muted small' }, v.hex.length > 24 ? `${v.hex.slice(0, 24)}…` : v.hex),
                  ),
                ),
              ),
            )
          : null,
      ),
      h(
        'div',
        { class: 'facet' },
        h('h3', null, t('proposals')),
        h('h4', null, t('offered')),
        sd.proposals.phase1Offered.length
          ? h(
              'ul',
              { class: 'plain proposals' },
              sd.proposals.phase1Offered.map((p) => proposal(ctx, p)),
            )
          : h('p', { class: 'muted' }, t('none')),
        h('h4', null, t('chosen')),
        sd.proposals.phase1Chosen
          ? h('ul', { class: 'plain proposals' }, proposal(ctx, sd.proposals.phase1Chosen))
          : h('p', { class: 'muted' }, t('none')),
      ),
    ),
    others.length
      ? h(
          'div',
          { class: 'findings' },
          h('h3', null, t('findings')),
          others.map((f) => findingView(ctx, f)),
        )
      : null,
  );
}
