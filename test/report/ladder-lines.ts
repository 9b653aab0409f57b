// Test helper: the ladder (シーケンス図) lines of a terminal report — each session's column
// header and the arrow rows under it.

/** Header words of the ladder, per language (the frame and elapsed-time columns). */
const HEADER = [/^\s+frame\s+time\s{2}/, /^\s*フレーム\s+経過時間\s{2}/];
const ROW = /^\s{2}[\s\d]{6} [\s\d.]{8} {2}\S/;

/** Each session's ladder: its header line and the arrow rows that follow it. */
export function ladders(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (HEADER.some((h) => h.test(line))) {
      current = [line];
      out.push(current);
    } else if (current && ROW.test(line)) current.push(line);
    else current = undefined;
  }
  return out;
}
