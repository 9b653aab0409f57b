// Turns a code and its evidence into an AnyConnect finding with the catalog's words (en, ja).
import { CODE_META } from '../diagnosis/catalog.js';
import { INCONCLUSIVE_REASON_WORDS } from '../report/inconclusive-reasons.js';
import type { InconclusiveReason } from '../report/types.js';
import { ANYCONNECT_CATALOG_EN } from './catalog-en.js';
import { ANYCONNECT_CATALOG_JA } from './catalog-ja.js';
import type { AnyConnectCode, AnyConnectFinding, AnyConnectStep } from './types.js';
import { frameSetFilter } from '../diagnosis/frame-filter.js';

type Vars = Record<string, string | number | boolean>;

/** Wording of a few evidence values, per language (protocol names stay as they are). */
function localVars(details: Vars, lang: 'en' | 'ja'): Vars {
  const v: Vars = { ...details };
  if (details.answer === 'reset') v.answer = lang === 'en' ? 'reset by the MX (RST)' : 'MX から RST で拒否されました';
  else if (details.answer === 'none') v.answer = lang === 'en' ? 'never answered' : '応答はありません';
  else if (details.answer === 'lost')
    v.answer =
      lang === 'en'
        ? 'answered by the MX (SYN/ACK), but the answers never reached the client, which kept repeating its SYN'
        : 'MX の SYN/ACK による応答はクライアントに届いていません（クライアントは SYN を繰り返しています）';
  const who =
    details.closedFrom === 'mx' ? (lang === 'en' ? 'the MX' : 'MX') : lang === 'en' ? 'the client' : 'クライアント';
  const how =
    details.closedBy === 'rst'
      ? lang === 'en'
        ? 'a TCP reset (RST)'
        : 'TCP リセット（RST）'
      : details.closedBy === 'fin'
        ? 'FIN'
        : alertWords(details.alert, lang);
  if (details.closedBy !== undefined)
    v.closedBy =
      lang === 'en'
        ? `${who} closed the connection with ${how}`
        : // 「MX が」 with a space after the Latin name, 「クライアントが」 without.
          `${who}${who === 'MX' ? ' ' : ''}が ${how}${how.endsWith('）') ? '' : ' '}で接続を終了`;
  v.ending =
    details.closedBy !== undefined
      ? v.closedBy
      : details.alert !== undefined
        ? alertWords(details.alert, lang)
        : lang === 'en'
          ? 'no answer'
          : '応答なし';
  // TLS 1.3 sends the Certificate encrypted, and the client answers it with its Finished.
  const encrypted = details.certificateEncrypted === true;
  v.afterCertificate =
    lang === 'en'
      ? encrypted
        ? "Right after the MX's encrypted handshake (in TLS 1.3 it carries the Certificate, which the capture cannot show) and before its own Finished"
        : "Right after the MX's Certificate and before its own key exchange"
      : encrypted
        ? 'MX が暗号化されたハンドシェイク（TLS 1.3 では証明書（Certificate）を含み、キャプチャには現れません）を送信した直後、クライアント自身の完了メッセージ（Finished）の前に'
        : 'MX が証明書（Certificate）を送信した直後、クライアント自身の鍵交換の前に';
  if (lang === 'en') {
    // Counted nouns worded from the numbers: never "1 time(s)" or "SYN(s)".
    v.dtlsClientHellosTimes = details.dtlsClientHellos === 1 ? 'once' : `${String(details.dtlsClientHellos)} times`;
    v.exchangesCounted = counted(details.exchanges, 'short encrypted exchange', 'short encrypted exchanges');
    v.synsCounted = details.syns === 1 ? 'SYN' : `${String(details.syns)} SYNs`;
    v.synsWere = details.syns === 1 ? 'was' : 'were';
    v.chainCounted = counted(details.chainLength, 'certificate', 'certificates');
  }
  v.dtlsAttempt = dtlsAttempt(v, details, lang);
  const moved = details.dtlsPortSince !== undefined;
  v.dtlsFallback = moved
    ? lang === 'en'
      ? 'the client has to set DTLS up again from its new port, or fall back to TLS (TCP), where voice and video suffer.'
      : 'クライアントは新しいポートから DTLS を確立し直すか、TLS（TCP）にフォールバックする必要があり、その間は音声やビデオの品質が低下します。'
    : lang === 'en'
      ? 'the tunnel works over TLS (TCP), but voice and video suffer.'
      : 'トンネルは TLS（TCP）で動作しますが、音声やビデオの品質が低下します。';
  // A checklist line of its own, empty (and left out) unless a NAT moved the client's DTLS.
  v.natUdpTimeout = !moved
    ? ''
    : lang === 'en'
      ? "If the NAT in front of the client lets a UDP mapping expire sooner than the tunnel stays quiet, raise its UDP timeout or have the client send keepalives more often (AnyConnect's DTLS keepalive / DPD); a restart of that router moves the mapping too."
      : 'クライアント側の NAT の UDP マッピングがトンネルの無通信時間より先に期限切れになる場合は、NAT の UDP タイムアウトを延ばすか、クライアントのキープアライブ（AnyConnect の DTLS キープアライブ / DPD）の間隔を短くしてください（そのルーターの再起動でもマッピングは変わります）。';
  v.authReason = authReason(details, lang);
  v.otherLoginsNote = otherLoginsNote(details, lang);
  v.clientCertRefused = clientCertRefused(details, lang);
  // What the capture lacks: the handshakes at its start, or the answer after its end.
  const late = details.reason === 'capture-started-late';
  const damaged = details.reason === 'capture-damaged';
  const cut = details.reason === 'packets-truncated';
  v.notInCapture =
    details.tunnelOverTls === true
      ? lang === 'en'
        ? `Records too short for a login (${String(details.tunnelRecords)} from the client) show a tunnel running over TLS, but no DTLS from the client reached the capture: UDP ${String(details.port)} dropped before the capture point (the client's side), or DTLS off in the client; a capture at the client tells which`
        : `ログインには短すぎるレコード（クライアントから ${String(details.tunnelRecords)} 個）から、トンネルは TLS で動作していますが、クライアントの DTLS はキャプチャに届いていません。キャプチャ地点より手前（クライアント側）で UDP ${String(details.port)} が破棄されているか、クライアントで DTLS が無効です。クライアント側のキャプチャで判別できます`
      : lang === 'en'
        ? late
          ? 'The capture begins after the handshakes that decide the verdict'
          : damaged
            ? 'The capture breaks off before the answer that decides the verdict could be read'
            : cut
              ? "The capture's snap length cut the TCP segments that carry the TLS handshake, so the records that decide the verdict cannot be read"
              : 'The capture stops before the answer that decides the verdict was due'
        : late
          ? '判定を決めるハンドシェイクの後からキャプチャが始まっています'
          : damaged
            ? '判定を決める応答を読み取れる前にキャプチャが途切れています'
            : cut
              ? 'キャプチャのスナップ長により TLS ハンドシェイクを運ぶ TCP セグメントが切り詰められ、判定を決めるレコードを読み取れません'
              : '判定を決める応答が届くはずの時点より前にキャプチャが終わっています';
  // A checklist line of its own, empty (and left out) unless the snap length cut the packets.
  v.wholePackets = !cut
    ? ''
    : lang === 'en'
      ? 'Capture whole packets: no snap length limit (tcpdump -s 0; in Wireshark, no "limit each packet" size).'
      : 'パケットを切り詰めずにキャプチャしてください（スナップ長の制限なし。tcpdump では -s 0、Wireshark ではパケットサイズの制限なし）。';
  if (typeof details.reason === 'string')
    v.reason = INCONCLUSIVE_REASON_WORDS[details.reason as InconclusiveReason]?.[lang] ?? details.reason;
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

/** The client's DTLS tries, unanswered or answered in vain (rules/tunnel.ts answersLost). */
function dtlsAttempt(v: Vars, details: Vars, lang: 'en' | 'ja'): string {
  const n = String(details.dtlsClientHellos);
  const secs = String(details.secondsTried);
  const port = String(details.port);
  if (details.dtlsPortSince !== undefined) {
    const [before, since, at, count] = [
      details.dtlsPortBefore,
      details.dtlsPortSince,
      details.dtlsPortMovedAt,
      details.dtlsUnanswered,
    ].map(String);
    return lang === 'en'
      ? `DTLS ran both ways from the client's UDP port ${before}; from frame ${at} the client's DTLS comes from port ${since} (the NAT in front of the client changed its mapping) and the MX answered none of its ${count} packets over ${secs} s (a server that binds a DTLS session to the port it was set up from drops them)`
      : `DTLS はクライアントの UDP ポート ${before} から双方向に流れていましたが、フレーム ${at} 以降、クライアントの DTLS はポート ${since} から届いています（クライアント側の NAT がマッピングを変更しました）。MX は ${secs} 秒間の ${count} 個のパケットのどれにも応答していません（DTLS セッションを確立時のポートに結び付けるサーバーは、これらを破棄します）`;
  }
  if (details.answersLost === true)
    return lang === 'en'
      ? `The MX answered the client's DTLS ClientHello on UDP ${port}, but the client sent it ${String(v.dtlsClientHellosTimes)} over ${secs} s and never finished the handshake: the answers do not reach it (UDP from port ${port} dropped on the way back)`
      : `MX は UDP ${port} でクライアントの DTLS の ClientHello に応答しましたが、クライアントは ${secs} 秒間に ${n} 回送信し、ハンドシェイクを完了していません。応答がクライアントに届いていません（帰りの経路で送信元ポート ${port} の UDP が破棄されています）`;
  return lang === 'en'
    ? `The client sent its DTLS ClientHello ${String(v.dtlsClientHellosTimes)} over ${secs} s and nothing came back on UDP ${port}`
    : `クライアントは DTLS の ClientHello を ${secs} 秒間に ${n} 回送信しましたが、UDP ${port} の応答はありません`;
}

/** The MX's CertificateRequest (TLS 1.2, in clear), with the CAs it named: one clause, two uses. */
function certificateAsked(details: Vars, lang: 'en' | 'ja'): string {
  const issuers = typeof details.acceptedIssuers === 'string' ? details.acceptedIssuers : undefined;
  return lang === 'en'
    ? `The MX asked for a client certificate (CertificateRequest${issuers ? `, accepting certificates issued by ${issuers}` : ''})`
    : `MX はクライアント証明書を要求しました（CertificateRequest${issuers ? `、受け入れる発行者: 「${issuers}」` : ''}）`;
}

/** Why a login failed, when the bytes tell: the MX asked for a client certificate. */
function authReason(details: Vars, lang: 'en' | 'ja'): string {
  const asked = certificateAsked(details, lang);
  if (details.clientCertificate === 'none sent')
    return lang === 'en'
      ? `${asked} and the client sent none: with certificate authentication the user's certificate, issued by a CA the MX accepts, must be installed on the client.`
      : `${asked}が、クライアントは証明書を送信していません。証明書認証では、MX が受け入れる CA が発行したユーザー証明書をクライアントにインストールする必要があります。`;
  if (details.clientCertificate === 'sent')
    return lang === 'en'
      ? `${asked} and the client sent one: check that it is issued by a CA the MX accepts and still valid; beyond that the bytes cannot prove the reason.`
      : `${asked}。クライアントは証明書を送信しました。MX が受け入れる CA が発行した有効な証明書であることを確認してください。それ以外の理由はパケットからは証明できません。`;
  return lang === 'en'
    ? 'The bytes cannot prove the reason: a capture of the LAN side (RADIUS, LDAP/TLS to Active Directory) can.'
    : '理由はパケットからは証明できません。LAN 側（RADIUS、Active Directory サーバーへの LDAP/TLS）のキャプチャで確認できます。';
}

/**
 * Other connections from the address that look like a refused login beside the running tunnel
 * (facts.ts otherLogins): said after the verdict, never as one.
 */
function otherLoginsNote(details: Vars, lang: 'en' | 'ja'): string {
  if (details.otherLogins === undefined) return '';
  const one = details.otherLogins === 1;
  const ports = String(details.otherLoginPorts);
  const frames = String(details.otherLoginFrames);
  return lang === 'en'
    ? ` Beside it, ${one ? 'another TLS connection' : `${String(details.otherLogins)} other TLS connections`} from this address (client port ${ports}, frames ${frames}) completed the handshake, exchanged a login's few records and closed without a tunnel: the shape of a refused login. If several users share this address (NAT), one of them may have failed to log in; the bytes cannot tell that from this client's own extra connection.`
    : `このトンネルとは別に、同じアドレスからの TLS 接続（クライアントポート ${ports}、フレーム ${frames}）がハンドシェイクを完了し、ログイン程度の短いやり取りの後、トンネルを確立せずに終了しました。ログインの拒否と同じ形です。複数のユーザーがこのアドレス（NAT）を共有している場合、そのうちの一人がログインに失敗した可能性があります。このクライアント自身の追加の接続かどうかはパケットからは区別できません。`;
}

/** The MX ended the handshake right after the client's certificate: it did not accept it. */
function clientCertRefused(details: Vars, lang: 'en' | 'ja'): string {
  if (details.clientCertificate !== 'sent') return '';
  const asked = certificateAsked(details, lang);
  return lang === 'en'
    ? ` ${asked} and ended the handshake right after the client sent one: it did not accept the client's certificate (an issuer it does not trust, or a certificate expired or revoked).`
    : `${asked}。クライアントが証明書を送信した直後に、MX はハンドシェイクを終了しました。MX はクライアント証明書を受け入れていません（信頼していない発行者、または期限切れや失効した証明書）。`;
}

/** A TLS alert by its name (protocol_version …); 'encrypted' when only its record was seen. */
function alertWords(alert: unknown, lang: 'en' | 'ja'): string {
  if (lang === 'en') return `alert ${String(alert ?? 'encrypted')}`;
  return alert === undefined || alert === 'encrypted' ? '暗号化された TLS アラート' : `TLS アラート ${String(alert)}`;
}

function counted(n: unknown, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${String(n)} ${many}`;
}

function fill(text: string, vars: Vars): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function buildAnyConnectFinding(
  code: AnyConnectCode,
  step: AnyConnectStep,
  frames: number[],
  details: Vars & { port: number },
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
    checklist: {
      en: en.checklist.map((c) => fill(c, ve)).filter((c) => c !== ''),
      ja: ja.checklist.map((c) => fill(c, vj)).filter((c) => c !== ''),
    },
    evidence: { frames, details: { ...details } },
    filter: frames.length
      ? frameSetFilter(frames)
      : `tcp.port == ${String(details.port)} || udp.port == ${String(details.port)}`,
  };
}
