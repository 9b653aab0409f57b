// 日本語のテキスト（コードごと）。用語と文体は docs/GLOSSARY-JA.md に従う（です/ます、確認事項は
// 「〜してください。」で終える、MM1（Security Association）、Informational（INFO）、NAT 配下、
// 事前共有鍵（PSK）、MX（TLS クライアント））。ガイド自身のシグネチャにはガイド（seed/ の原文）の
// チェック項目を使う。差し込む値は値だけ（コード、数値、アドレス、プロトコル名）で、文はここで作る。
import { ANYCONNECT_CATALOG_JA } from '../anyconnect/catalog-ja.js';
import { contractCodes } from '../anyconnect/catalog-en.js';
import type { Code, CatalogText } from './catalog.js';
import { espOneWayChecklist } from './catalog-lists.js';
import { fingerprintFeatureJa, implementationJa } from './fingerprint-words.js';

const AUTH_COMMON = [
  '認証ログやパケットが表示されない場合は、クライアントが認証情報を送信していない可能性があります。クライアントの VPN 設定を確認し（Client VPN OS Configuration）、該当のクライアント端末でトラブルシューティング（再起動、競合するソフトウェアの確認など）を実施してください。',
  '認証が成功しているにもかかわらずクライアントが接続に失敗する場合は、クライアント VPN サブネットの IP アドレスプールが枯渇していないか確認してください。',
];

/** The guide's step names (docs/GLOSSARY-JA.md), for a step code passed as a value. */
const STEP_JA: Record<string, string> = {
  SA: 'セキュリティアソシエーション',
  KE: '鍵交換',
  ID: 'ピア識別',
  HASH: 'ハッシュ',
  ESP: 'ESP',
  INFO: 'Informational（INFO）',
};

/**
 * Windows refuses NAT-T security associations with a server behind NAT until
 * AssumeUDPEncapsulationContextOnSendRule is set: 0 (default) none, 1 server behind NAT, 2 server
 * and client behind NAT. Source: Microsoft KB 947234 "Registry entries that are useful in network
 * address translation traversal (NAT-T) security associations in Windows Vista" (key
 * HKLM\SYSTEM\CurrentControlSet\Services\PolicyAgent), and [MS-FASP] 2.2.41
 * FW_GLOBAL_CONFIG_IPSEC_THROUGH_NAT_VALUES (1 SERVER_BEHIND_NAT, 2 SERVER_AND_CLIENT_BEHIND_NAT).
 * The server here is the MX: the item applies when the MX is behind NAT (error 809).
 */
const WINDOWS_MX_BEHIND_NAT =
  'MX が NAT 配下にある場合、Windows クライアントはレジストリ値 AssumeUDPEncapsulationContextOnSendRule（HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent、DWORD）が 2 でないと接続できません（エラー 809）。Windows クライアントでこの値を 2 に設定し、再起動してください。';
const ESP_ONE_WAY_CHECKS = [
  'IP プロトコル 50（ESP）がフィルタリングされていないこと、NAT-T の場合は UDP 4500 の ESP が NAT やファイアウォールで破棄されていないことを確認してください。',
  '応答しない側の背後のルーティングが、応答をトンネルに戻していることを確認してください。',
  'クライアントと MX の間の NAT のキープアライブやアイドルタイムアウトを確認してください。',
];
const MX_FORGOT_SA =
  'MX が再起動した場合（リブート、ファームウェアのアップグレード）やトンネルを終了した場合、クライアントは再接続するまで MX がもう持っていない SA で送信し続けます（DPD を使用しない Windows のクライアントはこれに気付きません）。ESP が途絶えた日時の MX のイベントログを確認し、クライアントを再接続してください。';
const NAT_T_FIREWALLS =
  'クライアントと MX の間のすべてのファイアウォールで、UDP 4500 が双方向に許可されていることを確認してください。';
const NAT_T_FORWARD =
  'MX が NAT 配下にある場合は、アップストリームで UDP 500 と 4500 が MX にポートフォワーディングされていることを確認してください。';

export const CATALOG_JA: Record<Code, CatalogText> = {
  NO_IKE_FROM_CLIENT: {
    title: 'クライアントからの ISAKMP なし',
    explanation: (v) =>
      'キャプチャにはクライアントからの IKE（ISAKMP）メッセージが一つもなく、ネゴシエーションは MX に届いていません。' +
      (v.tlsOnOwnPort
        ? `独自のポートで DTLS を伴わない TLS（${String(v.tlsOnOwnPort)}）が見られます。これが MX の AnyConnect であれば、MX のアドレス（「--mx」）またはそのポート（「--anyconnect-port」）を指定して、もう一度解析してください。`
        : ''),
    checklist: [
      'クライアントがプライマリ MX の WAN IP（ウォームスペア構成では VIP）に接続していることを確認してください。',
      'アップストリームで UDP 500 のインバウンドトラフィックがブロックまたはドロップされていないことを確認してください。',
      'MX が NAT 配下にある場合は、アップストリームデバイスで UDP 500 と 4500 が MX にポートフォワーディングされていることを確認してください。',
      'OS 固有の原因を切り分けるため、別のデバイス（別の OS やスマートフォンなど）で接続テストを実施してください。',
    ],
  },
  NO_RESPONSE_FROM_MX: {
    title: 'MX が応答しない',
    explanation: (v) =>
      `クライアントは ${v.message === 'AM1' ? 'AM1（アグレッシブモード）' : 'MM1（Security Association）'}を ${v.sent} 回送信しましたが、MX からの応答はありません。`,
    checklist: [
      '宛先 IP アドレスと MAC アドレスが MX（またはウォームスペアの VIP）であることを確認してください。',
      'MX でポート 500 に対してポートフォワーディングが設定されていないことを確認してください。',
      'クライアントが同じ MX 配下から接続試行していないことを確認してください。',
      'クライアントのパブリック IP が、非 Meraki VPN ピアの IP や現在接続している別の VPN クライアントの IP と一致していないことを確認してください。',
      'デフォルトのクライアント VPN 設定を上書きするような追加の設定が MX に適用されていないことを確認してください。',
    ],
  },
  SA_RETRANSMITTED: {
    title: 'Security Association の再送',
    explanation:
      'クライアントは MM1（Security Association）を再送し続け、MX は MM2（Security Association 応答）で応答していますが、クライアントは MM3 Key Exchange に進みません。MX の応答がクライアントに届いていません。',
    checklist: [
      'クライアント側でポート 500 のトラフィックを受信できていない可能性があります。クライアント側のファイアウォールや NAT で UDP 500 の受信が許可されていることを確認してください。',
    ],
  },
  KE_RETRANSMITTED: {
    title: 'Key Exchange の再送',
    explanation: '一方のピアが MM3/MM4 Key Exchange を再送し続け、ネゴシエーションが先に進んでいません。',
    checklist: [
      '事前共有鍵（PSK）が正しくない可能性があります。クライアントの事前共有鍵と MX のクライアント VPN 設定の [Shared secret] が一致していることを確認してください。',
      'フェーズ 2 を開始するための UDP 4500 のトラフィックが途中でドロップまたはフィルタリングされ、クライアントに届いていない可能性があります。経路上のファイアウォールで UDP 4500 が許可されていることを確認してください。',
    ],
  },
  PHASE2_RETRANSMITTED: {
    title: 'Identification / ハッシュの再送',
    explanation: (v) =>
      v.repeatedBy === 'client'
        ? 'クライアントがクイックモード 1（ハッシュ）を再送し続け、トンネルが確立していません。MX は何も再送していません。'
        : v.repeatedBy === 'mx'
          ? 'MX がフェーズ 2 のメッセージ（MM6 またはクイックモード 2）を再送し続け、トンネルが確立していません。'
          : '双方が MM5/MM6 Identification またはクイックモードのメッセージを再送し続け、トンネルが確立していません。',
    checklist: [
      '暗号化設定と認証設定が正しいことを確認してください。',
      'サブネットの定義が正しいことを確認してください（サイト間 VPN のみ）。',
      'クライアントデバイスの VPN 設定を確認してください（Client VPN OS Configuration）。',
    ],
  },
  TUNNEL_ESTABLISHED: {
    title: 'トンネル確立',
    explanation: (v) =>
      (v.by === 'quick-mode'
        ? `クイックモードが完了しており（フレーム ${v.frame}）、トンネルは確立されています（ESP: クライアント → MX ${v.up} パケット、MX → クライアント ${v.down} パケット）。`
        : `双方向の ESP（クライアント → MX ${v.up} パケット、MX → クライアント ${v.down} パケット）が確認でき、トンネルは確立されています。`) +
      'ユーザー認証はこの後、トンネル内で行われます。',
    checklist: [
      'ユーザー認証はトンネル内で行われるため、この段階以降の WAN 側のパケットキャプチャは暗号化されていて調査に利用できません。LAN 側のキャプチャを取得してください。',
      'LAN 側のキャプチャで、MX と認証サーバーの間の認証が成功していることを確認してください。',
      ...AUTH_COMMON,
    ],
  },
  RADIUS_ACCEPTED: {
    title: 'RADIUS 認証成功',
    explanation: 'RADIUS サーバーは MX の Access-Request に Access-Accept で応答しました。',
    checklist: [
      '接続の成功には、MX が RADIUS サーバーから Access-Accept を受信している必要があります。LAN 側のキャプチャで確認してください。',
      ...AUTH_COMMON,
    ],
  },
  RADIUS_REJECTED: {
    title: 'RADIUS 認証拒否',
    explanation: (v) =>
      `RADIUS サーバーは MX の Access-Request に Access-Reject で応答しました${v.reply ? `（Reply-Message:「${v.reply}」）` : ''}。`,
    checklist: [
      'RADIUS サーバーのイベントログで拒否の理由を確認してください。',
      'ユーザー名とパスワードが正しく、サーバーのポリシーで許可されていることを確認してください。',
      ...AUTH_COMMON,
    ],
  },
  RADIUS_NO_RESPONSE: {
    title: 'RADIUS サーバーが応答しない',
    explanation: 'MX は Access-Request を {count} 回送信しましたが、RADIUS サーバー（{server}）から応答がありません。',
    checklist: [
      'RADIUS サーバーが稼働し、MX から到達できることを確認してください。',
      'RADIUS サーバーに MX が RADIUS クライアントとして同じ共有シークレットで登録されていることを確認してください（共有シークレットが異なる要求は、応答なしで破棄されます）。',
      'RADIUS サーバーのイベントログを確認してください。',
      ...AUTH_COMMON,
    ],
  },
  // The MX opens the TLS session to the domain controller ("MX securely contacts the specified
  // Domain Controllers for the AD domain, using TLS": Meraki, "Configuring Active Directory with MX
  // Security Appliances"), so the MX is the TLS client (RFC 8446 §2: the client sends ClientHello).
  // クライアント alone means the VPN user's device: say MX（TLS クライアント）.
  AD_TLS_FAILED: {
    title: 'Active Directory サーバーへの TLS 接続失敗',
    explanation: (v) =>
      `MX からドメインコントローラー（${v.server}）への TLS 接続が完了していません${
        v.alert
          ? `（${v.alertFrom === 'client' ? 'MX（TLS クライアント）' : 'ドメインコントローラー（TLS サーバー）'}が TLS アラート「${v.alert}」を送信しました: フレーム ${v.alertFrame}）`
          : v.resetFrame
            ? `（フレーム ${v.resetFrame} で TCP がリセットされました）`
            : ''
      }。`,
    checklist: [
      'LAN 側のキャプチャで、MX（TLS クライアント）と Active Directory サーバー（ドメインコントローラー）の間の TLS 接続が成功していることを確認してください。',
      'ドメインコントローラーに、グローバルカタログ（TCP 3268/3269）と LDAPS（TCP 636）用の有効な証明書があることを確認してください。',
      'Active Directory サーバーのイベントログを確認してください。',
      ...AUTH_COMMON,
    ],
  },
  AD_TLS_OK: {
    title: 'Active Directory サーバーへの TLS 接続成功',
    explanation: 'MX（TLS クライアント）からドメインコントローラー（{server}）への TLS ハンドシェイクが完了しました。',
    checklist: [
      'TLS 接続は成功しています。ユーザー認証の結果は Active Directory サーバーのイベントログで確認してください。',
      ...AUTH_COMMON,
    ],
  },
  CLOUD_DNS_FAILED: {
    title: 'meraki.com の名前解決失敗',
    explanation: (v) =>
      v.rcode === 'no-answer'
        ? `${v.name} の DNS 問い合わせに応答がありません（送信回数 ${v.sent}）。MX は Meraki クラウド認証のためにクラウドへ到達できません。`
        : `${v.name} の DNS 問い合わせが失敗しました（応答コード ${v.rcode}）。MX は Meraki クラウド認証のためにクラウドへ到達できません。`,
    checklist: [
      'MX の WAN ポートから DNS で meraki.com を名前解決できること、クラウド接続に必要な通信がアップストリーム機器で許可されていることを確認してください（クラウド接続のためのアップストリームファイアウォールルール）。',
      'ダッシュボードで、アカウントの「クライアントVPNの承認」が「Yes」になっていること、パスワードに誤りがないことを確認してください。',
      ...AUTH_COMMON,
    ],
  },
  CLOUD_DNS_OK: {
    title: 'meraki.com の名前解決成功',
    explanation: '{name} の DNS 問い合わせに応答があり、MX は認証のために Meraki クラウドへ到達できます。',
    checklist: [
      'ダッシュボードで、アカウントの「クライアントVPNの承認」が「Yes」になっていること、パスワードに誤りがないことを確認してください。',
      'クラウド接続に必要な通信がアップストリーム機器で許可されていることを確認してください。',
      ...AUTH_COMMON,
    ],
  },
  PSK_MISMATCH: {
    title: '事前共有鍵（PSK）の不一致',
    explanation: (v) =>
      v.message === 'IKE_AUTH'
        ? `イニシエーターの IKE_AUTH（事前共有鍵（PSK）から導出した鍵で暗号化）はレスポンダーに届きましたが、レスポンダーは自身を識別せずに通知だけで応答し（フレーム ${v.reactionFrame}）、その後は何も続いていません。`
        : `クライアントの MM5（Identification、事前共有鍵（PSK）から導出した鍵で暗号化）は MX に届きました${
            v.reaction === 'informational'
              ? `（MX は Informational（INFO）で応答: フレーム ${v.reactionFrame}）`
              : v.reaction === 'key-exchange-again'
                ? `（MX は MM4 Key Exchange を再送: フレーム ${v.reactionFrame}）`
                : ''
          }が、MX は復号できず、MM6 を送信していません。`,
    checklist: [
      'クライアントの事前共有鍵（PSK）が、MX のクライアント VPN 設定の [Shared secret] と完全に一致していることを確認してください（大文字と小文字、末尾の空白に注意してください）。',
      'Windows では、VPN 接続のプロパティの詳細設定で「認証に事前共有キーを使う」を選び、鍵を入力し直してください。',
    ],
  },
  NAT_T_BLOCKED: {
    title: 'UDP 4500（NAT-T）がブロックされている',
    explanation: (v) =>
      'NAT-D ハッシュから NAT が検出されたため、ネゴシエーションは NAT-T（UDP 4500）に移る必要がありますが、UDP 4500 の通信が届いていません' +
      (v.captureSide === 'client'
        ? `（MM5 が UDP 4500 で ${v.sent} 回送信されましたが、応答がありません）。`
        : '（MM3/MM4 Key Exchange の後、UDP 4500 で MX に何も届いていません）。') +
      (v.mxForwarded
        ? 'クライアントが NAT-D で計算した MX のアドレスのハッシュが、MX 自身のアドレスと一致しません。クライアントは別のアドレスに接続しており、MX の手前の NAT がそれを MX に転送しています。この転送は UDP 500 を通していますが、' +
          (v.windowsClient
            ? 'UDP 4500 を通していないか、NAT 配下のサーバーに対して既定では NAT-T を使用しない Windows が MM5 を送信しなかったかのどちらかです（MX 側ではどちらかを判別できません）。'
            : 'UDP 4500 を通していない可能性が高いです。')
        : ''),
    checklist: (v) =>
      v.windowsClient
        ? [WINDOWS_MX_BEHIND_NAT, NAT_T_FORWARD, NAT_T_FIREWALLS]
        : v.mxForwarded
          ? [NAT_T_FORWARD, NAT_T_FIREWALLS, WINDOWS_MX_BEHIND_NAT]
          : [NAT_T_FIREWALLS, NAT_T_FORWARD, WINDOWS_MX_BEHIND_NAT],
  },
  PHASE1_PROPOSAL_REJECTED: {
    title: 'フェーズ 1 のプロポーザル拒否',
    explanation: 'MX は、クライアントが提示したフェーズ 1 のプロポーザル（{offered}）をすべて拒否しました。',
    checklist: [
      'クライアントが、Meraki クライアント VPN の受け付けるフェーズ 1（3DES または AES、SHA1、DH グループ 2（MODP1024）、事前共有鍵（PSK））を提示していることを確認してください。',
      'デフォルトのクライアント VPN 設定を上書きするような追加の設定が MX に適用されていないことを確認してください。',
    ],
  },
  PHASE2_PROPOSAL_REJECTED: {
    title: 'フェーズ 2 のプロポーザル拒否',
    explanation:
      'フェーズ 1 は完了しましたが、MX はクライアントのクイックモードのプロポーザルに対して、QM2 ではなく Informational（INFO）で応答しました。',
    checklist: [
      'クライアントが、Meraki クライアント VPN の受け付けるフェーズ 2（ESP、AES-128 または 3DES、SHA1、トランスポートモード（L2TP）、PFS なし）を提示していることを確認してください。',
      'クライアントの暗号化設定と認証設定が正しいことを確認してください（Client VPN OS Configuration）。',
    ],
  },
  AGGRESSIVE_MODE: {
    title: 'アグレッシブモードは未サポート',
    explanation:
      'クライアントは IKEv1 アグレッシブモードを使用しました。アグレッシブモードには既知の脆弱性があり、MX 15 以降のクライアント VPN ではサポートされていません。',
    checklist: [
      'クライアントをメインモードに設定してください（Windows、macOS、iOS、Android の事前共有鍵による L2TP/IPsec はメインモードです）。',
    ],
  },
  // The MX's Client VPN is L2TP/IPsec (IKEv1) and AnyConnect (TLS/DTLS); it has no IKEv2 setting
  // for Client VPN (IKEv2 is offered for non-Meraki site-to-site peers only). Sources: Meraki,
  // "AnyConnect on the MX Appliance" ("The MX supports L2TP/IPsec Client VPN and AnyConnect VPN
  // simultaneously"; "AnyConnect can be used in place of L2TP/IPSec Client VPN configurations on
  // operating systems that no longer support L2TP"), and "Troubleshooting Non-Meraki Site-to-site VPN".
  IKEV2_NOT_SUPPORTED: {
    title: 'IKEv2 による接続試行',
    explanation:
      'クライアントは IKEv2（IKE_SA_INIT）でネゴシエーションを開始しました。MX のクライアント VPN は IKEv1（L2TP over IPsec）だけを使用し、IKEv2 の設定はありません。',
    checklist: [
      'クライアントを IKEv2 ではなく、事前共有鍵（PSK）による L2TP/IPsec（IKEv1）として設定してください。',
      'L2TP/IPsec を使えない OS では、MX の AnyConnect（Cisco Secure Client、TLS/DTLS）を使用してください（AnyConnect on the MX Appliance）。',
    ],
  },
  ESP_ONE_WAY: {
    title: 'ESP が片方向のみ',
    explanation: (v) =>
      `ESP は${v.direction === 'client-to-mx' ? 'クライアント → MX' : ' MX → クライアント'}の方向にのみ流れており${v.since ? `（フレーム ${v.since} 以降）` : ''}、逆方向の ESP がありません。` +
      (v.movedTo
        ? `フレーム ${String(v.since)} 以降、クライアントの ESP は UDP ポート ${String(v.movedTo)} から届いていますが（それまでは ${String(v.movedFrom)}）、MX は引き続きポート ${String(v.movedFrom)} 宛てに送信しています。クライアント側の NAT がマッピングを変更し（再起動、またはマッピングのタイムアウト）、MX がそれに追従していません。`
        : '') +
      (v.refused
        ? `${String(v.refused)} 個のパケットが ICMP 宛先到達不能で拒否されました（最初はフレーム ${String(v.refusedFrame)}）。そのアドレスとポートでは ESP を受信するものがありません。`
        : ''),
    checklist: (v) => espOneWayChecklist(v, ESP_ONE_WAY_CHECKS, MX_FORGOT_SA),
  },
  NAT_DETECTED: {
    title: 'NAT を検出',
    explanation: (v) =>
      `NAT-D ハッシュ（${v.hash}）から、${v.client && v.responder ? 'クライアントと MX の両方' : v.client ? 'クライアント' : 'MX '}が NAT 配下にあることがわかります${
        v.captureSide === 'unknown'
          ? ''
          : `（キャプチャは NAT の${v.captureSide === 'mx' ? ' MX ' : 'クライアント'}側で取得されています）`
      }。`,
    checklist: (v) => [
      'NAT 配下のクライアントは NAT-T（UDP 4500）に対応している必要があります。クライアントの OS と VPN 設定を確認してください。',
      'UDP 4500 が双方向に許可されていることを確認してください。',
      ...(v.responder ? [WINDOWS_MX_BEHIND_NAT] : []),
    ],
  },
  CLIENT_FINGERPRINT: {
    title: 'クライアントの実装',
    explanation: (v) => {
      const features = String(v.features ?? '')
        .split('|')
        .filter(Boolean)
        .map(fingerprintFeatureJa);
      const supports = features.length ? `（${features.join('、')} に対応）` : '';
      return v.implementation
        ? `クライアントの Vendor ID から、実装は ${implementationJa(String(v.implementation))}${supports}と判断できます。`
        : `クライアントの Vendor ID からは実装を特定できません${supports}。`;
    },
    checklist: [
      'ユーザーが申告した OS と比較してください。一致しない場合や問題が続く場合は、別のデバイスや OS で接続を試してください。',
    ],
  },
  PROPOSAL_NOT_ACCEPTED_BY_MERAKI: {
    title: 'Meraki が受け付けないプロポーザル',
    explanation: (v) =>
      v.chosen
        ? `レスポンダーが選択したプロポーザル（${v.chosen}）は、Meraki クライアント VPN が使用するものではありません。`
        : `クライアントが提示したフェーズ 1 のプロポーザル ${v.offeredCount} 件のうち、Meraki クライアント VPN が受け付けるものはありません（${v.offered}）。`,
    checklist: [
      'Meraki クライアント VPN が受け付けるのは、フェーズ 1 では 3DES/AES・SHA1・DH グループ 2、フェーズ 2 では AES-128/3DES・SHA1 です。クライアントの暗号化設定を確認してください。',
    ],
  },
  WEAK_PROPOSAL: {
    title: '弱い暗号の提示',
    explanation: 'クライアントは弱いアルゴリズムを提示しました（{what}）。',
    checklist: ['DES、MD5、MODP768 は弱い暗号です。AES と SHA1 以上を使用するようにクライアントを設定してください。'],
  },
  NOTIFY_IN_CLEAR: {
    title: '暗号化されていない通知',
    explanation: (v) =>
      `${v.from === 'mx' ? 'MX ' : 'クライアント'}が通知 ${v.name}（${v.type}）を暗号化せずに送信しました。`,
    checklist: ['通知は送信側が検出したエラーを示します。相手側の該当する設定を確認してください。'],
  },
  IKE_FRAGMENTS_INCOMPLETE: {
    title: 'IKE メッセージの断片が揃わない',
    explanation:
      'IKE トラフィックの IP フラグメント {count} 組が揃いませんでした。大きな IKE メッセージ（証明書や多数のプロポーザル）の断片が途中で失われています。',
    checklist: [
      '経路 MTU と、クライアントと MX の間に IP フラグメントを破棄する機器がないことを確認してください。',
      'クライアントが対応していれば、IKE フラグメンテーションを有効にしてください。',
    ],
  },
  NO_AUTH_TRAFFIC: {
    title: '認証トラフィックなし',
    explanation:
      'キャプチャには RADIUS、Active Directory サーバーへの TLS、meraki.com の DNS のいずれのトラフィックもありません。',
    checklist: AUTH_COMMON,
  },
  MALFORMED_TRAFFIC: {
    title: '不正な形式のパケット',
    explanation: '{count} フレームを完全にはデコードできませんでした（ISAKMP ペイロードのエラー）。',
    checklist: [
      'キャプチャがスナップ長で切られずに完全にエクスポートされていること、途中の機器が IKE パケットを改変していないことを確認してください。',
    ],
  },
  INCONCLUSIVE: {
    title: 'キャプチャだけでは判定できません',
    explanation: (v) => {
      const lean = v.likely
        ? `証拠は ${v.likely} を示していますが、その後に何も来なかったことの裏付けが必要です。`
        : '';
      const step = v.step ? `（${STEP_JA[String(v.step)] ?? v.step}）` : '';
      switch (v.reason) {
        case 'capture-ended-early':
          return `キャプチャは最後のメッセージ${step}の ${v.after} 秒後に終わっており、応答や再送が来るはずの時点より前です。${lean}`;
        case 'capture-started-late':
          return `キャプチャはネゴシエーションの開始後に始まっており（最初のメッセージが含まれていません）、残りの部分からは判定できません。${lean}`;
        case 'too-few-packets':
          return `このトラフィックはキャプチャに ${v.packets} パケットしかなく、判定できません。${lean}`;
        case 'capture-damaged':
          return `ファイルはフレーム ${v.frame} から途切れているか読み取れず、応答の前で終わっています。${lean}`;
        case 'packets-truncated':
          return `キャプチャのスナップ長により、このトラフィックの ${v.cut} パケットが途中で切り詰められています。判定に必要な部分（メッセージの内容、NAT-D ハッシュ、通知）は回線上にはありましたが、ファイルには含まれていません。${lean}`;
        default:
          return `キャプチャの時間が短く、判定できません。${lean}`;
      }
    },
    checklist: (v) => [
      v.reason === 'capture-damaged'
        ? 'ダッシュボード（ネットワーク全体 > パケットキャプチャ）からキャプチャをエクスポートし直し、ファイルが完全であることを確認してください。'
        : v.reason === 'packets-truncated'
          ? 'パケットを切り詰めずにキャプチャし直してください（スナップ長の制限なし。tcpdump では -s 0、Wireshark ではパケットサイズの制限なし）。'
          : 'クライアントが接続する前にキャプチャを開始し、クライアントが接続をあきらめた（または接続した）後も、少なくとも 30 秒間キャプチャを継続してください。',
      'MX の WAN インターフェースで、キャプチャ条件をクライアントのパブリック IP に絞り（例:「host 198.51.100.2」、または「udp port 500 or udp port 4500 or esp」）、ネゴシエーション全体が入るようにキャプチャしてください。',
    ],
  },
  L2TP_WITHOUT_IPSEC: {
    title: 'IPsec なしの L2TP',
    explanation: (v) =>
      `クライアントは L2TP の制御メッセージ（${v.message}、UDP 1701）を ${v.mx} に暗号化せずに送信しており（送信回数 ${v.sent}）、IKE はありません。VPN 接続が IPsec なしの L2TP（または「暗号化はオプション」）に設定されています。`,
    checklist: [
      'VPN の種類を事前共有鍵（PSK）による L2TP/IPsec に設定し（Windows:「認証に事前共有キーを使う」、暗号化は必須）、設定を確認してください。',
      '事前共有鍵（PSK）として、MX のクライアント VPN 設定の [Shared secret] を入力してください。',
    ],
  },
  NOT_CLIENT_VPN: {
    title: 'Meraki クライアント VPN ではありません',
    explanation: (v) =>
      v.why === 'ikev2'
        ? 'レスポンダーは IKEv2 のネゴシエーションを続けています（IKE_SA_INIT の応答に SA、KE、ノンスの各ペイロードがあります）。このネゴシエーションは Meraki クライアント VPN（L2TP over IPsec、IKEv1）ではないため、クライアント VPN の確認事項は使わず、このネゴシエーション自身の証拠で診断しています。'
        : v.why === 'gateway-initiated'
          ? `イニシエーターの ${v.gateway} はゲートウェイです（このキャプチャで他のホストの IKE に応答しているか、指定された MX です）。ここではそのゲートウェイ自身がネゴシエーションを開始しています。MX がクライアント VPN の接続を開始することはないため、これは MX が開始するトンネル（サイト間 VPN）で、Meraki クライアント VPN ではありません。クライアント VPN の確認事項は使わず、このネゴシエーション自身の証拠で診断しています。`
          : `レスポンダーの Vendor ID は別の製品（${v.product}）を示しています。このネゴシエーションは Meraki クライアント VPN ではないため、クライアント VPN の確認事項は使わず、このネゴシエーション自身の証拠で診断しています。`,
    checklist: [
      'このトンネルの両方のピアの設定（プロポーザル、事前共有鍵（PSK）または証明書、トラフィックセレクター）を確認してください。',
      'クライアント VPN の接続を調べる場合は、クライアントのパブリック IP に絞ってキャプチャを取り直してください。',
    ],
  },
  ...contractCodes(ANYCONNECT_CATALOG_JA),
};
