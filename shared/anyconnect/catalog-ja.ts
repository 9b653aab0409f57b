// 日本語のテキスト（AnyConnect のコードごと）。用語は docs/GLOSSARY-JA.md に従う。確認事項は Meraki の
// AnyConnect ドキュメント（AnyConnect on the MX Appliance、Managing and Troubleshooting AnyConnect
// Certificates、AnyConnect Authentication Methods）に基づく。
import type { AnyConnectText } from './catalog-en.js';
import type { AnyConnectCode } from './types.js';

const CERT_COMMON = [
  '自動登録（既定）の証明書を使う場合、クライアントが MX の DDNS ホスト名（…dynamic-m.com）または AnyConnect プロファイルのエイリアスで接続しており、その名前が証明書に含まれていることを確認してください。',
  'カスタム証明書を使う場合、サーバー証明書と中間証明書をまとめて（チェーン全体を）アップロードし、クライアントがそのルート証明書を信頼していることを確認してください。',
  '証明書が現在有効であること（クライアントの日時設定も含めて）を確認してください。',
];

export const ANYCONNECT_CATALOG_JA: Record<AnyConnectCode, AnyConnectText> = {
  ANYCONNECT_ESTABLISHED: {
    title: 'AnyConnect トンネル確立',
    explanation:
      'TCP {port} の TLS ハンドシェイクが完了し、UDP {port} の DTLS ハンドシェイクに MX が応答し、DTLS でトンネルのデータが双方向に流れています。{otherLoginsNote}',
    checklist: [
      'それでもリソースに到達できない場合は、AnyConnect のクライアントアドレスプール、クライアントに配布するルート（スプリットトンネル／フルトンネル）、MX のグループポリシーとファイアウォールルールを確認してください。',
    ],
  },
  ANYCONNECT_DTLS_BLOCKED: {
    title: 'DTLS に応答がなく、トンネルは TLS のみで動作',
    explanation: '{dtlsAttempt}。{dtlsFallback}{otherLoginsNote}',
    checklist: [
      '{natUdpTimeout}',
      'MX の上流にあるすべてのファイアウォールで、MX 宛ての UDP {port} のインバウンドが許可されていることを確認してください（クライアント側では UDP {port} のアウトバウンドとその応答）。',
      'MX が NAT 配下にある場合、TCP {port} に加えて UDP {port} も MX へポートフォワーディングされていることを確認してください。',
      '経路上の他の機器やサービスが UDP {port} を使っていないことを確認してください（AnyConnect のポート設定は TCP と UDP の両方に適用されます）。',
    ],
  },
  ANYCONNECT_CERT_REJECTED: {
    title: 'クライアントが MX の証明書を拒否',
    explanation: '{afterCertificate}、{closedBy}しました。クライアントは証明書またはその名前を信頼していません。',
    checklist: CERT_COMMON,
  },
  ANYCONNECT_AUTH_FAILED: {
    title: 'ログインの拒否または中断（推定）',
    explanation:
      'TLS は完了し、短い暗号化されたやり取りが {exchanges} 回（ログインフォームとその応答）続いた後、DTLS もトンネルもないまま{closedBy}しました。{authReason}',
    checklist: [
      'ユーザー名とパスワード、およびユーザーが MX で AnyConnect の利用を許可されていること（Meraki クラウド認証の場合はクライアント VPN ページのユーザー一覧）を確認してください。',
      'RADIUS の場合、MX が正しい共有シークレットで RADIUS サーバーのクライアントとして登録され、サーバーのログにこのユーザーの Access-Accept があることを確認してください。',
      'Active Directory の場合、MX が Active Directory サーバー（ドメインコントローラー）に TCP 3268（TLS）で到達でき、ユーザーのグループが許可されていることを確認してください。',
      'SAML の場合、IdP が応答し、AnyConnect の URL（443 以外のときは :ポート 付き）が IdP の設定と一致していることを確認してください。',
      '証明書認証の場合、クライアントが MX の信頼する証明書を提示していることを確認してください。',
    ],
  },
  ANYCONNECT_TCP_UNREACHABLE: {
    title: 'AnyConnect の TCP ポートに応答がない',
    explanation: 'クライアントはポート {port} に SYN を {syns} 回送信しましたが、{answer}。TLS を開始できていません。',
    checklist: [
      'MX で AnyConnect が有効になっており（クライアント VPN > AnyConnect 設定）、クライアントが設定された AnyConnect のポートに接続していることを確認してください。',
      'MX の上流のすべての機器で TCP {port} のインバウンドが許可されている（MX が NAT 配下の場合はポートフォワーディングされている）ことを確認してください。',
      'クライアントが MX のパブリック IP アドレスまたは DDNS ホスト名に接続していることを確認してください。',
      'TCP {port} からの戻りのトラフィックがクライアントに届くこと（クライアント側のファイアウォールや非対称ルーティングが MX の応答を破棄していないこと）を確認してください。',
    ],
  },
  ANYCONNECT_TLS_FAILED: {
    title: 'TLS ハンドシェイクの失敗',
    explanation:
      'ハンドシェイクは完了前に終了しました（{ending}）。クライアントはバージョン {versionsOffered} と {suitesOffered} 個の暗号スイートを提示しました。{clientCertRefused}',
    checklist: [
      'クライアントが Cisco Secure Client／AnyConnect 4.8 以降で、TLS 1.2 を使用できることを確認してください。',
      '経路上のプロキシや TLS インスペクション機器が MX への接続に介入していないことを確認してください。',
    ],
  },
  INCONCLUSIVE: {
    title: 'キャプチャだけでは判定できません',
    explanation: '{notInCapture}（{reason}）。{leaning}。',
    checklist: [
      '{wholePackets}',
      'クライアントが接続を開始してから少なくとも 30 秒間、MX の WAN（インターネット）インターフェースで、クライアントのアドレスとポート {port}（TCP と UDP）に絞ってもう一度キャプチャしてください。',
    ],
  },
  ANYCONNECT_CERT_EXPIRED: {
    title: 'MX の証明書の有効期限切れ',
    explanation: '証明書「{subject}」の有効期限は {notAfter} で、キャプチャは {captureTime} に取得されています。',
    checklist: ['サーバー証明書を更新または再アップロードしてください（自動登録の証明書は自動更新されます）。'],
  },
  ANYCONNECT_CERT_NOT_YET_VALID: {
    title: 'MX の証明書がまだ有効になっていない',
    explanation:
      '証明書「{subject}」の有効期間の開始は {notBefore} で、キャプチャは {captureTime} に取得されています。',
    checklist: ['クライアントと MX の日時設定、または証明書の日付を確認してください。'],
  },
  ANYCONNECT_CERT_NAME_MISMATCH: {
    title: 'クライアントが指定した名前が証明書にない',
    explanation: 'クライアントは {sni}（SNI）を指定しましたが、証明書の名前は {names} です。',
    checklist: [
      '証明書にある名前（MX の DDNS ホスト名またはカスタム証明書の名前）で接続するか、ユーザーが入力する名前の証明書を取得してください。',
    ],
  },
  ANYCONNECT_CERT_SELF_SIGNED: {
    title: 'MX の証明書が自己署名',
    explanation:
      '証明書「{subject}」は自身で署名されています。各クライアントに信頼済みとしてインストールしない限り拒否されます。',
    checklist: [
      '自動登録の（公的に信頼された）証明書か、クライアントが信頼する CA のカスタム証明書を使用してください。',
    ],
  },
  ANYCONNECT_CERT_CHAIN_INCOMPLETE: {
    title: '証明書チェーンが不完全',
    explanation:
      'MX は発行者「{missingIssuer}」を含まない {chainLength} 枚の証明書を送信しました。その中間証明書を持たないクライアントはチェーンを構築できません。',
    checklist: [
      'カスタム証明書は中間証明書と一緒に（サーバー証明書を先頭にしたチェーン全体で）アップロードしてください。',
    ],
  },
};
