// Test utility: the glossary's style rules for catalog texts — です/ます throughout, and every
// checklist item an instruction ending 「〜してください。」 (never a bare noun or 「〜こと」).
import { sentences } from './glossary-avoid.js';

/** A sentence without its （…） asides, nested ones too: 「…確認してください（例: …）。」 ends 「…ください。」. */
function withoutAsides(sentence: string): string {
  let s = sentence;
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(/（[^（）]*）/g, '');
  }
  return s;
}

/** A checklist item that does not end as an instruction. */
export function checklistItemProblem(item: string): string | undefined {
  return /してください。$/.test(withoutAsides(item))
    ? undefined
    : `checklist item does not end 「〜してください。」: ${item}`;
}

/** Sentences of an explanation that are not in です/ます form. */
export function politeFormProblems(text: string): string[] {
  return sentences(text)
    .filter((s) => !/(?:ます|ません|です|でした|ました|ください)。$/.test(withoutAsides(s)))
    .map((s) => `not です/ます: ${s}`);
}
