// The rows a terminal ladder is made of, shared by the IKE and AnyConnect ladders: the words of both
// languages, column widths, arrows, a finding's lines. Pure text functions.
import type { Finding } from './types.js';

export type Lang = 'en' | 'ja';

export const ARROW_WIDTH = 44;
export const WORDS = {
  en: {
    verdict: 'Verdict',
    session: 'Session',
    evidence: 'Evidence',
    filter: 'Wireshark filter',
    check: 'Check',
    other: 'Other findings',
    auth: 'Authentication',
    frames: 'frames',
    repeated: 'repeated',
    esp: 'ESP',
    none: 'no ESP seen',
    retrans: 'retransmission',
    client: 'client',
    mx: 'MX',
    nat: 'NAT',
    yes: 'yes',
    no: 'no',
    unknown: 'unknown',
    hosts: 'Hosts seen',
    anomalies: 'Anomalies',
    truncated: 'timeline truncated',
    proposals: 'Phase 1 offered',
    chosen: 'chosen',
    clients: 'Clients',
    reason: 'reason',
    likely: 'likely',
    none2: 'none',
    coverage: 'Coverage',
    started: 'capture started before the first message',
    startedLate: 'capture started after the first message',
    after: ' s captured after the last message',
    sessionsOf: (n: number) => (n === 1 ? '1 session' : `${n} sessions`),
    rules: 'Rules',
    damaged: 'Damaged',
  },
  ja: {
    verdict: '判定',
    session: 'セッション',
    evidence: '根拠',
    filter: 'Wireshark フィルター',
    check: '確認事項',
    other: 'その他の所見',
    auth: '認証',
    frames: 'フレーム',
    repeated: '再送',
    esp: 'ESP',
    none: 'ESP なし',
    retrans: '再送',
    client: 'クライアント',
    mx: 'MX',
    nat: 'NAT',
    yes: 'あり',
    no: 'なし',
    unknown: '不明',
    hosts: '観測されたホスト',
    anomalies: '異常',
    truncated: 'タイムライン省略',
    proposals: 'フェーズ 1 提示',
    chosen: '選択',
    clients: 'クライアント一覧',
    reason: '理由',
    likely: '可能性が高い判定',
    none2: 'なし',
    coverage: 'キャプチャ範囲',
    started: '最初のメッセージより前からキャプチャ',
    startedLate: '最初のメッセージの後からキャプチャ',
    after: ' 秒（最後のメッセージの後にキャプチャされた時間）',
    sessionsOf: (n: number) => `${n} セッション`,
    rules: 'ルール',
    damaged: '破損',
  },
} as const;

/** Control characters would let a capture drive the terminal: show them as \xNN. */
export function safe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Terminal columns of a string: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    n += wide ? 2 : 1;
  }
  return n;
}

export function padColumns(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - displayWidth(text)));
}

/** One message between the client and MX columns, its label centred on a bar of `line`. */
export function drawArrow(direction: 'client-to-mx' | 'mx-to-client', label: string, line = '─'): string {
  const fill = Math.max(2, ARROW_WIDTH - displayWidth(label) - 2);
  const left = Math.floor(fill / 2);
  const bar = (n: number) => line.repeat(n);
  return direction === 'client-to-mx'
    ? `${bar(left)}${label}${bar(fill - left)}${line}▶`
    : `◀${line}${bar(left)}${label}${bar(fill - left)}`;
}

/** The ladder's column heads: frame, time, then the client and MX columns. */
export function ladderHead(w: (typeof WORDS)[Lang]): string {
  return `   frame     time  ${padColumns(w.client, ARROW_WIDTH - 2)}${w.mx}`;
}

/** Seconds as Wireshark's Time column shows them, right-aligned in 8 columns. */
export function timeColumn(seconds: number): string {
  return Number.isFinite(seconds) ? seconds.toFixed(3).padStart(8) : '        ';
}

export function verdictLine(
  r: { verdict: string; reason?: string; likelyVerdict?: string | null },
  w: (typeof WORDS)[Lang],
): string {
  if (r.verdict !== 'INCONCLUSIVE' || !r.reason) return r.verdict;
  return `${r.verdict} (${w.reason}: ${r.reason}; ${w.likely}: ${r.likelyVerdict ?? w.none2})`;
}

/** A finding's lines; AnyConnect findings have the same shape minus repeats and notifies. */
export function findingBlock(
  f: Pick<Finding, 'title' | 'explanation' | 'checklist' | 'filter'> & {
    code: string;
    evidence: Pick<Finding['evidence'], 'frames' | 'repeated' | 'notifies'>;
  },
  lang: Lang,
  indent: string,
  full: boolean,
): string[] {
  const w = WORDS[lang];
  const lines = [`${indent}${f.code} — ${safe(f.title[lang])}`, `${indent}  ${safe(f.explanation[lang])}`];
  if (!full) return lines;
  const ev = f.evidence;
  const parts: string[] = [];
  if (ev.frames.length)
    parts.push(`${w.frames} ${ev.frames.slice(0, 24).join(', ')}${ev.frames.length > 24 ? ' …' : ''}`);
  for (const r of ev.repeated ?? [])
    parts.push(`${w.repeated}: ${r.message} ×${r.count} (${r.from === 'client' ? w.client : w.mx})`);
  for (const n of ev.notifies ?? []) parts.push(`notify ${safe(n.name)} (${n.type}) @${n.frame}`);
  if (parts.length) lines.push(`${indent}  ${w.evidence}: ${parts.join('; ')}`);
  lines.push(`${indent}  ${w.filter}: ${safe(f.filter)}`);
  if (f.checklist[lang].length) {
    lines.push(`${indent}  ${w.check}:`);
    for (const c of f.checklist[lang]) lines.push(`${indent}    • ${safe(c)}`);
  }
  return lines;
}
