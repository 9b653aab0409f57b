// The human form of a report for a terminal: each session's negotiation drawn as a ladder
// (client and MX columns, one arrow per message labelled with its step), then the verdict, the
// evidence, the Wireshark filter and the checklist. Pure: report in, text out.
import type { AnalysisReport, Finding, SessionDiagnosis, TimelineEntry } from './types.js';

export type Lang = 'en' | 'ja';

const ARROW_WIDTH = 44;
const WORDS = {
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

function padColumns(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - displayWidth(text)));
}

function arrow(e: TimelineEntry, w: (typeof WORDS)[Lang]): string {
  const notify = e.notifies.length ? ` N(${e.notifies.join(',')})` : '';
  const mark = e.retransmission ? ` ↻ ${w.retrans}` : '';
  const label = ` ${e.label} ${e.step === 'INFO' ? '' : e.step + ' '}${e.srcPort}→${e.dstPort}${notify}${mark} `;
  const fill = Math.max(2, ARROW_WIDTH - displayWidth(label) - 2);
  const left = Math.floor(fill / 2);
  const bar = (n: number) => '─'.repeat(n);
  return e.direction === 'client-to-mx'
    ? `${bar(left)}${label}${bar(fill - left)}─▶`
    : `◀─${bar(left)}${label}${bar(fill - left)}`;
}

/** Seconds since the capture's first frame, as Wireshark's Time column shows them. */
function relTime(e: TimelineEntry): string {
  const d = Number(e.relativeTime);
  return Number.isFinite(d) ? d.toFixed(3).padStart(8) : '        ';
}

function verdictLine(
  r: { verdict: string; reason?: string; likelyVerdict?: string | null },
  w: (typeof WORDS)[Lang],
): string {
  if (r.verdict !== 'INCONCLUSIVE' || !r.reason) return r.verdict;
  return `${r.verdict} (${w.reason}: ${r.reason}; ${w.likely}: ${r.likelyVerdict ?? w.none2})`;
}

function findingBlock(f: Finding, lang: Lang, indent: string, full: boolean): string[] {
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

function natText(v: boolean | null, w: (typeof WORDS)[Lang]): string {
  return v === null ? w.unknown : v ? w.yes : w.no;
}

function sessionBlock(s: SessionDiagnosis, index: number, lang: Lang): string[] {
  const w = WORDS[lang];
  const mode = s.mode === 'esp-only' ? 'ESP only' : `IKEv${s.ikeVersion ?? '?'} ${s.mode}`;
  const lines = [
    `${w.session} ${index + 1} · ${w.client} ${s.clientIp}:${s.clientPort} ⇄ ${w.mx} ${s.responderIp}:${s.responderPort} · ${mode} · ${w.nat}: ${w.client} ${natText(s.nat.client, w)}, ${w.mx} ${natText(s.nat.responder, w)}`,
  ];
  if (s.client.vendorIds.length) lines.push(`  ${safe(s.client.fingerprint)}`);
  if (s.client.identity) lines.push(`  ID (${s.client.identity.type}): ${safe(s.client.identity.value)}`);
  if (s.proposals.phase1Offered.length) {
    lines.push(
      `  ${w.proposals}: ${s.proposals.phase1Offered
        .slice(0, 6)
        .map((p) => p.text)
        .join('; ')}${s.proposals.phase1Offered.length > 6 ? ' …' : ''}`,
    );
    if (s.proposals.phase1Chosen) lines.push(`  ${w.chosen}: ${s.proposals.phase1Chosen.text}`);
  }
  if (s.timeline.length) {
    lines.push(`   frame     time  ${padColumns(w.client, ARROW_WIDTH - 2)}${w.mx}`);
    for (const e of s.timeline) lines.push(`  ${String(e.frame).padStart(6)} ${relTime(e)}  ${arrow(e, w)}`);
    if (s.timelineTruncated) lines.push(`         … ${w.truncated}`);
  }
  const up = s.esp.filter((x) => x.direction === 'client-to-mx').reduce((n, x) => n + x.packets, 0);
  const down = s.esp.filter((x) => x.direction === 'mx-to-client').reduce((n, x) => n + x.packets, 0);
  lines.push(
    s.esp.length
      ? `  ${w.esp}: ${w.client}→${w.mx} ${up}, ${w.mx}→${w.client} ${down} (SPI ${s.esp
          .slice(0, 4)
          .map((x) => x.spi)
          .join(', ')})`
      : `  ${w.esp}: ${w.none}`,
  );
  const [primary, ...rest] = s.findings;
  lines.push(
    `  ${w.coverage}: ${s.coverage.sawFirstMessage ? w.started : w.startedLate}; ${s.coverage.secondsAfter.toFixed(3)}${w.after}`,
  );
  lines.push('', `  ${w.verdict}: ${verdictLine(s, w)}`);
  if (primary) lines.push(...findingBlock(primary, lang, '  ', true));
  if (rest.length) {
    lines.push(`  ${w.other}:`);
    for (const f of rest) lines.push(...findingBlock(f, lang, '    ', false));
  }
  return lines;
}

export function renderReport(report: AnalysisReport, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const c = report.capture;
  const lines = [
    `vpn-doctor · ${c.fileName ? safe(c.fileName) + ' · ' : ''}${c.format} · ${c.frames} ${w.frames}${c.start ? ` · ${c.start} → ${c.end}` : ''}`,
    `${w.verdict}: ${verdictLine(report, w)}`,
  ];
  if (report.clients.length) {
    lines.push(`${w.clients}:`);
    for (const cl of report.clients)
      lines.push(
        `  ${cl.ip.padEnd(16)} ${cl.verdict}${cl.sessions.length ? ` (${w.sessionsOf(cl.sessions.length)})` : ''}`,
      );
  }
  if (c.damage)
    lines.push(
      `${w.damaged}: ${c.damage.code}${c.damage.frame !== undefined ? ` @${c.damage.frame}` : ''} — ${safe(c.damage.message)}`,
    );
  lines.push('');
  report.sessions.forEach((s, i) => lines.push(...sessionBlock(s, i, lang), ''));
  if (report.auth.length) {
    lines.push(`${w.auth}:`);
    for (const f of report.auth) lines.push(...findingBlock(f, lang, '  ', true), '');
  }
  for (const f of report.findings) lines.push(...findingBlock(f, lang, '', true), '');
  if (report.sessions.length === 0 && report.hosts.length)
    lines.push(
      `${w.hosts}: ${report.hosts
        .slice(0, 10)
        .map((h) => `${h.ip} (${h.frames})`)
        .join(', ')}`,
    );
  if (c.anomalies.length)
    lines.push(
      `${w.anomalies}: ${c.anomalies.length} (${[...new Set(c.anomalies.map((a) => `${a.layer}/${a.code}`))].slice(0, 8).join(', ')})`,
    );
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}
