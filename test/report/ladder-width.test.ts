// The ladder keeps its columns in every terminal: every line of a session's ladder has the same
// display width when East Asian ambiguous characters (─ ▶ ◀ → ·) count one column and when
// they count two (Japanese terminal setups), and in the ASCII form — on every scenario capture,
// in both languages. The width rule follows Unicode's EastAsianWidth property.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codePointWidth, displayWidth, type AmbiguousWidth } from '#shared/report/display-width.js';
import { renderReport, type Lang } from '#shared/report/ladder-text.js';
import type { AnalysisReport } from '#shared/report/types.js';
import { analyzeFile } from '../diagnosis/analyze-file.js';
import { ladders } from './ladder-lines.js';

const SC = join(__dirname, '../fixtures/scenarios');
const CASES = readdirSync(SC).filter((d) => existsSync(join(SC, d, 'capture.pcap')));
const RULES: AmbiguousWidth[] = ['narrow', 'wide'];
const LANGS: Lang[] = ['en', 'ja'];

describe('display width', () => {
  it('counts East Asian ambiguous characters by the rule asked, wide and fullwidth as two, the rest as one', () => {
    for (const ch of '─▶◀→·…×•—') {
      expect(codePointWidth(ch.codePointAt(0)!, 'narrow'), ch).toBe(1);
      expect(codePointWidth(ch.codePointAt(0)!, 'wide'), ch).toBe(2);
    }
    // Neutral in EastAsianWidth.txt: one column under both rules.
    for (const ch of '↻⚠⇄aZ-|<>') for (const r of RULES) expect(codePointWidth(ch.codePointAt(0)!, r), ch).toBe(1);
    // Wide / fullwidth everywhere; halfwidth katakana stays one column.
    for (const r of RULES) {
      expect(displayWidth('経過時間', r)).toBe(8);
      expect(displayWidth('（Ａ）', r)).toBe(6);
      expect(displayWidth('😀', r)).toBe(2);
      expect(displayWidth('ｱｲ', r)).toBe(2);
    }
    expect(displayWidth('── MM1 SA 500→500 ─▶', 'narrow')).toBe(20);
    expect(displayWidth('── MM1 SA 500→500 ─▶', 'wide')).toBe(25);
  });
});

describe('ladder width on every scenario capture', () => {
  const reports = new Map<string, AnalysisReport>();
  async function report(c: string): Promise<AnalysisReport> {
    if (!reports.has(c)) reports.set(c, await analyzeFile(join(SC, c, 'capture.pcap')));
    return reports.get(c)!;
  }

  it.each(CASES)('%s: every ladder line has one display width, under both rules and in ASCII', async (c) => {
    const r = await report(c);
    // IKE and AnyConnect sessions alike are drawn as ladders.
    const rows = [...r.sessions, ...(r.anyconnect ?? [])].reduce((n, s) => n + s.timeline.length, 0);
    for (const lang of LANGS)
      for (const ambiguous of RULES)
        for (const ascii of [false, true]) {
          const what = `${c} ${lang} ${ambiguous}${ascii ? ' ascii' : ''}`;
          const drawn = ladders(renderReport(r, lang, { ambiguous, ascii }));
          expect(
            drawn.reduce((n, l) => n + l.length - 1, 0),
            `${what}: one row per timeline entry`,
          ).toBe(rows);
          for (const ladder of drawn) {
            const widths = new Set(ladder.map((l) => displayWidth(l, ambiguous)));
            expect([...widths], `${what}:\n${ladder.join('\n')}`).toHaveLength(1);
            if (ascii)
              for (const line of ladder)
                for (const ch of line)
                  expect(
                    ch.charCodeAt(0) < 0x80 || codePointWidth(ch.codePointAt(0)!, 'narrow') === 2,
                    `${what}: ${ch}`,
                  ).toBe(true);
          }
        }
  });

  it('draws two-column shafts for a Japanese terminal and a plain ASCII ladder on request', async () => {
    const r = await report('wrong-psk-nat');
    const narrow = ladders(renderReport(r, 'ja', { ambiguous: 'narrow' }))[0];
    const wide = ladders(renderReport(r, 'ja', { ambiguous: 'wide' }))[0];
    const ascii = ladders(renderReport(r, 'ja', { ascii: true }))[0];
    expect(narrow[0]).toMatch(/^\s*フレーム\s+経過時間\s+クライアント\s+MX$/);
    // Fewer shaft characters when each takes two columns; the same columns in the terminal.
    const shaft = (l: string) => [...l].filter((ch) => ch === '─').length;
    expect(shaft(wide[1])).toBeLessThan(shaft(narrow[1]));
    expect(displayWidth(wide[1], 'wide')).toBe(displayWidth(narrow[1], 'narrow'));
    expect(ascii[1]).toMatch(/^ +3 +0\.000 {2}-+ MM1 SA 500->500 -+->$/);
    expect(ascii[2]).toMatch(/^ +4 +0\.003 {2}<-+ MM2 SA 500->500 -+$/);
    expect(ascii.some((l) => / MM5 ID 4500->4500 再送 -+->$/.test(l))).toBe(true);
  });
});
