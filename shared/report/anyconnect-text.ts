// An AnyConnect session for a terminal: its TCP/TLS and DTLS messages as a ladder (ladder-rows.ts;
// DTLS arrows drawn with the double shaft), then the MX's certificate as the capture shows it, the
// verdict with its evidence and checklist, and the certificate checks. Pure: session in, lines out.
import type { AnyConnectSession, AnyConnectTimelineEntry } from '../anyconnect/types.js';
import { TLS_VERSIONS, tlsName } from '../tls/constants.js';
import { findingBlock, safe, verdictText, type TextContext } from './finding-text.js';
import { drawLadder, type LadderArrow } from './ladder-rows.js';
import type { Lang } from './ladder-words.js';
import { recognizedByWords } from './recognized-by-words.js';

type RecognizedBy = AnyConnectSession['recognizedBy'];

interface AnyConnectWords {
  session: string;
  recognizedBy(by: RecognizedBy): string;
  offered: string;
  chosen: string;
  dtlsHellos(n: number, answered: boolean): string;
  records(n: number): string;
  suites(n: number): string;
  certificate: string;
  subject: string;
  issuer: string;
  sans: string;
  validity: string;
  key: string;
  selfSigned: string;
  chain: string;
  ofChain(n: number): string;
  /** A value from the certificate (names are English: quoted in Japanese). */
  quoted(text: string): string;
  yes: string;
  no: string;
  unknown: string;
  none: string;
  noCertificate: string;
  checks: string;
}

const AC_WORDS: Record<Lang, AnyConnectWords> = {
  en: {
    session: 'AnyConnect session',
    recognizedBy: (by) => `recognised by: ${recognizedByWords(by, 'en')}`,
    offered: 'offered',
    chosen: 'chosen',
    dtlsHellos: (n, answered) => `${n} ClientHello${n === 1 ? '' : 's'}, ${answered ? 'answered' : 'not answered'}`,
    records: (n) => `${n} records`,
    suites: (n) => `${n} suite${n === 1 ? '' : 's'}`,
    certificate: 'Certificate (as sent by the MX)',
    subject: 'subject',
    issuer: 'issuer',
    sans: 'names (SAN)',
    validity: 'valid',
    key: 'key',
    selfSigned: 'self-signed',
    chain: 'chain',
    ofChain: (n) => `${n} certificate${n === 1 ? '' : 's'}`,
    quoted: (text) => text,
    yes: 'yes',
    no: 'no',
    unknown: 'unknown',
    none: 'none',
    noCertificate: 'Certificate: not in clear (TLS 1.3) or not seen',
    checks: 'Certificate checks',
  },
  ja: {
    session: 'AnyConnect セッション',
    recognizedBy: (by) => `判別の根拠: ${recognizedByWords(by, 'ja')}`,
    offered: '提示',
    chosen: '選択',
    dtlsHellos: (n, answered) => `ClientHello の送信回数 ${n} 回、${answered ? '応答あり' : '応答なし'}`,
    records: (n) => `${n} レコード`,
    suites: (n) => `暗号スイート ${n} 個`,
    certificate: '証明書（MX が送信したもの）',
    subject: 'サブジェクト',
    issuer: '発行者',
    sans: '名前（SAN）',
    validity: '有効期間',
    key: '鍵',
    selfSigned: '自己署名',
    chain: 'チェーン',
    ofChain: (n) => `${n} 枚`,
    quoted: (text) => `「${text}」`,
    yes: 'はい',
    no: 'いいえ',
    unknown: '不明',
    none: 'なし',
    noCertificate: '証明書: 平文では見えない（TLS 1.3）か、観測されていません',
    checks: '証明書の確認結果',
  },
};

const LANE = { tcp: 'TCP', tls: 'TLS', dtls: 'DTLS' } as const;

function version(v: number | undefined): string {
  return v === undefined ? '?' : (tlsName(TLS_VERSIONS, v) ?? `0x${v.toString(16).padStart(4, '0')}`);
}

function suite(v: number | undefined): string {
  return v === undefined ? '?' : `0x${v.toString(16).padStart(4, '0')}`;
}

function ladderArrow(e: AnyConnectTimelineEntry, ctx: TextContext, firstTime: number): LadderArrow {
  // The tracker marks a repeat with ↻ in its label; the report marks it with its own glyph and word.
  const text = safe(e.label).replace(/ ↻$/, '');
  // DTLS messages are named "DTLS …" by the tracker already.
  const lane = text.startsWith(`${LANE[e.channel]} `) ? '' : `${LANE[e.channel]} `;
  const mark = e.retransmission ? ` ${ctx.g.retransmission}${ctx.w.retrans}` : '';
  return {
    frame: e.frame,
    seconds: Number(e.time) - firstTime,
    direction: e.direction,
    label: ` ${lane}${text}${mark} `,
    double: e.channel === 'dtls',
  };
}

function certificateLines(s: AnyConnectSession, ctx: TextContext): string[] {
  const a = AC_WORDS[ctx.lang];
  const g = ctx.g;
  const chain = s.certificates ?? [];
  const leaf = chain[0];
  if (!leaf) return s.tls.completed || s.tls.serverVersion !== undefined ? [`  ${a.noCertificate}`] : [];
  const names = [...leaf.sans, ...(leaf.ipSans ?? [])];
  return [
    `  ${a.certificate}:`,
    `    ${a.subject}: ${a.quoted(safe(leaf.subject))}`,
    `    ${a.issuer}: ${a.quoted(safe(leaf.issuer))}`,
    `    ${a.sans}: ${names.length ? a.quoted(safe(names.join(', '))) : a.none}`,
    `    ${a.validity}: ${leaf.notBefore ?? '?'} ${g.to} ${leaf.notAfter ?? '?'}`,
    `    ${a.key}: ${leaf.keyType ? safe(leaf.keyType) : a.unknown}${g.separator}${a.selfSigned}: ${leaf.selfIssued ? a.yes : a.no}${g.separator}${a.chain}: ${a.ofChain(chain.length)}`,
  ];
}

/** `firstTime`: the capture's first frame (epoch seconds); the ladder counts from it, as the IKE one does. */
export function anyConnectBlock(s: AnyConnectSession, index: number, ctx: TextContext, firstTime: number): string[] {
  const a = AC_WORDS[ctx.lang];
  const { w, g } = ctx;
  const t = s.tls;
  const lines = [
    `${a.session} ${index + 1}${g.separator}${w.client} ${s.clientIp}${g.between}${w.mx} ${s.responderIp}:${s.responderPort}${g.separator}${a.recognizedBy(s.recognizedBy)}`,
  ];
  const counts = (up: number, down: number) =>
    `${w.client}${g.to}${w.mx} ${a.records(up)}${w.partSeparator}${w.mx}${g.to}${w.client} ${a.records(down)}`;
  if (t.clientHelloVersion !== undefined) {
    const offered = (t.supportedVersions?.length ? t.supportedVersions : [t.clientHelloVersion]).map(version);
    lines.push(
      `  TLS: ${t.sni !== undefined ? `SNI ${safe(t.sni)}${g.separator}` : ''}${a.offered} ${offered.join(', ')} / ${a.suites(t.offeredSuites?.length ?? 0)}` +
        (t.serverVersion !== undefined
          ? `${g.separator}${a.chosen} ${version(t.serverVersion)} ${suite(t.cipherSuite)}`
          : '') +
        `${g.separator}${counts(t.clientToMx.records, t.mxToClient.records)}`,
    );
  }
  if (s.dtls)
    lines.push(
      `  DTLS: ${version(s.dtls.version)}${g.separator}${a.dtlsHellos(s.dtls.clientHellos, s.dtls.answered)}${g.separator}${counts(s.dtls.clientToMx.records, s.dtls.mxToClient.records)}`,
    );
  lines.push(
    ...drawLadder(
      s.timeline.map((e) => ladderArrow(e, ctx, firstTime)),
      w,
      ctx.style,
    ),
  );
  if (s.timeline.length && s.timelineTruncated) lines.push(`         ${g.more} ${w.truncated}`);
  lines.push(...certificateLines(s, ctx));
  const [primary, ...checks] = s.findings;
  lines.push('', `  ${w.verdict}: ${verdictText(s, w)}`);
  if (primary) lines.push(...findingBlock(primary, ctx, '  ', true));
  if (checks.length) {
    lines.push(`  ${a.checks}:`);
    for (const f of checks) lines.push(...findingBlock(f, ctx, '    ', false));
  }
  return lines;
}
