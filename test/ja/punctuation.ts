// Test utility: punctuation that shows a Japanese sentence was glued together from pieces —
// 「。、」 where a clause that had ended was continued, doubled marks, a space before a mark
// (an interpolated value that came out empty).

const BROKEN = /[。、][。、]|[ \t\u3000][。、]/g;

/** The broken punctuation in one text, each with a few characters of context. */
export function brokenPunctuation(text: string): string[] {
  return [...text.matchAll(BROKEN)].map((m) => text.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12));
}
