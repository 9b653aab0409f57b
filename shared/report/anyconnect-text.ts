// An AnyConnect session for a terminal: its TCP/TLS and DTLS messages as a ladder (TLS arrows
// drawn ─, DTLS arrows ═), then the MX's certificate as the capture shows it, the verdict with
// its evidence and checklist, and the certificate checks. Pure: session in, lines out.
import type { AnyConnectSession, AnyConnectTimelineEntry } from '../anyconnect/types.js';
import { TLS_VERSIONS, tlsName } from '../tls/constants.js';
import { drawArrow, findingBlock, ladderHead, safe, timeColumn, verdictLine, WORDS, type Lang } from './ladder-rows.js';

const AC_WORDS = {
  en: {
    session: 'AnyConnect session',
    recognizedBy: 'recognised by',
    offered: 'offered',
    chosen: 'chosen',
    dtlsHellos: (n: number, answered: boolean) =>
      `${n} ClientHello${n === 1 ? '' : 's'}, ${answered ? 'answered' : 'not answered'}`,
    records: 'records',
    suites: (n: number) => `${n} suite${n === 1 ? '' : 's'}`,
    certificate: 'Certificate (as sent by the MX)',
    subject: 'subject',
    issuer: 'issuer',
    sans: 'names (SAN)',
    validity: 'valid',
    key: 'key',
    selfSigned: 'self-signed',
    chain: 'chain',
    ofChain: (n: number) => `${n} certificate${n === 1 ? '' : 's'}`,
    noCertificate: 'Certificate: not in clear (TLS 1.3) or not seen',
    checks: 'Certificate checks',
  },
  ja: {
    session: 'AnyConnect セッション',
    recognizedBy: '判別の根拠',
    offered: '提示',
    chosen: '選択',
    dtlsHellos: (n: number, answered: boolean) => `ClientHello 送信回数 ${n}、${answered ? '応答あり' : '応答なし'}`,
    records: 'レコード',
    suites: (n: number) => `暗号スイート ${n} 個`,
    certificate: '証明書（MX が送信したもの）',
    subject: 'サブジェクト',
    issuer: '発行者',
    sans: '名前（SAN）',
    validity: '有効期間',
    key: '鍵',
    selfSigned: '自己署名',
    chain: 'チェーン',
    ofChain: (n: number) => `${n} 枚`,
    noCertificate: '証明書：平文では見えません（TLS 1.3）または未観測',
    checks: '証明書の確認結果',
  },
} as const;

const LANE = { tcp: 'TCP', tls: 'TLS', dtls: 'DTLS' } as const;

function version(v: number | undefined): string {
  return v === undefined ? '?' : (tlsName(TLS_VERSIONS, v) ?? `0x${v.toString(16).padStart(4, '0')}`);
}

function suite(v: number | undefined): string {
  return v === undefined ? '?' : `0x${v.toString(16).padStart(4, '0')}`;
}

function arrow(e: AnyConnectTimelineEntry, lang: Lang): string {
  // The tracker's labels mark a repeat with ↻ and name DTLS messages "DTLS …" already.
  const text = safe(e.label).replace(/ ↻$/, '');
  const lane = text.startsWith(`${LANE[e.channel]} `) ? '' : `${LANE[e.channel]} `;
  const mark = e.retransmission ? ` ↻ ${WORDS[lang].retrans}` : '';
  const label = ` ${lane}${text}${mark} `;
  return drawArrow(e.direction, label, e.channel === 'dtls' ? '═' : '─');
}

function certificateLines(s: AnyConnectSession, lang: Lang): string[] {
  const a = AC_WORDS[lang];
  const w = WORDS[lang];
  const chain = s.certificates ?? [];
  const leaf = chain[0];
  if (!leaf) return s.tls.completed || s.tls.serverVersion !== undefined ? [`  ${a.noCertificate}`] : [];
  const names = [...leaf.sans, ...(leaf.ipSans ?? [])];
  return [
    `  ${a.certificate}:`,
    `    ${a.subject}: ${safe(leaf.subject)}`,
    `    ${a.issuer}: ${safe(leaf.issuer)}`,
    `    ${a.sans}: ${names.length ? safe(names.join(', ')) : w.none2}`,
    `    ${a.validity}: ${leaf.notBefore ?? '?'} → ${leaf.notAfter ?? '?'}`,
    `    ${a.key}: ${safe(leaf.keyType ?? w.unknown)} · ${a.selfSigned}: ${leaf.selfIssued ? w.yes : w.no} · ${a.chain}: ${a.ofChain(chain.length)}`,
  ];
}

/** `firstTime`: the capture's first frame (epoch seconds); the ladder counts from it, as the IKE one does. */
export function anyConnectBlock(s: AnyConnectSession, index: number, lang: Lang, firstTime: number): string[] {
  const a = AC_WORDS[lang];
  const w = WORDS[lang];
  const t = s.tls;
  const lines = [
    `${a.session} ${index + 1} · ${w.client} ${s.clientIp} ⇄ ${w.mx} ${s.responderIp}:${s.responderPort} · ${a.recognizedBy}: ${s.recognizedBy}`,
  ];
  if (t.clientHelloVersion !== undefined) {
    const offered = (t.supportedVersions?.length ? t.supportedVersions : [t.clientHelloVersion]).map(version);
    lines.push(
      `  TLS: ${t.sni !== undefined ? `SNI ${safe(t.sni)} · ` : ''}${a.offered} ${offered.join(', ')} / ${a.suites(t.offeredSuites?.length ?? 0)}` +
        (t.serverVersion !== undefined ? ` · ${a.chosen} ${version(t.serverVersion)} ${suite(t.cipherSuite)}` : '') +
        ` · ${w.client}→${w.mx} ${t.clientToMx.records} ${a.records}, ${w.mx}→${w.client} ${t.mxToClient.records} ${a.records}`,
    );
  }
  if (s.dtls)
    lines.push(
      `  DTLS: ${version(s.dtls.version)} · ${a.dtlsHellos(s.dtls.clientHellos, s.dtls.answered)} · ${w.client}→${w.mx} ${s.dtls.clientToMx.records}, ${w.mx}→${w.client} ${s.dtls.mxToClient.records}`,
    );
  if (s.timeline.length) {
    lines.push(ladderHead(w));
    for (const e of s.timeline)
      lines.push(`  ${String(e.frame).padStart(6)} ${timeColumn(Number(e.time) - firstTime)}  ${arrow(e, lang)}`);
    if (s.timelineTruncated) lines.push(`         … ${w.truncated}`);
  }
  lines.push(...certificateLines(s, lang));
  const [primary, ...checks] = s.findings;
  lines.push('', `  ${w.verdict}: ${verdictLine({ ...s, likelyVerdict: s.likelyVerdict ?? null }, w)}`);
  if (primary) lines.push(...findingBlock(primary, lang, '  ', true));
  if (checks.length) {
    lines.push(`  ${a.checks}:`);
    for (const f of checks) lines.push(...findingBlock(f, lang, '    ', false));
  }
  return lines;
}
