// The pieces of the terminal report shared by the IKE and AnyConnect blocks: control characters
// made harmless, the verdict line, a finding's lines. Pure text functions.
import type { LadderStyle } from './ladder-rows.js';
import type { Lang, Words } from './ladder-words.js';
import type { Glyphs } from './terminal-glyphs.js';
import type { Finding, InconclusiveReason } from './types.js';

/** What every block of the report is drawn with. */
export interface TextContext {
  lang: Lang;
  w: Words;
  g: Glyphs;
  style: LadderStyle;
}

/** What a finding's lines need: an IKE or authentication finding, or an AnyConnect one. */
export type FindingText = Pick<Finding, 'title' | 'explanation' | 'checklist' | 'filter'> & {
  code: string;
  evidence: Pick<Finding['evidence'], 'frames' | 'repeated' | 'notifies'>;
};

/** Control characters would let a capture drive the terminal: show them as \xNN. */
export function safe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The verdict, with INCONCLUSIVE's reason and likely verdict when it has them. */
export function verdictText(
  r: { verdict: string; reason?: InconclusiveReason; likelyVerdict?: string | null },
  w: Words,
): string {
  return r.verdict === 'INCONCLUSIVE' && r.reason
    ? w.inconclusive(r.verdict, r.reason, r.likelyVerdict ?? null)
    : r.verdict;
}

export function findingBlock(f: FindingText, ctx: TextContext, indent: string, full: boolean): string[] {
  const { lang, w, g } = ctx;
  const lines = [`${indent}${f.code} ${g.dash} ${safe(f.title[lang])}`, `${indent}  ${safe(f.explanation[lang])}`];
  if (!full) return lines;
  const ev = f.evidence;
  const parts: string[] = [];
  if (ev.frames.length)
    parts.push(
      `${w.frames(ev.frames.length)} ${ev.frames.slice(0, 24).join(', ')}${ev.frames.length > 24 ? ` ${g.more}` : ''}`,
    );
  for (const r of ev.repeated ?? []) parts.push(w.sent(r.message, r.from, r.count, g));
  for (const n of ev.notifies ?? []) parts.push(w.notify(safe(n.name), n.type, n.frame));
  if (parts.length) lines.push(`${indent}  ${w.evidence}: ${parts.join(w.partSeparator)}`);
  lines.push(`${indent}  ${w.filter}: ${safe(f.filter)}`);
  if (f.checklist[lang].length) {
    lines.push(`${indent}  ${w.check}:`);
    for (const c of f.checklist[lang]) lines.push(`${indent}    ${g.bullet} ${safe(c)}`);
  }
  return lines;
}
