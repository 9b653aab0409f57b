// Issue 8's wording contract on every scenario capture: English counts are worded from the
// numbers ("once", "2 times", "1 certificate"), never "time(s)", "SYN(s)" or "1 times".
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { analyzeFile } from './analyze-file.js';

const SC = join(import.meta.dirname, '../fixtures/scenarios');
const CASES = readdirSync(SC).filter((d) => existsSync(join(SC, d, 'capture.pcap')));

/** Every English sentence the report carries (findings of IKE and AnyConnect sessions, auth, capture). */
function englishTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) englishTexts(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'en' && typeof v === 'string') out.push(v);
      else if (k === 'en' && Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string'));
      else englishTexts(v, out);
    }
  }
  return out;
}

it.each(CASES)('%s: no "(s)" plurals and no "1 times"', async (c) => {
  const texts = englishTexts(await analyzeFile(join(SC, c, 'capture.pcap')));
  for (const t of texts) {
    expect(t, t).not.toMatch(/\w\(s\)/);
    expect(t, t).not.toMatch(/\b1 (times|SYNs|certificates|exchanges)\b/);
  }
});
