// Turns a code and its evidence into an AnyConnect finding with the catalog's words (en, ja).
import { CODE_META } from '../diagnosis/catalog.js';
import { ANYCONNECT_CATALOG_EN } from './catalog-en.js';
import { ANYCONNECT_CATALOG_JA } from './catalog-ja.js';
import type { AnyConnectCode, AnyConnectFinding, AnyConnectStep } from './types.js';

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
        : `alert ${String(details.alert ?? 'encrypted')}`;
  if (details.closedBy !== undefined)
    v.closedBy =
      lang === 'en'
        ? `${who} closed the connection with ${how}`
        : `${who} が ${how}${how.endsWith('）') ? '' : ' '}で接続を終了`;
  v.ending =
    details.closedBy !== undefined
      ? v.closedBy
      : details.alert !== undefined
        ? `alert ${String(details.alert)}`
        : lang === 'en'
          ? 'no answer'
          : '応答なし';
  if (typeof details.reason === 'string') v.reason = REASONS[details.reason]?.[lang] ?? details.reason;
  v.likelyVerdict = details.likelyVerdict ?? (lang === 'en' ? 'no verdict' : 'どの判定でもないこと');
  return v;
}

const REASONS: Record<string, { en: string; ja: string }> = {
  'capture-ended-early': { en: 'the capture ended too early', ja: 'キャプチャの終了が早すぎます' },
  'capture-started-late': { en: 'the capture started too late', ja: 'キャプチャの開始が遅すぎます' },
  'too-few-packets': { en: 'too few packets', ja: 'パケットが少なすぎます' },
  'not-enough-time': { en: 'not enough time captured', ja: 'キャプチャの時間が足りません' },
};

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
    severity: CODE_META[code].severity,
    step,
    title: { en: fill(en.title, ve), ja: fill(ja.title, vj) },
    explanation: { en: fill(en.explanation, ve), ja: fill(ja.explanation, vj) },
    checklist: { en: en.checklist.map((c) => fill(c, ve)), ja: ja.checklist.map((c) => fill(c, vj)) },
    evidence: { frames, details: { ...details } },
    filter: frames.length ? `frame.number in {${frames.join(',')}}` : 'tcp.port == 443 || udp.port == 443',
  };
}
