// Words for the report's machine names, in both languages, in one table each: evidence detail
// keys (and the few prose values the core puts in them), guide steps and IKE modes. A key that
// is not in the table is shown humanised ("mm5SentOn4500" -> "MM5 sent on 4500"), never raw.
import { FEATURES_JA } from '#shared/diagnosis/fingerprint-words.js';
import type { Lang } from './i18n.js';

type Words = Record<Lang, string>;

/** Evidence detail keys. {n} in a pattern key's label is the number taken from the key. */
export const DETAIL_LABELS: Record<string, Words> = {
  client: { en: 'Client', ja: 'クライアント' },
  mx: { en: 'MX', ja: 'MX' },
  port: { en: 'Port', ja: 'ポート' },
  closedBy: { en: 'Closed by', ja: '切断した側' },
  closedFrom: { en: 'Closed from', ja: '切断元' },
  secondsAfterCertificate: { en: 'Seconds after the certificate', ja: '証明書からの経過秒数' },
  subject: { en: 'Certificate subject', ja: '証明書のサブジェクト' },
  issuer: { en: 'Certificate issuer', ja: '証明書の発行者' },
  captureTime: { en: 'Capture time', ja: 'キャプチャ日時' },
  notAfter: { en: 'Valid until', ja: '有効期限' },
  chainLength: { en: 'Certificates in the chain', ja: '証明書チェーンの長さ' },
  missingIssuer: { en: 'Missing issuer', ja: '不足している発行者' },
  dtlsClientHellos: { en: 'DTLS ClientHello sent', ja: 'DTLS ClientHello の送信回数' },
  secondsAfter: { en: 'Seconds after', ja: '経過秒数' },
  secondsTried: { en: 'Seconds tried', ja: '試行した秒数' },
  tunnelOverTls: { en: 'Tunnel over TLS', ja: 'TLS 上のトンネル' },
  dtlsClientToMx: { en: 'DTLS client → MX', ja: 'DTLS クライアント → MX' },
  dtlsMxToClient: { en: 'DTLS MX → client', ja: 'DTLS MX → クライアント' },
  syns: { en: 'SYN sent', ja: 'SYN の送信回数' },
  answer: { en: 'Answer', ja: '応答' },
  secondsAfterClientHello: { en: 'Seconds after the ClientHello', ja: 'ClientHello からの経過秒数' },
  versionsOffered: { en: 'TLS versions offered', ja: '提示した TLS バージョン' },
  suitesOffered: { en: 'Cipher suites offered', ja: '提示した暗号スイート' },
  exchanges: { en: 'Request/response pairs', ja: '要求と応答の組数' },
  dtls: { en: 'DTLS', ja: 'DTLS' },
  secondsAfterLastMessage: { en: 'Seconds captured after the last message', ja: '最後のメッセージ後のキャプチャ秒数' },
  sawFirstMessage: { en: 'First message captured', ja: '最初のメッセージを取得' },
  damagedAtFrame: { en: 'Capture damaged at frame', ja: 'キャプチャの破損位置（フレーム）' },
  packetsCut: { en: 'Packets cut short', ja: '切り詰められたパケット' },
  why: { en: 'Reason', ja: '理由' },
  gateway: { en: 'Gateway that opened it', ja: '開始したゲートウェイ' },
  product: { en: 'Product', ja: '製品' },
  reaction: { en: 'MX reaction', ja: 'MX の反応' },
  reactionFrame: { en: 'Reaction frame', ja: '反応のフレーム' },
  sccrq: { en: 'SCCRQ sent', ja: 'SCCRQ の送信回数' },
  answers: { en: 'Answers from the MX', ja: 'MX からの応答数' },
  hash: { en: 'NAT-D hash algorithm', ja: 'NAT-D のハッシュアルゴリズム' },
  captureSide: { en: 'Capture taken on', ja: 'キャプチャの取得側' },
  clientBehindNat: { en: 'Client behind NAT', ja: 'クライアントが NAT 配下' },
  responderBehindNat: { en: 'MX behind NAT', ja: 'MX が NAT 配下' },
  answeredWith: { en: 'The MX answered with', ja: 'MX の応答' },
  mm5SentOn4500: { en: 'MM5 sent on UDP 4500', ja: 'UDP 4500 での MM5 の送信回数' },
  mm5Count: { en: 'MM5 sent', ja: 'MM5 の送信回数' },
  mm6Count: { en: 'MM6 sent', ja: 'MM6 の送信回数' },
  messagesOn4500: { en: 'Messages on UDP 4500', ja: 'UDP 4500 のメッセージ数' },
  mxBehindPortForward: { en: 'MX behind a port forward', ja: 'MX がポートフォワーディングの内側' },
  packetsClientToMx: { en: 'ESP packets client → MX', ja: 'ESP パケット数（クライアント → MX）' },
  packetsMxToClient: { en: 'ESP packets MX → client', ja: 'ESP パケット数（MX → クライアント）' },
  silentSince: { en: 'Silent since', ja: '途絶えた日時' },
  secondsOneWay: { en: 'Seconds one way', ja: '片方向の秒数' },
  clientPortBefore: { en: "Client's port before", ja: '変更前のクライアントのポート' },
  clientPortSince: { en: "Client's port since", ja: '変更後のクライアントのポート' },
  clientPortChangedAt: { en: "Client's port changed at", ja: 'クライアントのポートが変わった日時' },
  refusedByIcmp: { en: 'Refused by ICMP', ja: 'ICMP で拒否された数' },
  dtlsPortBefore: { en: "Client's DTLS port before", ja: '変更前のクライアントの DTLS ポート' },
  dtlsPortSince: { en: "Client's DTLS port since", ja: '変更後のクライアントの DTLS ポート' },
  dtlsPortMovedAt: { en: 'DTLS port changed at frame', ja: 'DTLS ポートが変わったフレーム' },
  dtlsUnanswered: { en: 'Unanswered DTLS packets', ja: '応答のない DTLS パケット数' },
  quickModeCompleted: { en: 'Quick mode completed', ja: 'クイックモード完了' },
  decidedBy: { en: 'Decided by', ja: '判定の根拠' },
  vendorIds: { en: 'Vendor IDs', ja: 'Vendor ID' },
  offered: { en: 'Proposals offered', ja: '提示されたプロポーザル数' },
  chosen: { en: 'Proposal chosen', ja: '選択されたプロポーザル' },
  weak: { en: 'Weak algorithms', ja: '弱いアルゴリズム' },
  sets: { en: 'Fragment sets', ja: 'フラグメントのセット数' },
  rejects: { en: 'Access-Reject', ja: 'Access-Reject の数' },
  accepts: { en: 'Access-Accept', ja: 'Access-Accept の数' },
  unanswered: { en: 'Unanswered requests', ja: '応答のない要求' },
  users: { en: 'User names', ja: 'ユーザー名' },
  replyMessage: { en: 'Reply-Message', ja: 'Reply-Message' },
  name: { en: 'Name looked up', ja: '問い合わせた名前' },
  rcode: { en: 'DNS response code', ja: 'DNS 応答コード' },
  server: { en: 'Server', ja: 'サーバー' },
  failedLookups: { en: 'Failed lookups', ja: '失敗した問い合わせ' },
  answered: { en: 'Answered lookups', ja: '応答のあった問い合わせ' },
  failed: { en: 'Failed', ja: '失敗' },
  sessions: { en: 'Sessions', ja: 'セッション数' },
  reason: { en: 'Reason', ja: '理由' },
  likelyVerdict: { en: 'Likely verdict', ja: '可能性の高い判定' },
  clientIp: { en: 'Client IP', ja: 'クライアント IP' },
  l2tpPackets: { en: 'L2TP packets', ja: 'L2TP パケット数' },
  alert: { en: 'TLS alert', ja: 'TLS アラート' },
  tlsVersion: { en: 'TLS version', ja: 'TLS バージョン' },
  failedSessions: { en: 'Failed TLS sessions', ja: '失敗した TLS セッション数' },
  alertFrom: { en: 'TLS alert sent by', ja: 'TLS アラートの送信元' },
  alertFrame: { en: 'Frame of the TLS alert', ja: 'TLS アラートのフレーム' },
  mxInformational: { en: 'Informational (INFO) messages from the MX', ja: 'MX からの Informational（INFO）の数' },
  mxKeyExchangeAgain: { en: 'MM4 Key Exchange sent again by the MX', ja: 'MX による MM4 Key Exchange の再送回数' },
  hostsSeen: { en: 'Hosts seen (frames)', ja: '観測されたホスト（フレーム数）' },
  tlsOnOwnPort: { en: 'TLS on a port of its own', ja: '独自ポートの TLS' },
  clientCertificate: { en: 'Client certificate', ja: 'クライアント証明書' },
  acceptedIssuers: { en: 'Issuers the MX accepts', ja: 'MX が受け入れる発行者' },
  certificateEncrypted: { en: 'Certificate encrypted (TLS 1.3)', ja: '証明書は暗号化（TLS 1.3）' },
  dtlsData: { en: 'DTLS data', ja: 'DTLS データ' },
  tlsHandshakeSeen: { en: 'TLS handshake seen', ja: 'TLS ハンドシェイクの有無' },
};

/** Keys with a number inside (one per frame): the first matching pattern labels them. */
const DETAIL_PATTERNS: [RegExp, Words][] = [
  [
    /^frame(\d+)PeerHashMatches$/,
    { en: 'Frame {n}: NAT-D hash of the peer matches', ja: 'フレーム {n}: 相手側の NAT-D ハッシュが一致' },
  ],
  [
    /^frame(\d+)OwnHashMatches$/,
    { en: 'Frame {n}: NAT-D hash of the sender matches', ja: 'フレーム {n}: 送信元の NAT-D ハッシュが一致' },
  ],
  [
    /^frame(\d+)SourceHashMatches$/,
    { en: 'Frame {n}: NAT source hash matches', ja: 'フレーム {n}: NAT 送信元ハッシュが一致' },
  ],
  [
    /^frame(\d+)DestinationHashMatches$/,
    { en: 'Frame {n}: NAT destination hash matches', ja: 'フレーム {n}: NAT 宛先ハッシュが一致' },
  ],
];

/** The core's few prose values, and enumerations, in both languages. */
const DETAIL_VALUES: Record<string, Words> = {
  client: { en: 'the client side', ja: 'クライアント側' },
  mx: { en: 'the MX side', ja: 'MX 側' },
  unknown: { en: 'cannot tell', ja: '不明' },
  none: { en: 'none', ja: 'なし' },
  'none sent': { en: 'requested, none sent', ja: '要求されたが送信なし' },
  sent: { en: 'requested and sent', ja: '要求され送信済み' },
  'gateway-initiated': {
    en: 'opened by a host that answers IKE (a gateway)',
    ja: 'IKE に応答するホスト（ゲートウェイ）が開始',
  },
  'vendor-id': { en: 'the Vendor ID of another product', ja: '他製品の Vendor ID' },
  ikev2: { en: 'the responder carries IKEv2 on', ja: 'レスポンダーが IKEv2 で応答' },
  'both ways': { en: 'both ways', ja: '双方向' },
  'not both ways': { en: 'not both ways', ja: '片方向のみ' },
  'NO-PROPOSAL-CHOSEN in clear': { en: 'NO-PROPOSAL-CHOSEN in clear', ja: '暗号化されていない NO-PROPOSAL-CHOSEN' },
  'informational exchange': { en: 'an Informational (INFO) exchange', ja: 'Informational（INFO）' },
  'encrypted informational exchange': {
    en: 'an encrypted Informational (INFO) exchange',
    ja: '暗号化された Informational（INFO）',
  },
  'furthest step reached; no rule matched': {
    en: 'the furthest step reached (no rule matched)',
    ja: '到達した最後のステップ（一致するルールなし）',
  },
};

const ACRONYMS = new Set(['mx', 'nat', 'ip', 'udp', 'esp', 'ike', 'tls', 'dns', 'id', 'psk', 'spi', 'qm', 'dpd']);

/** "mm5SentOn4500" -> "MM5 sent on 4500": words split at case and digit changes. */
export function humanise(key: string): string {
  const tokens = key.match(/[A-Z]?[a-z]+|\d+|[A-Z]+(?![a-z])/g) ?? [key];
  const words: string[] = [];
  for (const tok of tokens) {
    const prev = words[words.length - 1];
    // "mm" + "5" is one word, MM5, as the ladder names main mode messages.
    if (/^\d+$/.test(tok) && prev && /^(mm|qm)$/i.test(prev)) words[words.length - 1] = prev + tok;
    else words.push(tok);
  }
  const text = words
    .map((w) => (ACRONYMS.has(w.toLowerCase()) || /^(mm|qm)\d+$/i.test(w) ? w.toUpperCase() : w.toLowerCase()))
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** True when the table (or a pattern) has words for `key`. */
export function hasLabel(key: string): boolean {
  return key in DETAIL_LABELS || DETAIL_PATTERNS.some(([re]) => re.test(key));
}

/** The label of an evidence detail key, in `lang`. */
export function detailLabel(key: string, lang: Lang): string {
  const known = DETAIL_LABELS[key];
  if (known) return known[lang];
  for (const [re, words] of DETAIL_PATTERNS) {
    const m = re.exec(key);
    if (m) return words[lang].replace('{n}', m[1]!);
  }
  return humanise(key);
}

/** A detail value as words: booleans as yes/no, the core's known phrases translated. */
export function detailValue(value: unknown, lang: Lang): string {
  if (typeof value === 'boolean') return lang === 'ja' ? (value ? 'はい' : 'いいえ') : value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return DETAIL_VALUES[value]?.[lang] ?? value;
  if (value && typeof value === 'object') {
    // A labelled detail ({label: {en, ja}, value}) from schema 2 reports.
    const v = value as { value?: unknown };
    if ('value' in v) return detailValue(v.value, lang);
  }
  return String(value);
}

/** A labelled detail's own label, when the report carries one. */
export function ownLabel(value: unknown, lang: Lang): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const label = (value as { label?: unknown }).label;
  if (typeof label === 'string') return label;
  if (label && typeof label === 'object') {
    const l = (label as Record<string, unknown>)[lang];
    if (typeof l === 'string') return l;
  }
  return undefined;
}

/** The guide's steps as the guide names them (GLOSSARY-JA: never the raw codes in prose). */
export const STEP_LABELS: Record<string, Words> = {
  NONE: { en: 'none', ja: 'なし' },
  SA: { en: '1. Security Association', ja: '1. セキュリティアソシエーション' },
  KE: { en: '2. Key Exchange', ja: '2. 鍵交換' },
  ID: { en: '3. Identification', ja: '3. ピア識別' },
  HASH: { en: '4. Hash', ja: '4. ハッシュ' },
  ESP: { en: 'ESP', ja: 'ESP' },
  INFO: { en: 'Informational (INFO)', ja: 'Informational（INFO）' },
  AUTH: { en: 'User authentication', ja: 'ユーザー認証' },
  // AnyConnect (shared/anyconnect/types.ts ANYCONNECT_STEPS), in wire order
  TCP: { en: 'TCP connection', ja: 'TCP 接続' },
  TLS: { en: 'TLS handshake', ja: 'TLS ハンドシェイク' },
  CERT: { en: 'Server certificate', ja: 'サーバー証明書' },
  LOGIN: { en: 'Login', ja: 'ログイン' },
  DTLS: { en: 'DTLS handshake', ja: 'DTLS ハンドシェイク' },
  TUNNEL: { en: 'Tunnel data', ja: 'トンネルのデータ' },
};

export function stepLabel(step: string, lang: Lang): string {
  return STEP_LABELS[step]?.[lang] ?? humanise(step);
}

export const MODE_LABELS: Record<string, Words> = {
  main: { en: 'main mode', ja: 'メインモード' },
  aggressive: { en: 'aggressive mode', ja: 'アグレッシブモード' },
  ikev2: { en: 'IKEv2', ja: 'IKEv2' },
  'esp-only': { en: 'ESP only (no IKE seen)', ja: 'ESP のみ（IKE なし）' },
  unknown: { en: 'unknown', ja: '不明' },
  anyconnect: { en: 'AnyConnect (TLS + DTLS)', ja: 'AnyConnect（TLS + DTLS）' },
};

export function modeLabel(mode: string, ikeVersion: number | null, lang: Lang): string {
  const base = MODE_LABELS[mode]?.[lang] ?? humanise(mode);
  if (!ikeVersion || mode === 'ikev2') return base;
  return lang === 'ja' ? `${base}（IKEv${ikeVersion}）` : `${base} (IKEv${ikeVersion})`;
}

/** The core's fingerprint words (the rest is product and protocol names). */
const FINGERPRINT_WORDS: Record<string, Words> = {
  'unidentified implementation': { en: 'unidentified implementation', ja: '実装不明' },
  'no vendor IDs': { en: 'no vendor IDs', ja: 'Vendor ID なし' },
  ...Object.fromEntries(Object.entries(FEATURES_JA).map(([en, ja]) => [en, { en, ja }])),
  ', ': { en: ', ', ja: '、' },
  '; ': { en: '; ', ja: '。対応: ' },
};

export function fingerprintText(fingerprint: string, lang: Lang): string {
  let text = fingerprint;
  for (const [k, v] of Object.entries(FINGERPRINT_WORDS)) text = text.split(k).join(v[lang]);
  return text;
}
