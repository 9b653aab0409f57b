// README's "Imperfect captures" table quotes docs/robustness/sweep.json (written by
// `npm run sweep`), and every run with another verdict that file lists is judged in
// docs/robustness/README.md: a figure changed in one place and not the other fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const sweep = JSON.parse(readFileSync(join(ROOT, 'docs/robustness/sweep.json'), 'utf8')) as {
  scenarios: number;
  counts: Record<
    string,
    { runs: number; sameVerdict: number; inconclusive: number; noIkeWithoutVpnFrames: number; other: number }
  >;
  other: Record<string, number[]>;
};
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const judged = readFileSync(join(ROOT, 'docs/robustness/README.md'), 'utf8');
const n = (x: number) => x.toLocaleString('en-US');

describe('the imperfect-capture sweep as README quotes it', () => {
  it('quotes every count of sweep.json', () => {
    expect(readme).toContain(`(${sweep.scenarios} of them)`);
    for (const [mode, c] of Object.entries(sweep.counts))
      expect(readme).toContain(
        `| ${mode} | ${n(c.runs)} | ${n(c.sameVerdict)} | ${n(c.inconclusive)} | ${n(c.noIkeWithoutVpnFrames)} | ${c.other} |`,
      );
    const other = Object.values(sweep.counts).reduce((s, c) => s + c.other, 0);
    expect(readme).toContain(`Each of the ${other} runs with another verdict`);
  });

  it('judges every capture and verdict the sweep lists as another verdict', () => {
    for (const key of Object.keys(sweep.other)) {
      const [, scenario, , , verdict] = key.split(' ');
      const row = judged.split('\n').find((l) => l.includes(scenario) && l.includes(`\`${verdict}\``));
      expect(row, key).toBeDefined();
    }
  });
});
