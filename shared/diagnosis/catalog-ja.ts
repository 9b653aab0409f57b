// 日本語のテキスト（コードごと）。ガイド自身のシグネチャにはガイド（seed/ の原文）のチェック項目を使う。
import { ANYCONNECT_CATALOG_JA } from '../anyconnect/catalog-ja.js';
import { contractCodes } from '../anyconnect/catalog-en.js';
import type { Code, CatalogText } from './catalog.js';

const AUTH_COMMON = [
  '認証ログやパケットが表示されない場合は、クライアントが認証情報を送信していない可能性があります。クライアントの VPN 設定を確認し（Client VPN OS Configuration）、該当のクライアント端末でトラブルシューティングを実施してください（再起動、競合するソフトウェアの確認など）。',
  '認証が成功しているにもかかわらずクライアントが接続に失敗する場合、クライアント VPN サブネットの IP プールが枯渇していないか確認してください。',
];

export const CATALOG_JA: Record<Code, CatalogText> = {
  NO_IKE_FROM_CLIENT: {
    title: 'クライアントから ISAKMP がない',
    explanation:
      'キャプチャにクライアントからの IKE（ISAKMP）メッセージが一つもなく、ネゴシエーションは MX に届いていません。',
    checklist: [
      'クライアントがプライマリ MX の WAN IP（ウォームスペアの VIP）に接続していることを確認します。',
      'アップストリームで UDP 500 のインバウンドトラフィックがブロックやドロップされていないかを確認します。',
      'MX が NAT 配下にある場合、アップストリームデバイスで UDP ポート 500 と 4500 のポートフォワーディング設定が必要な場合があります。',
      'OS 固有の原因を排除するために、異なるデバイス（別の OS やスマートフォンなど）で接続テストを実施します。',
    ],
  },
  NO_RESPONSE_FROM_MX: {
    title: 'MX が応答しない',
    explanation: (v) =>
      `クライアントは ${v.message === 'AM1' ? 'AM1（Aggressive Mode）' : 'MM1（Security Association）'}を送信しました（送信回数 ${v.sent}）が、MX からの応答はありません。`,
    checklist: [
      '宛先 IP アドレスと MAC アドレスが MX（またはウォームスペアの VIP）であることを確認してください。',
      'MX でポート 500 に対してポートフォワーディングが設定されていないことを確認してください。',
      'クライアントが同じ MX 配下から接続試行していないことを確認してください。',
      'クライアントのパブリック IP が、非 Meraki VPN ピア IP や現在接続している別の VPN クライアントと一致していないことを確認してください。',
      'デフォルトのクライアント VPN 設定を上書きするような追加の設定が MX に適用されていないことを確認してください。',
    ],
  },
  SA_RETRANSMITTED: {
    title: 'Security Association の再送',
    explanation:
      'クライアントはメインモード 1 を送り続け、MX はメインモード 2 で応答していますが、クライアントは鍵交換に進みません。応答がクライアントに届いていません。',
    checklist: [
      'クライアント側でポート 500 のトラフィックが受信できていない可能性があります。クライアント側のファイアウォールや NAT で UDP 500 の受信を確認してください。',
    ],
  },
  KE_RETRANSMITTED: {
    title: 'Key Exchange の再送',
    explanation: '片方が Key Exchange を送信し続け、ネゴシエーションが先に進んでいません。',
    checklist: [
      '事前共有鍵（PSK）が正しくない可能性があります。クライアントと MX のクライアント VPN 設定で同じ鍵か確認してください。',
      'フェーズ 2 を開始するためのポート 4500 のトラフィックがドロップまたはフィルタリングされ、クライアントに到達していない可能性があります。',
    ],
  },
  PHASE2_RETRANSMITTED: {
    title: 'Identification / Hash の再送',
    explanation: '双方がフェーズ 2（Identification / Hash）のパケットを送信し続け、トンネルが確立していません。',
    checklist: [
      '暗号化設定または認証設定が正しいこと',
      'サブネットの定義が正しいこと（サイト間 VPN のみ）',
      'クライアントデバイスの VPN 設定を確認してください（Client VPN OS Configuration）。',
    ],
  },
  TUNNEL_ESTABLISHED: {
    title: 'トンネル確立',
    explanation: (v) =>
      (v.by === 'quick-mode'
        ? `クイックモードが完了し（フレーム ${v.frame}）、ESP はクライアント→MX ${v.up}、MX→クライアント ${v.down} パケットで`
        : `双方向の ESP（クライアント→MX ${v.up} パケット、MX→クライアント ${v.down} パケット）が確認でき`) +
      '、トンネルは確立されています。ユーザー認証はこの段階でトンネル内で行われます。',
    checklist: [
      'ユーザー認証はこの段階で行われます。WAN パケットキャプチャはこの段階以降すべて暗号化されているため調査に利用できません。',
      'MX と認証サーバー間で認証が成功しているかを確認してください（LAN 側のキャプチャ）。',
      ...AUTH_COMMON,
    ],
  },
  RADIUS_ACCEPTED: {
    title: 'RADIUS 認証成功',
    explanation: 'RADIUS サーバーは MX の Access-Request に Access-Accept で応答しました。',
    checklist: [
      '接続が成功するために、MX がサーバーから受信する RADIUS 認証パケットで ACCESS-ACCEPT を受け取っていること',
      ...AUTH_COMMON,
    ],
  },
  RADIUS_REJECTED: {
    title: 'RADIUS 認証拒否',
    explanation: (v) =>
      `RADIUS サーバーは MX の Access-Request に Access-Reject で応答しました${v.reply ? `（"${v.reply}"）` : ''}。`,
    checklist: [
      'RADIUS サーバーのイベントログで拒否の理由を確認してください。',
      'ユーザー名とパスワードが正しく、サーバーのポリシーで許可されていること',
      ...AUTH_COMMON,
    ],
  },
  RADIUS_NO_RESPONSE: {
    title: 'RADIUS サーバーが応答しない',
    explanation: 'MX は Access-Request を {count} 回送信しましたが、{server} から応答がありません。',
    checklist: [
      'RADIUS サーバーが稼働し、MX から到達できること',
      'サーバー側で MX が同じ共有シークレットの RADIUS クライアントとして登録されていること（シークレットが違うと黙って破棄されます）',
      'RADIUS サーバーのイベントログ',
      ...AUTH_COMMON,
    ],
  },
  AD_TLS_FAILED: {
    title: 'ディレクトリへの TLS 失敗',
    explanation: (v) =>
      `MX からドメインコントローラー（${v.server}）への TLS 接続が完了していません${
        v.alert
          ? `（${v.alertFrom === 'client' ? 'MX（TLS クライアント）' : 'サーバー'}がアラート "${v.alert}" を送信: フレーム ${v.alertFrame}）`
          : v.resetFrame
            ? `（フレーム ${v.resetFrame} でリセット）`
            : ''
      }。`,
    checklist: [
      'MX とサーバー間の Active Directory パケットで TLS 接続が成功していること',
      'ドメインコントローラーが LDAPS / グローバルカタログ（TCP 3268/3269/636）用の有効な証明書を持つこと',
      'Active Directory サーバーのイベントログ',
      ...AUTH_COMMON,
    ],
  },
  AD_TLS_OK: {
    title: 'ディレクトリへの TLS 成功',
    explanation: 'MX からドメインコントローラー（{server}）への TLS ハンドシェイクが完了しました。',
    checklist: [
      'TLS 接続は成功しています。ユーザー認証については Active Directory サーバーのイベントログを確認してください。',
      ...AUTH_COMMON,
    ],
  },
  CLOUD_DNS_FAILED: {
    title: 'meraki.com の名前解決失敗',
    explanation: (v) =>
      v.rcode === 'no-answer'
        ? `${v.name} の DNS 問い合わせに応答がありません（送信回数 ${v.sent}）。Meraki クラウド認証がクラウドに到達できません。`
        : `${v.name} の DNS 問い合わせが失敗しました（${v.rcode}）。Meraki クラウド認証がクラウドに到達できません。`,
    checklist: [
      'MX の WAN ポートから DNS 経由で meraki.com を名前解決ができ、必要なすべてのクラウド接続要件がアップストリーム機器で許可されていること（クラウド接続のためのアップストリームファイアウォールルール）',
      'ダッシュボード上でアカウントの「クライアントVPNの承認」項目が「Yes」になっており、パスワードにも誤りがないこと',
      ...AUTH_COMMON,
    ],
  },
  CLOUD_DNS_OK: {
    title: 'meraki.com の名前解決成功',
    explanation: '{name} の DNS 問い合わせに応答があり、MX は認証のために Meraki クラウドに到達できます。',
    checklist: [
      'ダッシュボード上でアカウントの「クライアントVPNの承認」項目が「Yes」になっており、パスワードにも誤りがないこと',
      '必要なすべてのクラウド接続要件がアップストリーム機器で許可されていること',
      ...AUTH_COMMON,
    ],
  },
  PSK_MISMATCH: {
    title: '事前共有鍵の不一致',
    explanation: (v) =>
      v.message === 'IKE_AUTH'
        ? `イニシエーターの IKE_AUTH（事前共有鍵（PSK）から導出した鍵で暗号化）はレスポンダーに届きましたが、レスポンダーは自身を識別せず通知のみで応答し（フレーム ${v.reactionFrame}）、その後は何も続いていません。`
        : `クライアントの MM5（Identification、事前共有鍵（PSK）から導出した鍵で暗号化）は MX に届きました${
            v.reaction === 'informational'
              ? `（MX は Informational（INFO）で応答: フレーム ${v.reactionFrame}）`
              : v.reaction === 'key-exchange-again'
                ? `（MX は MM4 Key Exchange を再送: フレーム ${v.reactionFrame}）`
                : ''
          }が、MX は復号できず、MM6 を送信していません。`,
    checklist: [
      'クライアントの事前共有鍵（PSK）が MX のクライアント VPN 設定の [Shared secret] と完全に一致すること（大文字小文字、末尾の空白）を確認してください。',
      'Windows では VPN 接続の詳細設定の「認証に事前共有キーを使う」で鍵を入力し直してください。',
    ],
  },
  NAT_T_BLOCKED: {
    title: 'UDP 4500（NAT-T）がブロックされている',
    explanation: (v) =>
      'NAT-D ハッシュから NAT が検出されたためネゴシエーションは NAT-T（UDP 4500）に移る必要がありますが、UDP 4500 は届いていません' +
      (v.captureSide === 'client'
        ? `（MM5 が UDP 4500 で送信されましたが（送信回数 ${v.sent}）、応答がありません）。`
        : '（MM3/MM4 Key Exchange の後、UDP 4500 で MX に何も届いていません）。'),
    checklist: [
      'クライアントと MX の間のすべてのファイアウォールで UDP 4500 が双方向に許可されていることを確認してください。',
      'MX が NAT 配下にある場合、アップストリームで UDP 500 と 4500 がポートフォワーディングされていることを確認してください。',
      'クライアント OS が NAT-T に対応していることを確認してください（NAT 配下の Windows は AssumeUDPEncapsulationContextOnSendRule が必要です。エラー 809）。',
    ],
  },
  PHASE1_PROPOSAL_REJECTED: {
    title: 'フェーズ 1 のプロポーザル拒否',
    explanation: 'MX はクライアントが提示したフェーズ 1 のプロポーザル（{offered}）をすべて拒否しました。',
    checklist: [
      'クライアントが Meraki クライアント VPN の受け付けるフェーズ 1（3DES または AES、SHA1、DH グループ 2（MODP1024）、事前共有鍵）を提示していること',
      'デフォルトのクライアント VPN 設定を上書きするような追加の設定が MX に適用されていないこと',
    ],
  },
  PHASE2_PROPOSAL_REJECTED: {
    title: 'フェーズ 2 のプロポーザル拒否',
    explanation:
      'フェーズ 1 は完了しましたが、MX はクライアントのクイックモードのプロポーザルにクイックモード 2 ではなく情報交換で応答しました。',
    checklist: [
      'クライアントが Meraki クライアント VPN の受け付けるフェーズ 2（ESP、AES-128 または 3DES、SHA1、トランスポートモード（L2TP）、PFS なし）を提示していること',
      '暗号化設定または認証設定が正しいこと（Client VPN OS Configuration）',
    ],
  },
  AGGRESSIVE_MODE: {
    title: 'アグレッシブモードは未サポート',
    explanation:
      'クライアントは IKEv1 アグレッシブモードを使用しました。アグレッシブモードは既知の脆弱性があり、MX 15 以降のクライアント VPN ではサポートされていません。',
    checklist: [
      'クライアントをメインモードに設定してください（Windows、macOS、iOS、Android の事前共有鍵による L2TP/IPsec はメインモードです）。',
    ],
  },
  IKEV2_NOT_SUPPORTED: {
    title: 'IKEv2 による接続試行',
    explanation:
      'クライアントは IKEv2（IKE_SA_INIT）でネゴシエーションを開始しました。Meraki クライアント VPN は IKEv1（L2TP over IPsec）を使用します。',
    checklist: [
      'クライアントを IKEv2 ではなく、事前共有鍵による L2TP/IPsec（IKEv1）として設定してください。',
      'IKEv2 を使う場合は、MX 側にそのための設定（AnyConnect / Secure Client は別製品）が必要です。',
    ],
  },
  ESP_ONE_WAY: {
    title: 'ESP が片方向のみ',
    explanation: (v) =>
      `ESP は${v.direction === 'client-to-mx' ? 'クライアント→MX' : 'MX→クライアント'}のみ流れています${v.since ? `（フレーム ${v.since} 以降）` : ''}。逆方向が失われています。`,
    checklist: [
      'IP プロトコル 50（ESP）がフィルタリングされていないこと、NAT-T の場合は UDP 4500 の ESP が NAT やファイアウォールで破棄されていないことを確認してください。',
      '応答しない側の背後のルーティングが応答をトンネルに戻していることを確認してください。',
      'クライアントと MX の間の NAT のキープアライブやアイドルタイムアウトを確認してください。',
    ],
  },
  NAT_DETECTED: {
    title: 'NAT を検出',
    explanation: (v) =>
      `NAT-D ハッシュ（${v.hash}）から、${v.client && v.responder ? 'クライアントと MX の両方' : v.client ? 'クライアント' : 'MX'}が NAT 配下にあることがわかります${
        v.captureSide === 'unknown'
          ? ''
          : `（キャプチャは NAT の${v.captureSide === 'mx' ? ' MX ' : 'クライアント'}側で取得）`
      }。`,
    checklist: [
      'NAT 配下のクライアントは NAT-T（UDP 4500）に対応している必要があります。Windows のエラー 809 はこれを示します。',
      'UDP 4500 が双方向に許可されていることを確認してください。',
    ],
  },
  CLIENT_FINGERPRINT: {
    title: 'クライアントの実装',
    explanation: 'クライアントの Vendor ID から {fingerprint} と判断できます。',
    checklist: ['ユーザーが申告する OS と比較してください。問題がある場合は別のデバイスや OS で試してください。'],
  },
  PROPOSAL_NOT_ACCEPTED_BY_MERAKI: {
    title: 'Meraki が受け付けないプロポーザル',
    explanation: (v) =>
      v.chosen
        ? `レスポンダーは ${v.chosen} を選択しました。これは Meraki クライアント VPN がネゴシエートするものではありません。`
        : `クライアントが提示したフェーズ 1 のプロポーザル（${v.offeredCount} 件）に、Meraki クライアント VPN が受け付けるものはありません: ${v.offered}。`,
    checklist: [
      'Meraki クライアント VPN はフェーズ 1 で 3DES/AES・SHA1・DH グループ 2、フェーズ 2 で AES-128/3DES・SHA1 を受け付けます。',
    ],
  },
  WEAK_PROPOSAL: {
    title: '弱い暗号の提示',
    explanation: 'クライアントは弱いアルゴリズムを提示しました: {what}。',
    checklist: ['AES と SHA1 以上を使用してください。DES、MD5、MODP768 は弱い暗号です。'],
  },
  NOTIFY_IN_CLEAR: {
    title: '平文の通知',
    explanation: (v) => `${v.from === 'mx' ? 'MX' : 'クライアント'}が通知 ${v.name}（${v.type}）を平文で送信しました。`,
    checklist: ['通知は送信側が検出したエラーを示します。相手側の該当する設定を確認してください。'],
  },
  IKE_FRAGMENTS_INCOMPLETE: {
    title: 'IKE メッセージの断片が揃わない',
    explanation:
      'IKE トラフィックの IP フラグメント {count} 組が揃いませんでした。大きな IKE メッセージ（証明書や多数のプロポーザル）の断片が途中で失われています。',
    checklist: [
      '経路 MTU と、クライアントと MX の間で IP フラグメントを破棄する機器がないことを確認してください。',
      'クライアントが対応していれば IKE フラグメンテーションを有効にしてください。',
    ],
  },
  NO_AUTH_TRAFFIC: {
    title: '認証トラフィックなし',
    explanation: 'キャプチャに RADIUS、ディレクトリ（TLS）、meraki.com の DNS のいずれのトラフィックもありません。',
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
        ? `証拠は ${v.likely} を示唆していますが、その後に何も来なかったことの裏付けが必要です。`
        : '';
      switch (v.reason) {
        case 'capture-ended-early':
          return `キャプチャは最後のメッセージ${v.step ? `（${v.step}）` : ''}の ${v.after} 秒後に終わっており、応答や再送が来るはずの時点より前です。${lean}`;
        case 'capture-started-late':
          return `キャプチャはネゴシエーションの開始後に始まっており（最初のメッセージが含まれていません）、残りの部分からは判定できません。${lean}`;
        case 'too-few-packets':
          return `このトラフィックはキャプチャに ${v.packets} パケットしかなく、判定できません。${lean}`;
        case 'capture-damaged':
          return `ファイルはフレーム ${v.frame} から途切れているか読み取れず、応答の前で終わっています。${lean}`;
        default:
          return `フレームの時間幅が短く、判定できません。${lean}`;
      }
    },
    checklist: (v) => [
      v.reason === 'capture-damaged'
        ? 'ダッシュボード（ネットワーク全体 > パケットキャプチャ、「download .pcap」）からキャプチャをエクスポートし直し、ファイルが完全であることを確認してください。'
        : 'クライアントが接続する前にキャプチャを開始し、クライアントが接続をあきらめた（または接続した）後も少なくとも 30 秒間キャプチャを続けてください。',
      'MX の WAN インターフェースで「host <クライアントのパブリック IP>」（または「udp port 500 or udp port 4500 or esp」）のフィルターを使い、ネゴシエーション全体が入るようにキャプチャしてください。',
    ],
  },
  L2TP_WITHOUT_IPSEC: {
    title: 'IPsec なしの L2TP',
    explanation: (v) =>
      `クライアントは L2TP の制御メッセージ（${v.message}、UDP 1701）を ${v.mx} に平文で送信しており（送信回数 ${v.sent}）、IKE はありません。VPN 接続が IPsec なしの L2TP（または「暗号化はオプション」）に設定されています。`,
    checklist: [
      'VPN の種類を事前共有鍵（PSK）による L2TP/IPsec に設定し（Windows:「認証に事前共有キーを使う」、暗号化は必須）、設定を確認してください。',
      '事前共有鍵（PSK）として MX のクライアント VPN の [Shared secret] を入力してください。',
    ],
  },
  NOT_CLIENT_VPN: {
    title: 'Meraki クライアント VPN ではありません',
    explanation: (v) =>
      v.why === 'ikev2'
        ? 'レスポンダーは IKEv2 を続けています（IKE_SA_INIT の応答に SA、KE、Nonce があります）。このネゴシエーションは Meraki クライアント VPN（L2TP over IPsec、IKEv1）ではありません。クライアント VPN の確認事項は使わず、このネゴシエーション自身の証拠で診断しています。'
        : `レスポンダーの Vendor ID は別の製品（${v.product}）を示しています。このネゴシエーションは Meraki クライアント VPN ではありません。クライアント VPN の確認事項は使わず、このネゴシエーション自身の証拠で診断しています。`,
    checklist: [
      'このトンネルの両方のピアの設定（プロポーザル、事前共有鍵（PSK）または証明書、トラフィックセレクター）を確認してください。',
      'クライアント VPN の接続を調べる場合は、クライアントのパブリック IP でフィルターしてキャプチャを取り直してください。',
    ],
  },
  ...contractCodes(ANYCONNECT_CATALOG_JA),
};
