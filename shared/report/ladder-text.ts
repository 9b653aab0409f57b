// The human form of a report for a terminal: each session's negotiation drawn as a ladder
// (client and MX columns, one arrow per message labelled with its step), then the verdict, the
// evidence, the Wireshark filter and the checklist; AnyConnect sessions after the IKE ones
// (anyconnect-text.ts). Pure: report in, text out.
import { anyConnectBlock } from './anyconnect-text.js';
import type { AmbiguousWidth } from './display-width.js';
import { findingBlock, safe, verdictText, type TextContext } from './finding-text.js';
import { ladderRows } from './ladder-rows.js';
import { WORDS, type Lang } from './ladder-words.js';
import { moreClientsLine, sessionSummaryLines } from './summary-text.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from './terminal-glyphs.js';
import type { AnalysisReport, SessionDiagnosis } from './types.js';

export type { Lang } from './ladder-words.js';
export { safe } from './finding-text.js';

/** How the terminal draws: the width of East Asian ambiguous characters, and ASCII-only symbols. */
export interface RenderOptions {
  ambiguous?: AmbiguousWidth;
  ascii?: boolean;
}
function sessionBlock(s: SessionDiagnosis, index: number, ctx: TextContext): string[] {
  const { w, g } = ctx;
  const lines = [
    `${w.session} ${index + 1}${g.separator}${w.client} ${s.clientIp}:${s.clientPort}${g.between}${w.mx} ${s.responderIp}:${s.responderPort}${g.separator}${w.mode(s.mode, s.ikeVersion)}${g.separator}${w.nat(s.nat.client, s.nat.responder)}`,
  ];
  // The fingerprint field is English; in Japanese the CLIENT_FINGERPRINT finding says the same in words.
  const fingerprint =
    ctx.lang === 'ja'
      ? s.findings.find((f) => f.code === 'CLIENT_FINGERPRINT')?.explanation.ja
      : s.client.vendorIds.length
        ? s.client.fingerprint
        : undefined;
  if (fingerprint) lines.push(`  ${safe(fingerprint)}`);
  if (s.client.identity) lines.push(`  ${w.identity(s.client.identity.type, safe(s.client.identity.value))}`);
  if (s.roles.decidedBy === 'first-sender') lines.push(`  ${w.rolesGuessed(s.clientIp)}`);
  if (s.roles.decidedBy === 'mx-renewal') lines.push(`  ${w.mxRenewal(s.responderIp)}`);
  if (s.proposals.phase1Offered.length) {
    lines.push(
      `  ${w.proposals}: ${s.proposals.phase1Offered
        .slice(0, 6)
        .map((p) => p.text)
        .join(w.partSeparator)}${s.proposals.phase1Offered.length > 6 ? ` ${g.more}` : ''}`,
    );
    if (s.proposals.phase1Chosen) lines.push(`  ${w.chosen}: ${s.proposals.phase1Chosen.text}`);
  }
  lines.push(...ladderRows(s.timeline, w, ctx.style));
  if (s.timelineTruncated) lines.push(`         ${g.more} ${w.truncated}`);
  const up = s.esp.filter((x) => x.direction === 'client-to-mx').reduce((n, x) => n + x.packets, 0);
  const down = s.esp.filter((x) => x.direction === 'mx-to-client').reduce((n, x) => n + x.packets, 0);
  const spis = s.esp
    .slice(0, 4)
    .map((x) => x.spi)
    .join(', ');
  lines.push(`  ${w.esp}: ${s.esp.length ? w.espCounts(up, down, spis, g) : w.espNone}`);
  const [primary, ...rest] = s.findings;
  lines.push(`  ${w.coverage(s.coverage.sawFirstMessage, s.coverage.secondsAfter)}`);
  lines.push('', `  ${w.verdict}: ${verdictText(s, w)}`);
  if (primary) lines.push(...findingBlock(primary, ctx, '  ', true));
  if (rest.length) {
    lines.push(`  ${w.other}:`);
    for (const f of rest) lines.push(...findingBlock(f, ctx, '    ', false));
  }
  return lines;
}

/**
 * The report as terminal text. `options.ambiguous` says how the terminal draws East Asian
 * ambiguous characters (the caller knows the locale; this module does not look);
 * `options.ascii` draws with ASCII symbols only.
 */
export function renderReport(report: AnalysisReport, lang: Lang = 'en', options: RenderOptions = {}): string {
  const g = options.ascii ? ASCII_GLYPHS : UNICODE_GLYPHS;
  const ctx: TextContext = { lang, w: WORDS[lang], g, style: { ambiguous: options.ambiguous ?? 'narrow', glyphs: g } };
  const w = ctx.w;
  const c = report.capture;
  const lines = [
    `vpn-doctor${g.separator}${c.fileName ? safe(c.fileName) + g.separator : ''}${c.format}${g.separator}${c.frames} ${w.frames(c.frames)}${c.start ? `${g.separator}${c.start} ${g.to} ${c.end}` : ''}`,
    `${w.verdict}: ${verdictText(report, w)}`,
  ];
  if (report.clients.length) {
    lines.push(`${w.clients}:`);
    for (const cl of report.clients)
      lines.push(
        `  ${cl.ip.padEnd(16)} ${cl.verdict}${cl.sessions.length ? w.sessionsOf(cl.sessions.length) : ''}${cl.notClientVpn ? g.separator + w.notClientVpn : ''}`,
      );
    lines.push(...moreClientsLine(report, ctx));
  }
  if (c.damage) lines.push(safe(w.damage(c.damage, g)));
  lines.push('');
  lines.push(...sessionSummaryLines(report, ctx));
  report.sessions.forEach((s, i) => lines.push(...sessionBlock(s, i, ctx), ''));
  const firstTime = Number(c.firstTime ?? 0);
  (report.anyconnect ?? []).forEach((s, i) => lines.push(...anyConnectBlock(s, i, ctx, firstTime), ''));
  if (report.auth.length) {
    lines.push(`${w.auth}:`);
    for (const f of report.auth) lines.push(...findingBlock(f, ctx, '  ', true), '');
  }
  for (const f of report.findings) lines.push(...findingBlock(f, ctx, '', true), '');
  if (report.sessions.length === 0 && !report.anyconnect?.length && report.hosts.length)
    lines.push(
      `${w.hosts}: ${report.hosts
        .slice(0, 10)
        .map((h) => w.host(h.ip, h.frames))
        .join(w.hostSeparator)}`,
    );
  if (c.anomalies.length)
    lines.push(
      `${w.anomalies}: ${w.anomalyList(c.anomalies.length, [...new Set(c.anomalies.map((a) => `${a.layer}/${a.code}`))].slice(0, 8).join(', '))}`,
    );
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}
