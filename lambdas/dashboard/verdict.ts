// How a verdict or severity is shown: a badge with a glyph AND the code text, so colour is never
// the only signal.
import type { Severity, VerdictCode } from '#shared/report/types.js';
import { codeTitle } from './codes.js';
import { h } from './dom.js';
import type { Lang } from './i18n.js';

const OK: ReadonlySet<string> = new Set([
  'TUNNEL_ESTABLISHED',
  'RADIUS_ACCEPTED',
  'AD_TLS_OK',
  'CLOUD_DNS_OK',
  'ANYCONNECT_ESTABLISHED',
]);
const INFO: ReadonlySet<string> = new Set(['NAT_DETECTED', 'CLIENT_FINGERPRINT', 'INCONCLUSIVE', 'NO_AUTH_TRAFFIC']);
const WARNING: ReadonlySet<string> = new Set([
  'ESP_ONE_WAY',
  'WEAK_PROPOSAL',
  'PROPOSAL_NOT_ACCEPTED_BY_MERAKI',
  'NOTIFY_IN_CLEAR',
  'IKE_FRAGMENTS_INCOMPLETE',
  'MALFORMED_TRAFFIC',
  'ANYCONNECT_DTLS_BLOCKED',
  'ANYCONNECT_CERT_NAME_MISMATCH',
  'ANYCONNECT_CERT_SELF_SIGNED',
  'ANYCONNECT_CERT_CHAIN_INCOMPLETE',
]);

/** The severity a verdict code is drawn with (findings carry their own). */
export function verdictSeverity(code: string): Severity {
  if (OK.has(code)) return 'ok';
  if (INFO.has(code)) return 'info';
  if (WARNING.has(code)) return 'warning';
  return 'error';
}

export const SEVERITY_GLYPH: Record<Severity, string> = { ok: '✓', info: 'i', warning: '!', error: '✕' };

/** The badge and the code's title beside it: "✕ PSK_MISMATCH · Pre-shared key mismatch". */
export function verdictWithTitle(code: VerdictCode | string, lang: Lang): HTMLElement {
  return h(
    'span',
    { class: 'verdict-with-title' },
    badge(code),
    h('span', { class: 'code-title' }, codeTitle(code, lang)),
  );
}

export function badge(
  code: VerdictCode | string,
  severity: Severity = verdictSeverity(code),
  title?: string,
): HTMLElement {
  return h(
    'span',
    { class: `badge sev-${severity}`, title: title ?? null, 'data-verdict': code },
    h('span', { class: 'glyph', 'aria-hidden': 'true' }, SEVERITY_GLYPH[severity]),
    ' ',
    code,
  );
}
