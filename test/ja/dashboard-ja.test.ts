// The dashboard's own Japanese (lambdas/dashboard/i18n.ts and labels.ts): no English inside it,
// no 「。、」, none of the glossary's avoided terms — each string with its {placeholders} filled
// with values of the kinds the pages put there (names, codes, numbers, addresses).
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../lambdas/dashboard/i18n.js';
import { DETAIL_LABELS, MODE_LABELS, STEP_LABELS, fingerprintText } from '../../lambdas/dashboard/labels.js';
import { englishRuns } from './english-runs.js';
import { avoidedTerms } from './glossary-avoid.js';
import { brokenPunctuation } from './punctuation.js';

const SAMPLE: Record<string, string> = {
  name: 'mx-wan-wrong-psk-nat.pcap',
  pct: '42',
  verdict: 'PSK_MISMATCH',
  reason: 'HTTP 500',
  ip: '198.51.100.2',
  n: '7',
  dir: 'クライアント → MX',
  packets: '12',
  bytes: '1.2 KB',
  spi: '0xc1a2b3d4',
  encap: ' · UDP 4500 でカプセル化',
  message: 'MM5',
  from: 'クライアント',
  count: '4',
  frames: '7, 9, 11, 15',
};

function problems(where: string, text: string): string[] {
  const filled = text.replace(/\{(\w+)\}/g, (_m, k: string) => SAMPLE[k] ?? '42');
  return [
    ...englishRuns(filled).map((r) => `${where}: English 「${r}」 in ${filled}`),
    ...brokenPunctuation(filled).map((p) => `${where}: broken punctuation 「${p}」`),
    ...avoidedTerms(filled).map((t) => `${where}: avoided term ${t}`),
  ];
}

describe("the dashboard's Japanese", () => {
  it('has no English, no 「。、」 and no avoided term in the UI table', () => {
    expect(Object.entries(TABLES.ja).flatMap(([k, v]) => problems(`i18n ${k}`, v))).toEqual([]);
  });

  it('has none in the evidence, step and mode labels, nor in the fingerprint words', () => {
    const labels = [
      ...Object.entries(DETAIL_LABELS).map(([k, v]) => [`detail ${k}`, v.ja] as const),
      ...Object.entries(STEP_LABELS).map(([k, v]) => [`step ${k}`, v.ja] as const),
      ...Object.entries(MODE_LABELS).map(([k, v]) => [`mode ${k}`, v.ja] as const),
      ['fingerprint', fingerprintText('strongSwan; NAT-T (RFC 3947), DPD, IKE fragmentation, XAUTH', 'ja')] as const,
      ['fingerprint unknown', fingerprintText('unidentified implementation; NAT-T (draft)', 'ja')] as const,
    ];
    expect(labels.flatMap(([k, v]) => problems(k, v))).toEqual([]);
  });
});
