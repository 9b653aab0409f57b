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
  const fromMx = details.closedFrom === 'mx';
  // Alert names (unknown_ca, protocol_version) are protocol names and stay as they are in Japanese.
  const alert = (a: unknown) => (lang === 'en' ? `alert ${String(a)}` : `TLS アラート ${String(a)}`);
  const how =
    details.closedBy === 'rst'
      ? lang === 'en'
        ? 'a TCP reset (RST)'
        : 'TCP リセット（RST）'
      : details.closedBy === 'fin'
        ? 'FIN'
        : alert(details.alert ?? (lang === 'en' ? 'encrypted' : '（暗号化）'));
  if (details.closedBy !== undefined)
    v.closedBy =
      lang === 'en'
        ? `${fromMx ? 'the MX' : 'the client'} closed the connection with ${how}`
        : `${fromMx ? 'MX が' : 'クライアントが'} ${how}${/\w$/.test(how) ? ' ' : ''}で接続を終了`;
  v.ending =
    details.closedBy !== undefined
      ? v.closedBy
      : details.alert !== undefined
        ? alert(details.alert)
        : lang === 'en'
          ? 'no answer'
          : '応答なし';
  if (typeof details.reason === 'string') v.reason = REASONS[details.reason]?.[lang] ?? details.reason;
  const likely = details.likelyVerdict;
  // A whole clause per language: Japanese cannot slot "no verdict" into the sentence's place.
  v.leaning =
    lang === 'en'
      ? `the evidence leans to ${likely === undefined ? 'no verdict' : String(likely)}`
      : likely === undefined
        ? '証拠はどの判定も示していません'
        : `証拠は ${String(likely)} を示唆しています`;
  return v;
}

const REASONS: Record<string, { en: string; ja: string }> = {
  'capture-ended-early': { en: 'the capture ended too early', ja: 'キャプチャの終了が早すぎるため' },
  'capture-started-late': { en: 'the capture started too late', ja: 'キャプチャの開始が遅すぎるため' },
  'too-few-packets': { en: 'too few packets', ja: 'パケットが少なすぎるため' },
  'not-enough-time': { en: 'not enough time captured', ja: 'キャプチャの時間が足りないため' },
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
