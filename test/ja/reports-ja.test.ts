// Every Japanese report of every scenario capture reads as Japanese an MSP engineer would send
// to a customer: no English sentence inside it, no 「。、」, none of the glossary's avoided terms,
// checklist items that end 「〜してください。」 and explanations in です/ます — in the JSON's ja
// texts and in `analyze --lang ja`.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisReport, Finding } from '#shared/report/types.js';
import { runCli } from '../cli/run-cli.js';
import { ladders } from '../report/ladder-lines.js';
import { englishRuns } from './english-runs.js';
import { avoidedTerms } from './glossary-avoid.js';
import { brokenPunctuation } from './punctuation.js';
import { checklistItemProblem, politeFormProblems } from './style.js';

const SC = join(import.meta.dirname, '../fixtures/scenarios');
const CASES = readdirSync(SC).filter((d) => existsSync(join(SC, d, 'capture.pcap')));

function textProblems(where: string, text: string): string[] {
  return [
    ...englishRuns(text).map((r) => `${where}: English 「${r}」 in: ${text}`),
    ...brokenPunctuation(text).map((p) => `${where}: broken punctuation 「${p}」`),
    ...avoidedTerms(text).map((t) => `${where}: avoided term ${t}`),
  ];
}

/** The localized texts of a finding: an IKE/auth finding or an AnyConnect one. */
type JaTexts = Pick<Finding, 'title' | 'explanation' | 'checklist'> & { code: string };

function findingProblems(f: JaTexts, where: string): string[] {
  const at = `${where} ${f.code}`;
  return [
    ...textProblems(`${at} title`, f.title.ja),
    ...textProblems(`${at} explanation`, f.explanation.ja),
    ...politeFormProblems(f.explanation.ja).map((p) => `${at} explanation: ${p}`),
    ...f.checklist.ja.flatMap((c, i) => [
      ...textProblems(`${at} checklist ${i + 1}`, c),
      ...[checklistItemProblem(c)].filter((p) => p !== undefined).map((p) => `${at}: ${p}`),
    ]),
  ];
}

/** The human output's lines, less what is code by construction: ladder rows and filter expressions. */
function proseLines(text: string): string[] {
  const rows = new Set(ladders(text).flatMap((l) => l.slice(1)));
  return text
    .split('\n')
    .filter((l) => !rows.has(l))
    .map((l) => l.replace(/(Wireshark 表示フィルター|Wireshark フィルター): .*/, '$1'));
}

describe('Japanese reports of every scenario', () => {
  it.each(CASES)(`%s: the JSON's ja texts`, async (c) => {
    const r = await runCli(['analyze', '--json', join(SC, c, 'capture.pcap')]);
    const report = JSON.parse(r.stdout) as AnalysisReport;
    const problems = [
      ...report.sessions.flatMap((s, i) => s.findings.flatMap((f) => findingProblems(f, `session ${i + 1}`))),
      ...report.auth.flatMap((f) => findingProblems(f, 'auth')),
      ...report.findings.flatMap((f) => findingProblems(f, 'capture')),
      ...(report.anyconnect ?? []).flatMap((s, i) =>
        s.findings.flatMap((f) => findingProblems(f, `anyconnect ${i + 1}`)),
      ),
    ];
    expect(problems).toEqual([]);
  });

  it.each(CASES)('%s: analyze --lang ja', async (c) => {
    const r = await runCli(['analyze', '--lang', 'ja', join(SC, c, 'capture.pcap')]);
    // 3: a damaged or empty capture, whose report is printed all the same.
    expect([0, 3]).toContain(r.code);
    const problems = proseLines(r.stdout).flatMap((line, i) => textProblems(`line ${i + 1}`, line));
    expect(problems).toEqual([]);
  });
});
