// Test utility: English prose inside Japanese text. Japanese output may carry protocol names,
// codes, numbers, addresses and the glossary's English terms, but no English words of its own.
//
// The definition, applied to one text known to be Japanese output:
// 1. Spans taken out before looking: 「…」 and […] without Japanese in them (quoted UI labels:
//    「Yes」, [Shared secret]); （…） without Japanese whose every word is capitalised, a code or a
//    short function word (a Meraki article title: （Client VPN OS Configuration））.
// 2. The glossary's English terms and product names (ALLOWED_LATIN) are taken out.
// 3. What remains is cut into Latin tokens: runs of ASCII letters, digits and . _ : / @ ' + -
//    that start (after an optional dot: .pcap) and end with a letter or digit. A token is a code, and allowed, when it has a
//    digit or one of . _ : / @, has two capitals or more (ESP, NAT-T, IKEv1, macOS, AnyConnect),
//    or is a single letter (a unit: 15840 s). Any other token is an English word.
// 4. Tokens separated only by spaces and ASCII punctuation form a run; a run with an English
//    word in it is a finding, reported from its first English word to its last. A single
//    English word is a run: 「IKEv1 main」 and 「notify」 are English in a Japanese line as much
//    as a whole clause is.

/** English words kept in Japanese text: the glossary's terms, product and vendor names. */
export const ALLOWED_LATIN: readonly string[] = [
  // The guide's message names in running text (docs/GLOSSARY-JA.md).
  'Security Association',
  'Key Exchange',
  'Identification',
  'Informational',
  'Hash',
  'Vendor ID',
  'Active Directory',
  'Shared secret',
  // Products, vendors, operating systems, tools.
  'Meraki Dashboard',
  'Meraki',
  'Cisco',
  'Secure Client',
  'Microsoft',
  'Windows',
  'Android',
  'Apple',
  'Linux',
  'Wireshark',
  'tcpdump',
  'strongSwan',
  'Tera Term',
  'vpn-doctor',
  // Protocol names written in English in Meraki's Japanese documentation.
  'L2TP over IPsec',
  // Capture file formats, as the report names them.
  'pcapng',
  'pcap-nsec',
  'pcap',
];

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々]/u;
const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'for',
  'to',
  'in',
  'on',
  'with',
  'by',
  'via',
  'from',
  'at',
  'vs',
]);
const JOIN = /^[\s,;:!?"'()/-]*$/;
const TOKEN = /\.?[A-Za-z0-9](?:[A-Za-z0-9._:/@'+-]*[A-Za-z0-9])?/g;

export function hasJapanese(text: string): boolean {
  return JAPANESE.test(text);
}

function isCode(token: string): boolean {
  return /[0-9._:/@]/.test(token) || (token.match(/[A-Z]/g) ?? []).length >= 2 || token.length === 1;
}

function isTitle(inner: string): boolean {
  const tokens = inner.match(TOKEN) ?? [];
  return (
    tokens.length > 0 &&
    tokens.every((t) => isCode(t) || /^[A-Z]/.test(t) || FUNCTION_WORDS.has(t) || ALLOWED_LATIN.includes(t))
  );
}

/** The text with the excepted spans and terms blanked out (same length, so offsets hold). */
function blankExceptions(text: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  let out = text
    .replace(/「([^「」]*)」/g, (m, inner: string) => (hasJapanese(inner) ? m : blank(m)))
    .replace(/\[([^[\]]*)\]/g, (m, inner: string) => (hasJapanese(inner) ? m : blank(m)))
    .replace(/（([^（）]*)）/g, (m, inner: string) => (!hasJapanese(inner) && isTitle(inner) ? blank(m) : m));
  for (const term of ALLOWED_LATIN)
    out = out.replace(new RegExp(`(?<![\\w.:/@'+-])${term.replace(/ /g, '\\s+')}(?![\\w.:/@'+-]*\\w)`, 'g'), blank);
  return out;
}

/** The English runs in one piece of Japanese output, as they appear in it. */
export function englishRuns(text: string): string[] {
  const cleaned = blankExceptions(text);
  const runs: string[] = [];
  // The current run: from its first to its last English word; `last` is where its last token ends.
  let start = -1;
  let end = -1;
  let last = -1;
  const close = () => {
    if (start >= 0) runs.push(text.slice(start, end));
    start = -1;
    last = -1;
  };
  for (const m of cleaned.matchAll(TOKEN)) {
    const token = m[0];
    const at = m.index;
    // Tokens join across spaces and ASCII punctuation only; anything else (Japanese, a blanked
    // exception longer than spacing) ends the run.
    if (last >= 0 && !JOIN.test(cleaned.slice(last, at))) close();
    if (isCode(token)) {
      if (start >= 0) last = at + token.length;
      continue;
    }
    if (start < 0) start = at;
    end = last = at + token.length;
  }
  close();
  return runs;
}
