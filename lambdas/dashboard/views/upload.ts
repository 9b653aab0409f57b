// Upload panel: drop or pick files; each gets a row with a progress bar (XHR upload events on the
// presigned PUT), then its live status, polled until the analysis is DONE or FAILED. An optional
// MX address goes with every file dropped while it is filled in (for late-start captures).
import { ApiError, putWithProgress } from '../api.js';
import type { CaptureItem } from '../api-types.js';
import type { Ctx } from '../context.js';
import { h, replace } from '../dom.js';
import { isIpAddress } from '../ip.js';
import { badge } from '../verdict.js';
import { phrase } from './common.js';

const POLL_LIMIT_MS = 15 * 60 * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An upload's or a request's failure in words, with its status. */
export function reason(e: unknown): string {
  return e instanceof ApiError ? `${e.message} (${e.status || e.code})` : e instanceof Error ? e.message : String(e);
}

export function uploadPanel(ctx: Ctx, onAnalysed: () => void): HTMLElement {
  const { t } = ctx;
  const rows = h('ul', { class: 'uploads', 'aria-live': 'polite' });

  async function pollUntilDone(captureId: string, name: string, status: HTMLElement): Promise<void> {
    const started = Date.now();
    let delay = 500;
    while (ctx.alive() && Date.now() - started < POLL_LIMIT_MS) {
      let item: CaptureItem | undefined;
      try {
        item = (await ctx.api.capture(captureId)).capture;
      } catch (e) {
        // The record may lag the upload by a moment; anything but 404 is a real error.
        if (!(e instanceof ApiError && e.status === 404)) throw e;
      }
      if (item?.status === 'DONE') {
        const verdict = item.verdict ?? '—';
        replace(
          status,
          h('span', { class: 'sr-only' }, t('analysisDone', { name, verdict })),
          h('span', { 'aria-hidden': 'true' }, t('status_DONE'), ' '),
          item.verdict ? badge(item.verdict) : null,
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              onclick: () => ctx.navigate(`#/capture/${encodeURIComponent(captureId)}`),
            },
            t('open'),
          ),
        );
        ctx.announce(t('analysisDone', { name, verdict }));
        onAnalysed();
        return;
      }
      if (item?.status === 'FAILED') {
        const msg = t('analysisFailed', { name, reason: item.error ?? '?' });
        replace(
          status,
          h('span', { class: 'text-error' }, '✕ ', phrase(ctx, 'analysisFailed', { name, reason: item.error ?? '?' })),
        );
        ctx.announce(msg);
        onAnalysed();
        return;
      }
      replace(status, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' ', t('stillPending', { name }));
      await sleep(delay);
      delay = Math.min(delay * 1.5, 3000);
    }
  }

  async function uploadOne(file: File, mxIp: string | undefined): Promise<void> {
    const name = file.name;
    const progress = h('progress', { max: 100, value: 0, 'aria-label': name });
    const status = h('span', { class: 'upload-status' }, t('uploading', { name, pct: 0 }));
    const row = h('li', { class: 'upload' }, h('span', { class: 'upload-name mono' }, name), progress, status);
    rows.prepend(row);
    try {
      const ticket = await ctx.api.createUpload(name, file.size, mxIp);
      row.setAttribute('data-capture-id', ticket.captureId);
      let lastPct = -1;
      await putWithProgress(ticket, file, (f) => {
        const pct = Math.round(f * 100);
        if (pct === lastPct) return;
        lastPct = pct;
        progress.value = pct;
        status.textContent = t('uploading', { name, pct });
      });
      progress.value = 100;
      status.textContent = t('uploaded', { name });
      ctx.announce(t('uploaded', { name }));
      onAnalysed();
      await pollUntilDone(ticket.captureId, name, status);
    } catch (e) {
      const msg = t('uploadFailed', { name, reason: reason(e) });
      replace(status, h('span', { class: 'text-error' }, '✕ ', msg));
      ctx.announce(msg);
    }
  }

  const mxInput = h('input', {
    id: 'mx-ip',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: '198.51.100.1',
    'aria-describedby': 'mx-ip-help mx-ip-error',
  });
  const mxError = h('p', { id: 'mx-ip-error', class: 'form-error', role: 'alert' });
  /** The MX address to send, undefined when empty, null when it is not an address (said in the UI). */
  function mxIpToSend(): string | undefined | null {
    const v = mxInput.value.trim();
    const bad = v !== '' && !isIpAddress(v);
    mxInput.setAttribute('aria-invalid', String(bad));
    // Said here, in the UI language, before asking the API (which answers in English).
    mxError.textContent = bad ? t('invalidIp', { ip: v }) : '';
    return bad ? null : v || undefined;
  }
  mxInput.addEventListener('input', () => {
    if (mxInput.getAttribute('aria-invalid') === 'true') mxIpToSend();
  });

  async function uploadAll(files: FileList | File[] | null | undefined): Promise<void> {
    const list = Array.from(files ?? []);
    if (list.length === 0) return;
    const mxIp = mxIpToSend();
    if (mxIp === null) {
      mxInput.focus();
      return;
    }
    for (const f of list) await uploadOne(f, mxIp);
  }

  const input = h('input', {
    id: 'capture-file',
    type: 'file',
    class: 'visually-hidden',
    accept: '.pcap,.pcapng,.cap,application/vnd.tcpdump.pcap',
    multiple: true,
    onchange: () => {
      const files = Array.from(input.files ?? []);
      input.value = '';
      void uploadAll(files);
    },
  });
  const zone = h(
    'div',
    {
      class: 'dropzone',
      ondragover: (ev: Event) => {
        ev.preventDefault();
        zone.classList.add('over');
      },
      ondragleave: () => zone.classList.remove('over'),
      ondrop: (ev: Event) => {
        ev.preventDefault();
        zone.classList.remove('over');
        void uploadAll((ev as DragEvent).dataTransfer?.files);
      },
    },
    h('span', { class: 'drop-icon', 'aria-hidden': 'true' }, '⇪'),
    ' ',
    t('dropHere'),
    ' ',
    input,
    h('label', { for: 'capture-file', class: 'file-label' }, t('chooseFile')),
  );
  return h(
    'section',
    { class: 'card upload-panel', 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, t('uploadTitle')),
    h(
      'div',
      { class: 'mx-field' },
      h('label', { for: 'mx-ip' }, t('mxIpLabel')),
      mxInput,
      h('p', { id: 'mx-ip-help', class: 'help' }, t('mxIpHelp')),
      mxError,
    ),
    zone,
    rows,
  );
}
