// The Meraki page (issue 12): connect a Dashboard API key (never shown again, only its last 4
// characters), the captures stored in the Meraki cloud with Import, and the MXs with "Capture and
// diagnose": a countdown while the user connects, then the verdict. Everything from Meraki is
// rendered as text.
import type {
  MerakiAppliance,
  MerakiCloudCapture,
  MerakiConnection,
  MerakiImportResult,
  MerakiJob,
} from '#shared/api/meraki-contract.js';
import type { Ctx } from '../context.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatTime } from '../format.js';
import { badge } from '../verdict.js';
import { errorBox, facts } from './common.js';

const enc = encodeURIComponent;

function connectForm(ctx: Ctx, done: () => void): HTMLElement {
  const { t } = ctx;
  const key = h('input', {
    id: 'meraki-key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const orgs = h('input', { id: 'meraki-orgs', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const message = h('div', { class: 'meraki-connect-error' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('merakiConnect'));
  return h(
    'form',
    {
      class: 'card meraki-connect',
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        button.disabled = true;
        replace(message);
        try {
          const organizationIds = orgs.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          await ctx.api.request('PUT', '/api/meraki/connection', {
            apiKey: key.value.trim(),
            ...(organizationIds.length ? { organizationIds } : {}),
          });
          key.value = '';
          done();
        } catch (e) {
          replace(message, errorBox(ctx, e));
        } finally {
          button.disabled = false;
        }
      },
    },
    h('h2', null, t('merakiTitle')),
    h('p', { class: 'help' }, t('merakiIntro')),
    h('label', { for: 'meraki-key' }, t('merakiKey')),
    key,
    h('label', { for: 'meraki-orgs' }, t('merakiOrgIds')),
    orgs,
    button,
    message,
  );
}

function cloudCaptures(ctx: Ctx, orgId: string): HTMLElement {
  const { t } = ctx;
  const body = h('tbody');
  const state = h('div', { class: 'muted' }, t('loading'));
  const importCell = (c: MerakiCloudCapture): HTMLElement => {
    const cell = h('td', { class: 'meraki-import' });
    const imported = (captureId: string) =>
      replace(
        cell,
        h('a', { href: `#/capture/${enc(captureId)}`, 'data-imported': captureId }, '✓ ', t('merakiImported')),
      );
    if (c.importedCaptureId) imported(c.importedCaptureId);
    else {
      const button = h('button', { type: 'button', class: 'secondary', 'data-import': c.captureId }, t('merakiImport'));
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          const { results } = await ctx.api.request<{ results: MerakiImportResult[] }>(
            'POST',
            `/api/meraki/organizations/${enc(orgId)}/imports`,
            { captureIds: [c.captureId] },
          );
          const r = results[0];
          if (r && r.status !== 'failed') {
            imported(r.captureId);
            ctx.announce(`${c.name}: ${t('merakiImported')}`);
          } else
            replace(
              cell,
              h(
                'span',
                { class: 'text-error small' },
                t('merakiImportFailed', { reason: r?.status === 'failed' ? r.error : '?' }),
              ),
            );
        } catch (e) {
          replace(cell, errorBox(ctx, e));
        }
      });
      replace(cell, button);
    }
    return cell;
  };
  void (async () => {
    try {
      const { items } = await ctx.api.request<{ items: MerakiCloudCapture[] }>(
        'GET',
        `/api/meraki/organizations/${enc(orgId)}/captures`,
      );
      if (!ctx.alive()) return;
      for (const c of items) {
        body.appendChild(
          h(
            'tr',
            { 'data-meraki-capture': c.captureId },
            h('td', { class: 'mono filename' }, c.name),
            h('td', null, c.status),
            h('td', null, formatTime(c.startTs, ctx.lang)),
            h('td', null, c.deviceName ?? '', c.serial ? h('span', { class: 'muted small' }, ` ${c.serial}`) : null),
            h('td', { class: 'num' }, formatBytes(c.size)),
            importCell(c),
          ),
        );
      }
      replace(state, items.length === 0 ? t('merakiNoCloudCaptures') : '');
      state.hidden = items.length > 0;
    } catch (e) {
      replace(state, errorBox(ctx, e));
    }
  })();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'meraki-captures-title' },
    h('h2', { id: 'meraki-captures-title' }, t('merakiCloudCaptures')),
    h(
      'table',
      { class: 'list meraki-captures' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('colName')),
          h('th', { scope: 'col' }, t('colStatus')),
          h('th', { scope: 'col' }, t('colStarted')),
          h('th', { scope: 'col' }, t('colDevice')),
          h('th', { scope: 'col', class: 'num' }, t('colSize')),
          h('th', { scope: 'col' }, ''),
        ),
      ),
      body,
    ),
    state,
  );
}

function jobStatus(ctx: Ctx, job: MerakiJob): Node | string {
  const { t } = ctx;
  if (job.state === 'CAPTURING') return t('merakiCountdown', { serial: job.serial, seconds: job.remainingSeconds });
  if (job.state === 'DONE') {
    return h(
      'span',
      null,
      `${t('merakiJobDone')}: `,
      h(
        'a',
        { href: `#/capture/${enc(job.captureId ?? '')}`, class: 'meraki-verdict' },
        badge(job.verdict ?? 'INCONCLUSIVE'),
      ),
    );
  }
  if (job.state === 'FAILED')
    return h('span', { class: 'text-error' }, t('merakiJobFailed', { reason: job.error ?? '?' }));
  return t(`merakiJob_${job.state}`);
}

function appliances(ctx: Ctx, orgId: string): HTMLElement {
  const { t } = ctx;
  const body = h('tbody');
  const state = h('div', { class: 'muted' }, t('loading'));
  const row = (mx: MerakiAppliance) => {
    const seconds = h('input', {
      type: 'number',
      min: 1,
      max: 600,
      value: 90,
      class: 'meraki-seconds',
      'aria-label': `${t('merakiSeconds')} ${mx.serial}`,
    });
    const status = h('div', { class: 'meraki-job', role: 'status', 'aria-live': 'polite' });
    const button = h(
      'button',
      { type: 'button', class: 'primary', 'data-capture-serial': mx.serial },
      t('merakiCaptureDiagnose'),
    );
    button.addEventListener('click', async () => {
      button.disabled = true;
      replace(status);
      try {
        let job = await ctx.api.request<MerakiJob>('POST', '/api/meraki/jobs', {
          serial: mx.serial,
          organizationId: orgId,
          seconds: Number(seconds.value),
        });
        status.setAttribute('data-job', job.jobId);
        while (ctx.alive()) {
          status.setAttribute('data-state', job.state);
          replace(status, jobStatus(ctx, job));
          if (job.state === 'DONE' || job.state === 'FAILED') break;
          // Once a second for the countdown, and right at the planned end (then briskly).
          const untilEnd = Date.parse(job.endsAt) - Date.now();
          await new Promise((r) =>
            setTimeout(r, job.state === 'CAPTURING' ? Math.min(1000, Math.max(100, untilEnd + 50)) : 300),
          );
          job = await ctx.api.request<MerakiJob>('GET', `/api/meraki/jobs/${enc(job.jobId)}`);
        }
        if (job.state === 'DONE') ctx.announce(`${mx.serial}: ${job.verdict ?? ''}`);
      } catch (e) {
        replace(status, errorBox(ctx, e));
      } finally {
        button.disabled = false;
      }
    });
    return h(
      'tr',
      { 'data-mx': mx.serial },
      h('td', { class: 'mono' }, mx.serial),
      h('td', null, mx.name),
      h('td', null, mx.model),
      h('td', { class: 'mono' }, mx.wanIp ?? '—'),
      h('td', null, seconds, ' ', button, status),
    );
  };
  void (async () => {
    try {
      const { items } = await ctx.api.request<{ items: MerakiAppliance[] }>(
        'GET',
        `/api/meraki/organizations/${enc(orgId)}/appliances`,
      );
      if (!ctx.alive()) return;
      for (const mx of items) body.appendChild(row(mx));
      replace(state, items.length === 0 ? t('merakiNoMxs') : '');
      state.hidden = items.length > 0;
    } catch (e) {
      replace(state, errorBox(ctx, e));
    }
  })();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'meraki-mx-title' },
    h('h2', { id: 'meraki-mx-title' }, t('merakiMxs')),
    h(
      'table',
      { class: 'list meraki-mxs' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('colSerial')),
          h('th', { scope: 'col' }, t('colName')),
          h('th', { scope: 'col' }, t('colModel')),
          h('th', { scope: 'col' }, t('colWanIp')),
          h('th', { scope: 'col' }, t('merakiCaptureDiagnose')),
        ),
      ),
      body,
    ),
    state,
  );
}

function connectedView(ctx: Ctx, c: MerakiConnection, reload: () => void): HTMLElement {
  const { t } = ctx;
  const content = h('div');
  const show = (orgId: string) => replace(content, appliances(ctx, orgId), cloudCaptures(ctx, orgId));
  const select = h(
    'select',
    { id: 'meraki-org', onchange: () => show(select.value) },
    c.organizations.map((o) => h('option', { value: o.id }, `${o.name} (${o.id})`)),
  );
  const disconnect = h('button', { type: 'button', class: 'ghost-dark secondary' }, t('merakiDisconnect'));
  disconnect.addEventListener('click', async () => {
    disconnect.disabled = true;
    await ctx.api.request('DELETE', '/api/meraki/connection').catch(() => undefined);
    reload();
  });
  if (c.organizations[0]) show(c.organizations[0].id);
  return h(
    'div',
    null,
    h(
      'section',
      { class: 'card meraki-connection' },
      h('h2', null, t('merakiTitle')),
      h(
        'p',
        { class: 'meraki-key-hint' },
        t('merakiConnected', {
          last4: c.keyLast4,
          created: formatTime(c.createdAt, ctx.lang),
          used: c.lastUsedAt ? formatTime(c.lastUsedAt, ctx.lang) : '—',
        }),
      ),
      facts([[t('merakiOrg'), select]]),
      disconnect,
    ),
    content,
  );
}

export function merakiView(ctx: Ctx): HTMLElement {
  const root = h('div', { class: 'view meraki-view' }, h('p', { class: 'muted' }, ctx.t('loading')));
  const load = async () => {
    try {
      const { connection } = await ctx.api.request<{ connection: MerakiConnection | null }>(
        'GET',
        '/api/meraki/connection',
      );
      if (!ctx.alive()) return;
      replace(
        root,
        connection ? connectedView(ctx, connection, () => void load()) : connectForm(ctx, () => void load()),
      );
    } catch (e) {
      replace(root, errorBox(ctx, e));
    }
  };
  void load();
  return root;
}
