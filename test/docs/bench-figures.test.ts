// README's speed figures are quotes of the bench's result files (docs/bench/*.json, written by
// `npm run bench`), never numbers typed by hand: each file's table must appear in README as is.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeTable, type BenchResult } from '../../scripts/bench/readme-table.js';

const DIR = new URL('../../docs/bench/', import.meta.url);
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('README quotes the bench results', () => {
  it('has the mixed, many-sessions and anyconnect-sessions results', () => {
    expect(files.sort()).toEqual(['anyconnect-sessions.json', 'many-sessions.json', 'mixed.json']);
  });

  it.each(files)('%s', (file) => {
    const result = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as BenchResult & {
      checks: { failures: string[] };
    };
    expect(result.checks.failures).toEqual([]);
    expect(README).toContain(readmeTable(result));
  });
});
