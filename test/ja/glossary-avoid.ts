// Test data: the "avoid" column of docs/GLOSSARY-JA.md, one entry per row, as patterns to look
// for in Japanese output. SOURCES: docs/GLOSSARY-JA.md (the project's copy of the shared
// glossary); glossary.test.ts checks every row is here with the same wording.

export interface AvoidedTerm {
  /** The glossary row's concept column, verbatim. */
  concept: string;
  /** The glossary row's avoid column, verbatim. */
  avoid: string;
  /** What is avoided, as it can appear in output. */
  patterns: RegExp[];
  /** A sentence matching this may use the term (the glossary's own exception). */
  unless?: RegExp;
  /** Both patterns in one sentence (the glossary avoids their pairing, not each alone). */
  together?: boolean;
}

export const AVOIDED_TERMS: readonly AvoidedTerm[] = [
  {
    concept: "the guide's steps",
    avoid: '「ステップ ID」「HASH で止まり」',
    patterns: [/ステップ\s*(?:SA|KE|ID|HASH)(?![A-Za-z])/, /(?<![A-Za-z])(?:SA|KE|ID|HASH)\s*で止ま/],
  },
  {
    concept: 'main mode messages in running text',
    avoid: '「メインモード 5」, 鍵交換 beside Key Exchange in one sentence',
    patterns: [/メインモード\s*\d/],
  },
  {
    concept: 'main mode messages in running text',
    avoid: '「メインモード 5」, 鍵交換 beside Key Exchange in one sentence',
    patterns: [/鍵交換/, /Key Exchange/],
    together: true,
  },
  { concept: 'informational exchange', avoid: '情報交換', patterns: [/情報交換/] },
  {
    concept: 'pre-shared key',
    avoid: '共有シークレット (keep for RADIUS)',
    patterns: [/共有シークレット/],
    unless: /RADIUS/,
  },
  { concept: 'behind NAT', avoid: 'NAT の内側', patterns: [/NAT\s*の内側/] },
  { concept: 'NAT traversal', avoid: 'NAT トラバーサル', patterns: [/NAT\s*トラバーサル/] },
  { concept: 'proposals', avoid: '提案', patterns: [/提案/] },
  { concept: 'vendor ID', avoid: 'ベンダー ID', patterns: [/ベンダー\s*ID/] },
  { concept: 'checklist heading', avoid: '確認すること', patterns: [/確認すること/] },
  { concept: 'display filter', avoid: 'フィルター alone', patterns: [/(?<!表示)フィルタ(?!リング)/] },
  { concept: 'unknown', avoid: '判別不可', patterns: [/判別不可/] },
  { concept: 'Active Directory', avoid: 'ディレクトリ alone', patterns: [/ディレクトリ/] },
  {
    concept: 'counts',
    avoid: '再送 ×4 for four sends',
    // A count after 再送 is how the old report counted sends; totals are 送信回数.
    patterns: [/再送[:：]?\s*(?:\S+\s+)?[×x]\s*\d/],
  },
  { concept: 'ladder diagram', avoid: 'ラダー図 (reads as PLC ladder logic)', patterns: [/ラダー図/] },
  { concept: 'elapsed time column', avoid: '時刻 for offsets', patterns: [/時刻/] },
  { concept: 'frames', avoid: '7 フレーム数', patterns: [/\d\s*フレーム数/] },
];

/** Japanese sentences: split after 。！？ and at line ends. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Avoided terms in one text: "concept: what was found" for each. */
export function avoidedTerms(text: string): string[] {
  const out: string[] = [];
  for (const sentence of sentences(text))
    for (const t of AVOIDED_TERMS) {
      if (t.unless?.test(sentence)) continue;
      const hits = t.patterns.map((p) => sentence.match(p)?.[0]);
      const found = t.together ? (hits.every(Boolean) ? hits.join(' + ') : undefined) : hits.find(Boolean);
      if (found) out.push(`${t.concept}: ${found} in 「${sentence}」`);
    }
  return out;
}
