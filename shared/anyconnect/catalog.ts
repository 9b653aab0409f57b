// Turns a code and its evidence into an AnyConnect finding with the catalog's words (en, ja).
import { INCONCLUSIVE_REASON_WORDS } from '../report/inconclusive-reasons.js';
import type { InconclusiveReason, Severity } from '../report/types.js';
import { ANYCONNECT_CATALOG_EN } from './catalog-en.js';
import { ANYCONNECT_CATALOG_JA } from './catalog-ja.js';
import type { AnyConnectCode, AnyConnectFinding, AnyConnectStep } from './types.js';

export const ANYCONNECT_SEVERITY: Record<AnyConnectCode, Severity> = {
  ANYCONNECT_ESTABLISHED: 'ok',
  ANYCONNECT_DTLS_BLOCKED: 'warning',
  ANYCONNECT_CERT_REJECTED: 'error',
  ANYCONNECT_AUTH_FAILED: 'error',
  ANYCONNECT_TCP_UNREACHABLE: 'error',
  ANYCONNECT_TLS_FAILED: 'error',
  INCONCLUSIVE: 'warning',
  ANYCONNECT_CERT_EXPIRED: 'error',
  ANYCONNECT_CERT_NOT_YET_VALID: 'error',
  ANYCONNECT_CERT_NAME_MISMATCH: 'warning',
  ANYCONNECT_CERT_SELF_SIGNED: 'warning',
  ANYCONNECT_CERT_CHAIN_INCOMPLETE: 'warning',
};

type Vars = Record<string, string | number | boolean>;

/** Wording of a few evidence values, per language (protocol names stay as they are). */
function localVars(details: Vars, lang: 'en' | 'ja'): Vars {
  const v: Vars = { ...details };
  if (details.answer === 'reset') v.answer = lang === 'en' ? 'reset by the MX (RST)' : 'MX から RST で拒否されました';
  else if (details.answer === 'none') v.answer = lang === 'en' ? 'never answered' : '応答はありません';
  const who =
    details.closedFrom === 'mx' ? (lang === 'en' ? 'the MX' : 'MX') : lang === 'en' ? 'the client' : 'クライアント';
  const how =
    details.closedBy === 'rst'
      ? lang === 'en'
        ? 'a TCP reset (RST)'
        : 'TCP リセット（RST）'
      : details.closedBy === 'fin'
        ? 'FIN'
        : alertWords(details.alert, lang);
  if (details.closedBy !== undefined)
    v.closedBy =
      lang === 'en'
        ? `${who} closed the connection with ${how}`
        : // 「MX が」 with a space after the Latin name, 「クライアントが」 without.
          `${who}${who === 'MX' ? ' ' : ''}が ${how}${how.endsWith('）') ? '' : ' '}で接続を終了`;
  v.ending =
    details.closedBy !== undefined
      ? v.closedBy
      : details.alert !== undefined
        ? alertWords(details.alert, lang)
        : lang === 'en'
          ? 'no answer'
          : '応答なし';
  if (typeof details.reason === 'string')
    v.reason = INCONCLUSIVE_REASON_WORDS[details.reason as InconclusiveReason]?.[lang] ?? details.reason;
  v.likelyVerdict = details.likelyVerdict ?? (lang === 'en' ? 'no verdict' : 'どの判定でもないこと');
  return v;
}

/** A TLS alert by its name (protocol_version …); 'encrypted' when only its record was seen. */
function alertWords(alert: unknown, lang: 'en' | 'ja'): string {
  if (lang === 'en') return `alert ${String(alert ?? 'encrypted')}`;
  return alert === undefined || alert === 'encrypted' ? '暗号化された TLS アラート' : `TLS アラート ${String(alert)}`;
}

function fill(text: string, vars: Vars): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function buildAnyConnectFinding(
  code: AnyConnectCode,
  step: AnyConnectStep,
  frames: number[],
  details: Vars,
): AnyConnectFinding {
  const en = ANYCONNECT_CATALOG_EN[code];
  const ja = ANYCONNECT_CATALOG_JA[code];
  const ve = localVars(details, 'en');
  const vj = localVars(details, 'ja');
  return {
    code,
    severity: ANYCONNECT_SEVERITY[code],
    step,
    title: { en: fill(en.title, ve), ja: fill(ja.title, vj) },
    explanation: { en: fill(en.explanation, ve), ja: fill(ja.explanation, vj) },
    checklist: { en: en.checklist.map((c) => fill(c, ve)), ja: ja.checklist.map((c) => fill(c, vj)) },
    evidence: { frames, details: { ...details } },
    filter: frames.length ? `frame.number in {${frames.join(',')}}` : 'tcp.port == 443 || udp.port == 443',
  };
}
