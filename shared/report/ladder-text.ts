// The human form of a report for a terminal: each session's negotiation drawn as a ladder
// (client and MX columns, one arrow per message labelled with its step), then the verdict, the
// evidence, the Wireshark filter and the checklist. Pure: report in, text out.
import { anyConnectBlock } from './anyconnect-text.js';
import { drawArrow, findingBlock, ladderHead, safe, timeColumn, verdictLine, WORDS, type Lang } from './ladder-rows.js';
import type { AnalysisReport, SessionDiagnosis, TimelineEntry } from './types.js';

export { displayWidth, safe, type Lang } from './ladder-rows.js';

function arrow(e: TimelineEntry, w: (typeof WORDS)[Lang]): string {
  const notify = e.notifies.length ? ` N(${e.notifies.join(',')})` : '';
  const mark = e.retransmission ? ` ↻ ${w.retrans}` : '';
  const label = ` ${e.label} ${e.step === 'INFO' ? '' : e.step + ' '}${e.srcPort}→${e.dstPort}${notify}${mark} `;
  return drawArrow(e.direction, label);
}

/** Seconds since the capture's first frame, as Wireshark's Time column shows them. */
function relTime(e: TimelineEntry): string {
  return timeColumn(Number(e.relativeTime));
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
    lines.push(ladderHead(w));
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
  const firstTime = Number(c.firstTime ?? 0);
  (report.anyconnect ?? []).forEach((s, i) => lines.push(...anyConnectBlock(s, i, lang, firstTime), ''));
  if (report.auth.length) {
    lines.push(`${w.auth}:`);
    for (const f of report.auth) lines.push(...findingBlock(f, lang, '  ', true), '');
  }
  for (const f of report.findings) lines.push(...findingBlock(f, lang, '', true), '');
  if (report.sessions.length === 0 && !report.anyconnect?.length && report.hosts.length)
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
