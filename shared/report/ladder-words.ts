// The words of the terminal report, in English and Japanese. Japanese follows docs/GLOSSARY-JA.md:
// 送信回数 for how many times a message was sent (再送 only for real retransmissions), 経過時間 for
// the elapsed-time column, NAT 配下, Informational（INFO）, 表示フィルター, 不明. Composite
// phrases are functions so that each language orders its own words.
import type { Glyphs } from './terminal-glyphs.js';
import { INCONCLUSIVE_REASON_WORDS } from './inconclusive-reasons.js';
import type { CaptureSummary, InconclusiveReason, SessionDiagnosis } from './types.js';

export type Lang = 'en' | 'ja';

type Mode = SessionDiagnosis['mode'];

export interface Words {
  verdict: string;
  session: string;
  evidence: string;
  filter: string;
  check: string;
  other: string;
  auth: string;
  /** The word for `count` frames (English: frame or frames). */
  frames(count: number): string;
  esp: string;
  espNone: string;
  retrans: string;
  frame: string;
  elapsed: string;
  client: string;
  mx: string;
  hosts: string;
  anomalies: string;
  truncated: string;
  proposals: string;
  chosen: string;
  /** Evidence parts and offered proposals are joined with this. */
  partSeparator: string;
  /** Hosts of the "hosts seen" line are joined with this. */
  hostSeparator: string;
  mode(mode: Mode | string, ikeVersion: number | null): string;
  nat(client: boolean | null, mx: boolean | null): string;
  /** A message sent `count` times in all (count - 1 of them retransmissions). */
  sent(message: string, from: 'client' | 'mx', count: number, g: Glyphs): string;
  notify(name: string, type: number, frame: number): string;
  espCounts(up: number, down: number, spis: string, g: Glyphs): string;
  identity(type: string, value: string): string;
  /** Nothing told the MX from the client but who sent first (roles.decidedBy first-sender). */
  rolesGuessed(client: string): string;
  /** The MX opened the negotiation, renewing the user's phase 1 (roles.decidedBy mx-renewal). */
  mxRenewal(mx: string): string;
  host(ip: string, frames: number): string;
  anomalyList(count: number, codes: string): string;
  /** Heading of the list of clients and their verdicts. */
  clients: string;
  /** How many sessions a client has, as an aside after its verdict. */
  sessionsOf(n: number): string;
  /** After a client's verdict: the host is another product's VPN peer (clients[].notClientVpn). */
  notClientVpn: string;
  /** The line saying where the capture breaks off. */
  damage(damage: NonNullable<CaptureSummary['damage']>, g: Glyphs): string;
  /** INCONCLUSIVE, why, and the verdict the evidence leans to (null: none). */
  inconclusive(verdict: string, reason: InconclusiveReason, likely: string | null): string;
  /** How much of the session the capture holds. */
  coverage(sawFirstMessage: boolean, secondsAfter: number): string;
}

const yesNo = (v: boolean | null, yes: string, no: string, unknown: string) => (v === null ? unknown : v ? yes : no);

const en: Words = {
  verdict: 'Verdict',
  session: 'Session',
  evidence: 'Evidence',
  filter: 'Wireshark filter',
  check: 'Check',
  other: 'Other findings',
  auth: 'Authentication',
  frames: (count) => (count === 1 ? 'frame' : 'frames'),
  esp: 'ESP',
  espNone: 'no ESP seen',
  retrans: 'retransmission',
  frame: 'frame',
  elapsed: 'time',
  client: 'client',
  mx: 'MX',
  hosts: 'Hosts seen',
  anomalies: 'Anomalies',
  truncated: 'timeline truncated',
  proposals: 'Phase 1 offered',
  chosen: 'chosen',
  partSeparator: '; ',
  hostSeparator: ', ',
  // IKEv2 has no modes: its version says it all ("IKEv2", not "IKEv2 ikev2").
  mode: (mode, v) =>
    mode === 'esp-only' ? 'ESP only' : mode === 'ikev2' ? `IKEv${v ?? '?'}` : `IKEv${v ?? '?'} ${mode}`,
  nat: (c, m) => `NAT: client ${yesNo(c, 'yes', 'no', 'unknown')}, MX ${yesNo(m, 'yes', 'no', 'unknown')}`,
  sent: (message, from, count, g) => `sent: ${message} ${g.times}${count} (${from === 'client' ? 'client' : 'MX'})`,
  notify: (name, type, frame) => `notify ${name} (${type}) @${frame}`,
  espCounts: (up, down, spis, g) => `client${g.to}MX ${up}, MX${g.to}client ${down} (SPI ${spis})`,
  identity: (type, value) => `ID (${type}): ${value}`,
  rolesGuessed: (client) =>
    `Roles guessed: nothing in the capture tells which host is the MX; ${client}, the first to send, is taken for the client (if it is the MX, analyze again with --mx ${client})`,
  mxRenewal: (mx) =>
    `The MX ${mx} opened this negotiation: it renews the user's phase 1 (re-authentication), so main mode 1 goes from the MX to the client`,
  host: (ip, frames) => `${ip} (${frames})`,
  anomalyList: (count, codes) => `${count} (${codes})`,
  clients: 'Clients',
  sessionsOf: (n) => (n === 1 ? ' (1 session)' : ` (${n} sessions)`),
  notClientVpn: 'not Client VPN (NOT_CLIENT_VPN)',
  damage: (d, g) => `Damaged: ${d.code}${d.frame !== undefined ? ` @${d.frame}` : ''} ${g.dash} ${d.message}`,
  inconclusive: (verdict, reason, likely) => `${verdict} (reason: ${reason}; likely: ${likely ?? 'none'})`,
  coverage: (first, after) =>
    `Coverage: capture started ${first ? 'before' : 'after'} the first message; ${after.toFixed(3)} s captured after the last message`,
};

const JA_MODES: Record<string, string> = {
  main: 'メインモード',
  aggressive: 'アグレッシブモード',
  ikev2: '',
  unknown: 'モード不明',
};

/** Why reading stopped, per damage code (READING_STOPPED_CODES and an undecodable link type). */
const DAMAGE_JA: Readonly<Record<string, string>> = {
  'truncated-record': 'パケットレコードが途中で切れています',
  'truncated-file-header': 'ファイルヘッダーが途中で切れています',
  'bad-record-length': 'パケットレコードの長さが不正です',
  'bad-block': 'pcapng ブロックが不正です',
  'unsupported-link-type': '解読できないリンクタイプです',
};

const ja: Words = {
  verdict: '判定',
  session: 'セッション',
  evidence: '根拠',
  filter: 'Wireshark 表示フィルター',
  check: '確認事項',
  other: 'その他の所見',
  auth: '認証',
  frames: () => 'フレーム',
  esp: 'ESP',
  espNone: 'ESP は観測されていません',
  retrans: '再送',
  frame: 'フレーム',
  elapsed: '経過時間',
  client: 'クライアント',
  mx: 'MX',
  hosts: '観測されたホスト',
  anomalies: 'キャプチャの異常',
  truncated: '以降のメッセージは省略しています',
  proposals: 'クライアントが提示したフェーズ 1 のプロポーザル',
  chosen: 'MX が選択したプロポーザル',
  partSeparator: '、',
  hostSeparator: '、',
  mode: (mode, v) => {
    if (mode === 'esp-only') return 'ESP のみ';
    const words = mode in JA_MODES ? JA_MODES[mode] : 'モード不明';
    return `IKEv${v ?? '?'}${words ? ' ' + words : ''}`;
  },
  nat: (c, m) =>
    `NAT 配下: クライアント ${yesNo(c, 'はい', 'いいえ', '不明')}、MX ${yesNo(m, 'はい', 'いいえ', '不明')}`,
  sent: (message, from, count) =>
    `${message} の送信回数 ${count} 回（${from === 'client' ? 'クライアント' : 'MX'}、再送 ${count - 1} 回）`,
  notify: (name, type, frame) => `通知 ${name}（${type}、フレーム ${frame}）`,
  espCounts: (up, down, spis, g) =>
    `クライアント ${g.to} MX ${up} パケット、MX ${g.to} クライアント ${down} パケット（SPI ${spis}）`,
  identity: (type, value) => `ID（${type}）: ${value}`,
  rolesGuessed: (client) =>
    `役割は推定です。キャプチャからはどちらが MX か判別できないため、最初に送信した ${client} をクライアントとみなしています（${client} が MX の場合は「--mx ${client}」を指定して、もう一度解析してください）。`,
  mxRenewal: (mx) =>
    `このネゴシエーションは MX（${mx}）が開始しています。ユーザーのフェーズ 1 を MX が再認証（更新）しているため、MM1（Security Association）は MX からクライアントへ送られています。`,
  host: (ip, frames) => `${ip}（${frames} フレーム）`,
  anomalyList: (count, codes) => `${count} 件（${codes}）`,
  clients: 'クライアントごとの判定',
  sessionsOf: (n) => `（${n} セッション）`,
  notClientVpn: 'クライアント VPN 以外（NOT_CLIENT_VPN）',
  // The decoder's message is English (the JSON keeps it); the Japanese line words the code.
  damage: (d) =>
    `キャプチャの破損: ${d.frame !== undefined ? `フレーム ${d.frame} 以降を` : ''}読み取れません（${DAMAGE_JA[d.code] ?? 'ファイルが不正です'}）`,
  inconclusive: (verdict, reason, likely) =>
    `${verdict}（理由: ${INCONCLUSIVE_REASON_WORDS[reason].ja}、可能性が高い判定: ${likely ?? 'なし'}）`,
  coverage: (first, after) =>
    `キャプチャ範囲: 最初のメッセージの${first ? '前' : '後'}から、最後のメッセージの ${after.toFixed(3)} 秒後まで`,
};

export const WORDS: Readonly<Record<Lang, Words>> = { en, ja };
