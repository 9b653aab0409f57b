// Issue 10.5: every evidence detail key of every real report has words in both languages (from
// the one table in lambdas/dashboard/labels.ts), and a key nobody listed is humanised, never raw.
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { detailLabel, detailValue, hasLabel, humanise, stepLabel } from '../../lambdas/dashboard/labels.js';
import { codeTitle } from '../../lambdas/dashboard/codes.js';
import { FINDING_CODES, VERDICT_CODES } from '#shared/report/types.js';
import { analyzeFile } from '../diagnosis/analyze-file.js';
import { repoPath } from './twin-harness.js';

describe('evidence detail labels', () => {
  it('labels every detail key of every scenario report in English and Japanese', async () => {
    const keys = new Map<string, unknown>();
    const whys = new Set<string>();
    for (const s of await readdir(repoPath('test/fixtures/scenarios'), { withFileTypes: true })) {
      if (!s.isDirectory()) continue;
      const r = await analyzeFile(repoPath('test/fixtures/scenarios', s.name, 'capture.pcap'));
      const findings = [...r.findings, ...r.auth, ...r.sessions.flatMap((x) => x.findings)];
      for (const f of findings) {
        for (const [k, v] of Object.entries(f.evidence.details ?? {})) keys.set(k, v);
        // Why a negotiation is not Client VPN is an enumeration: words, never the raw value.
        const why = f.code === 'NOT_CLIENT_VPN' ? f.evidence.details?.why : undefined;
        if (typeof why === 'string') whys.add(why);
      }
    }
    expect(keys.size).toBeGreaterThan(5);
    expect([...whys].sort()).toEqual(['gateway-initiated', 'ikev2']);
    for (const why of whys) for (const lang of ['en', 'ja'] as const) expect(detailValue(why, lang)).not.toBe(why);
    for (const [k, v] of keys) {
      const en = detailLabel(k, 'en');
      const ja = detailLabel(k, 'ja');
      expect(en, k).not.toBe(k);
      expect(hasLabel(k), `${k} has no words in the table`).toBe(true);
      expect(ja, k).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]|^[A-Z][A-Za-z -]+$/); // Japanese words, or a protocol name
      expect(detailValue(v, 'ja')).not.toMatch(/^(true|false)$/);
    }
  }, 60_000);

  it('humanises a key that is not in the table', () => {
    expect(humanise('mm5SentOn4500')).toBe('MM5 sent on 4500');
    expect(humanise('frame3OwnHashMatches')).toBe('Frame 3 own hash matches');
    expect(humanise('captureSide')).toBe('Capture side');
    expect(detailLabel('someNewKey', 'ja')).toBe('Some new key');
    expect(detailLabel('frame3OwnHashMatches', 'en')).toContain('Frame 3');
  });

  it('gives every code a title and every step a name in both languages', () => {
    for (const code of [...VERDICT_CODES, ...FINDING_CODES])
      for (const lang of ['en', 'ja'] as const) expect(codeTitle(code, lang), code).not.toMatch(/^[A-Z_]+$/);
    expect(codeTitle('L2TP_WITHOUT_IPSEC_NEW', 'en')).toBe('L2tp without ipsec new');
    for (const step of ['SA', 'KE', 'ID', 'HASH', 'AUTH']) expect(stepLabel(step, 'ja')).not.toContain(step);
  });
});
