// The Japanese-output checkers themselves, on examples that must and must not be caught: the
// real strings issue 14 found, and the forms the glossary allows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishRuns } from './english-runs.js';
import { AVOIDED_TERMS, avoidedTerms } from './glossary-avoid.js';
import { brokenPunctuation } from './punctuation.js';
import { checklistItemProblem, politeFormProblems } from './style.js';

describe('englishRuns', () => {
  it('finds English clauses and words inside Japanese text (the strings of issue 14)', () => {
    const caught: [string, string[]][] = [
      [
        'クライアントの Vendor ID から unidentified implementation; NAT-T (RFC 3947), DPD, IKE fragmentation, XAUTH と判断できます。',
        ['unidentified implementation; NAT-T (RFC 3947), DPD, IKE fragmentation'],
      ],
      [
        'The responder chose 3DES-CBC / SHA / MODP1024, which is not what Meraki Client VPN negotiates。',
        ['The responder chose 3DES-CBC / SHA / MODP1024, which is not what Meraki Client VPN negotiates'],
      ],
      ['MX は 3 回送信しましたが no answer でした。', ['no answer']],
      ['ISAKMP payload errors が 2 件あります。', ['payload errors']],
      ['セッション 1 · IKEv1 main · NAT: クライアント あり', ['main']],
      ['ESP only', ['only']],
      ['vpn-doctor · capture.pcap · pcapng · 16 frames', ['frames']],
      ['ファイル capture.vpn-doctor', []],
      ['ファイル doctor.pcap を開きます。', []],
      ['ファイル capture-pcap を開きます。', ['capture-pcap']],
      ['根拠: notify INVALID-PAYLOAD-TYPE (17) @4', ['notify']],
      ['   frame     time  クライアント', ['frame     time']],
      ['（the responder chose another proposal）', ['the responder chose another proposal']],
      ['「no」を選択してください。Yes and no', ['Yes and no']],
    ];
    for (const [text, runs] of caught) expect(englishRuns(text), text).toEqual(runs);
  });

  it('lets protocol names, codes, numbers, addresses, glossary terms and titles in （） through', () => {
    const clean = [
      'クライアントの Vendor ID から strongSwan、NAT-T（RFC 3947）、DPD、IKE フラグメンテーション、XAUTH に対応していると判断できます。',
      'MX が選択したプロポーザル（3DES-CBC / SHA / MODP1024 / PSK / 28800 s）は Meraki クライアント VPN が使用するものではありません。',
      'クライアントの VPN 設定を確認してください（Client VPN OS Configuration）。',
      'MM5（Identification）は MX に届きましたが、MX は MM6 を送信していません。',
      'AssumeUDPEncapsulationContextOnSendRule を 2 に設定してください（Windows、エラー 809）。',
      'セッション 1 · クライアント 198.51.100.2:500 ⇄ MX 198.51.100.1:500 · IKEv1 メインモード',
      'Active Directory サーバー（ドメインコントローラー）と MX（TLS クライアント）の間の TLS を確認してください。',
      'ダッシュボードの [Shared secret] と「認証に事前共有キーを使う」の値を確認してください。',
      'アカウントの「クライアントVPNの承認」項目が「Yes」になっていることを確認してください。',
      'RADIUS サーバーは Access-Request に Access-Reject で応答しました。',
      'AES-CBC-256 / SHA / MODP2048 / PSK / 15840 s',
      'AnyConnect（Cisco Secure Client）を使用してください。',
      '@ vpnuser@example.com meraki.com _ldap._tcp',
      'vpn-doctor · capture.pcap · pcapng · 16 フレーム',
      '.pcap / .pcapng ファイルをここにドロップしてください。',
      'Meraki クライアント VPN は L2TP over IPsec を使用します。',
    ];
    for (const text of clean) expect(englishRuns(text), text).toEqual([]);
  });

  it('counts a title only when every word of it is capitalised or a code, and only in full-width （）', () => {
    expect(englishRuns('設定を確認してください（Configuring Client VPN on the MX）。')).toEqual([]);
    expect(englishRuns('設定を確認してください（see the client settings）。')).toEqual(['see the client settings']);
    expect(englishRuns('設定を確認してください (Client VPN OS Configuration)。')).toEqual([
      'Client VPN OS Configuration',
    ]);
  });
});

describe('brokenPunctuation', () => {
  it('finds 。、 and its kin, and a space left before a mark', () => {
    expect(brokenPunctuation('双方向の ESP がまだありません。、トンネルは確立されています。')).toHaveLength(1);
    expect(brokenPunctuation('届きました。。')).toHaveLength(1);
    expect(brokenPunctuation('応答がありません 。')).toHaveLength(1);
    expect(
      brokenPunctuation('ESP が双方向に流れており、トンネルは確立されています。次に認証を確認してください。'),
    ).toEqual([]);
  });
});

describe('avoidedTerms', () => {
  it("finds each of the glossary's avoided terms in its own form", () => {
    const caught = [
      'ネゴシエーションはステップ ID で止まりました。',
      'HASH で止まり、再送はありません。',
      'クライアントはメインモード 1 を送信しました。',
      '鍵交換（Key Exchange）で止まっています。',
      'MX は情報交換で応答しました。',
      'クライアントの共有シークレットを確認してください。',
      'クライアントが NAT の内側にあります。',
      'NAT トラバーサルが必要です。',
      'クライアントの提案をすべて拒否しました。',
      'ベンダー ID から判断できます。',
      '確認すること:',
      'フィルター: frame.number in {7}',
      'OS: 判別不可',
      'ディレクトリへの TLS 失敗',
      '再送: MM1 ×4 (クライアント)',
      'ラダー図',
      'フレーム 時刻 クライアント',
      '7 フレーム数',
    ];
    for (const text of caught) expect(avoidedTerms(text), text).toHaveLength(1);
  });

  it('lets the glossary forms and its exceptions through', () => {
    const clean = [
      'MM5/MM6 Identification で止まっています。',
      '鍵交換の段階です。MM3/MM4 Key Exchange を確認してください。',
      'MX は Informational（INFO）で応答しました。',
      'RADIUS サーバーに MX が同じ共有シークレットで登録されていることを確認してください。',
      'Wireshark 表示フィルター: frame.number in {7}',
      'ESP がフィルタリングされていないことを確認してください。',
      '送信回数: MM1 4 回（再送 3 回）',
      'MM5 ID 4500→4500 ↻ 再送',
      'シーケンス図',
      'フレーム 経過時間',
      '7 フレーム',
      'Active Directory サーバー（ドメインコントローラー）',
    ];
    for (const text of clean) expect(avoidedTerms(text), text).toEqual([]);
  });

  it('holds every row of docs/GLOSSARY-JA.md, with its wording', () => {
    const glossary = readFileSync(join(import.meta.dirname, '../../docs/GLOSSARY-JA.md'), 'utf8');
    const rows = glossary
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| concept'))
      .map((l) => l.split('|').map((c) => c.trim()))
      .map(([, concept, , avoid]) => ({ concept, avoid }));
    expect(rows.length).toBeGreaterThan(10);
    const have = new Set(AVOIDED_TERMS.map((t) => `${t.concept}\t${t.avoid}`));
    for (const r of rows) expect(have.has(`${r.concept}\t${r.avoid}`), `${r.concept}: ${r.avoid}`).toBe(true);
  });
});

describe('style', () => {
  it('wants checklist items that end 「〜してください。」 and explanations in です/ます', () => {
    expect(checklistItemProblem('RADIUS サーバーのイベントログを確認してください。')).toBeUndefined();
    expect(checklistItemProblem('MX でポート 500 に対してポートフォワーディングが設定されていないこと')).toBeDefined();
    expect(checklistItemProblem('RADIUS サーバーのイベントログ')).toBeDefined();
    expect(politeFormProblems('MX は応答しませんでした。再送はありません。')).toEqual([]);
    expect(politeFormProblems('MX は応答しない。')).toHaveLength(1);
    expect(politeFormProblems('NAT 配下にあることがわかります（キャプチャは MX 側で取得）。')).toEqual([]);
    expect(politeFormProblems('完了していません（MX（TLS クライアント）がアラートを送信: フレーム 10）。')).toEqual([]);
    expect(checklistItemProblem('設定を確認してください（Client VPN OS Configuration）。')).toBeUndefined();
  });
});
