// The words around each code: title, one-sentence explanation, and what to check, in English
// and Japanese. For the guide's own signatures the checklist is the guide's (seed/ and
// GUIDE.md); the finer codes say which evidence separates them. Codes are the contract; these
// texts may change.
import type { FindingCode, GuideStep, Localized, Severity, VerdictCode } from '../report/types.js';
import { CATALOG_EN } from './catalog-en.js';
import { CATALOG_JA } from './catalog-ja.js';
import type { CatalogValues } from './rule-types.js';

export type Code = VerdictCode | FindingCode;

/** A text with {placeholders}, or a function of the finding's values (for wording that depends on them). */
export type CatalogString = string | ((v: CatalogValues) => string);

export interface CatalogText {
  title: string;
  explanation: CatalogString;
  checklist: string[] | ((v: CatalogValues) => string[]);
}

export interface CatalogEntry {
  severity: Severity;
  step: GuideStep;
}

/** Severity and guide step of every code, in one place. */
export const CODE_META: Record<Code, CatalogEntry> = {
  NO_IKE_FROM_CLIENT: { severity: 'error', step: 'NONE' },
  NO_RESPONSE_FROM_MX: { severity: 'error', step: 'SA' },
  SA_RETRANSMITTED: { severity: 'error', step: 'SA' },
  KE_RETRANSMITTED: { severity: 'error', step: 'KE' },
  PHASE2_RETRANSMITTED: { severity: 'error', step: 'HASH' },
  TUNNEL_ESTABLISHED: { severity: 'ok', step: 'ESP' },
  RADIUS_ACCEPTED: { severity: 'ok', step: 'AUTH' },
  RADIUS_REJECTED: { severity: 'error', step: 'AUTH' },
  RADIUS_NO_RESPONSE: { severity: 'error', step: 'AUTH' },
  AD_TLS_FAILED: { severity: 'error', step: 'AUTH' },
  AD_TLS_OK: { severity: 'ok', step: 'AUTH' },
  CLOUD_DNS_FAILED: { severity: 'error', step: 'AUTH' },
  CLOUD_DNS_OK: { severity: 'ok', step: 'AUTH' },
  PSK_MISMATCH: { severity: 'error', step: 'ID' },
  NAT_T_BLOCKED: { severity: 'error', step: 'ID' },
  PHASE1_PROPOSAL_REJECTED: { severity: 'error', step: 'SA' },
  PHASE2_PROPOSAL_REJECTED: { severity: 'error', step: 'HASH' },
  AGGRESSIVE_MODE: { severity: 'error', step: 'SA' },
  IKEV2_NOT_SUPPORTED: { severity: 'error', step: 'SA' },
  ESP_ONE_WAY: { severity: 'error', step: 'ESP' },
  NAT_DETECTED: { severity: 'info', step: 'KE' },
  CLIENT_FINGERPRINT: { severity: 'info', step: 'SA' },
  PROPOSAL_NOT_ACCEPTED_BY_MERAKI: { severity: 'warning', step: 'SA' },
  WEAK_PROPOSAL: { severity: 'warning', step: 'SA' },
  NOTIFY_IN_CLEAR: { severity: 'info', step: 'INFO' },
  IKE_FRAGMENTS_INCOMPLETE: { severity: 'warning', step: 'SA' },
  NO_AUTH_TRAFFIC: { severity: 'info', step: 'AUTH' },
  MALFORMED_TRAFFIC: { severity: 'warning', step: 'NONE' },
  INCONCLUSIVE: { severity: 'warning', step: 'NONE' },
  L2TP_WITHOUT_IPSEC: { severity: 'error', step: 'NONE' },
  NOT_CLIENT_VPN: { severity: 'info', step: 'SA' },
  // AnyConnect: no step of the IKE guide (the session's own step is AnyConnectStep)
  ANYCONNECT_ESTABLISHED: { severity: 'ok', step: 'NONE' },
  ANYCONNECT_DTLS_BLOCKED: { severity: 'warning', step: 'NONE' },
  ANYCONNECT_CERT_REJECTED: { severity: 'error', step: 'NONE' },
  ANYCONNECT_AUTH_FAILED: { severity: 'error', step: 'NONE' },
  ANYCONNECT_TCP_UNREACHABLE: { severity: 'error', step: 'NONE' },
  ANYCONNECT_TLS_FAILED: { severity: 'error', step: 'NONE' },
  ANYCONNECT_CERT_EXPIRED: { severity: 'error', step: 'NONE' },
  ANYCONNECT_CERT_NOT_YET_VALID: { severity: 'error', step: 'NONE' },
  ANYCONNECT_CERT_NAME_MISMATCH: { severity: 'warning', step: 'NONE' },
  ANYCONNECT_CERT_SELF_SIGNED: { severity: 'warning', step: 'NONE' },
  ANYCONNECT_CERT_CHAIN_INCOMPLETE: { severity: 'warning', step: 'NONE' },
};

/** Replaces {name} placeholders with values (plain text; escaping is the renderer's job). */
function fill(text: CatalogString, vars: CatalogValues): string {
  const t = typeof text === 'function' ? text(vars) : text;
  return t.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

function list(items: CatalogText['checklist'], vars: CatalogValues): string[] {
  return (typeof items === 'function' ? items(vars) : items).map((c) => fill(c, vars));
}

export function catalogText(
  code: Code,
  vars: CatalogValues = {},
): {
  title: Localized<string>;
  explanation: Localized<string>;
  checklist: Localized<string[]>;
} {
  const en = CATALOG_EN[code];
  const ja = CATALOG_JA[code];
  return {
    title: { en: fill(en.title, vars), ja: fill(ja.title, vars) },
    explanation: { en: fill(en.explanation, vars), ja: fill(ja.explanation, vars) },
    checklist: { en: list(en.checklist, vars), ja: list(ja.checklist, vars) },
  };
}
