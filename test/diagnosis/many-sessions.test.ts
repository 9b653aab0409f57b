// A capture with many IKE sessions (the bench's generator, small): one real wrong-PSK
// negotiation repeated from a new client address every 2.3 s for about 45 minutes, with four
// real scenario clients among them. The report keeps the real clients and one scanner try in
// full, counts the other tries as one summary line, and still gives every real client the
// verdict its own capture gives it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLIENTS_IN_FULL, MAX_SESSIONS_IN_FULL } from '#shared/report/limits.js';
import { REPORT_SCHEMA } from '#shared/report/schema.js';
import type { AnalysisReport } from '#shared/report/types.js';
import type { CaptureMeta } from '../../scripts/bench/capture-meta.js';
import { generateManySessions } from '../../scripts/bench/many-sessions.js';
import { renderReport } from '#shared/report/ladder-text.js';
import { analyzeFile } from './analyze-file.js';

const SCENARIOS = join(__dirname, '../fixtures/scenarios');
const dir = mkdtempSync(join(tmpdir(), 'vpn-doctor-many-'));
const file = join(dir, 'many.pcap');
let meta: CaptureMeta;
const scanners = () => meta.details?.scannerSessions as number;
let report: AnalysisReport;

beforeAll(async () => {
  meta = await generateManySessions(file, 3, SCENARIOS);
  report = await analyzeFile(file);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a capture with many sessions', () => {
  it('holds more sessions and clients than the report keeps in full', () => {
    expect(scanners()).toBeGreaterThan(MAX_CLIENTS_IN_FULL);
  });

  it('keeps at most the stated number of sessions and clients in full, and validates', () => {
    expect(report.sessions.length).toBeLessThanOrEqual(MAX_SESSIONS_IN_FULL);
    expect(report.clients.length).toBeLessThanOrEqual(MAX_CLIENTS_IN_FULL);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(REPORT_SCHEMA);
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('counts every session once: in full or in a summary, none dropped', () => {
    const summarised = (report.sessionSummaries ?? []).reduce((n, g) => n + g.sessions, 0);
    expect(report.sessions.length + summarised).toBe(scanners() + 4);
    const clients = (report.clientSummaries ?? []).reduce((n, g) => n + g.clients, 0);
    expect(report.clients.length + clients).toBe(scanners() + 4);
    expect(report.capture.anomalies.map((a) => a.code)).not.toContain('too-many-sessions');
  });

  it('summarises the identical tries as one line per verdict and responder', () => {
    expect(report.sessionSummaries).toHaveLength(1);
    const [g] = report.sessionSummaries!;
    expect(g.verdict).toBe('PSK_MISMATCH');
    expect(g.clientAddresses).toBe(g.sessions);
    expect(g.clientSample.every((ip) => ip.startsWith('198.18.'))).toBe(true);
    expect(report.clientSummaries?.map((c) => c.verdict)).toEqual(['PSK_MISMATCH']);
  });

  it('keeps the real clients in full, with the verdicts their own captures give', async () => {
    const real = JSON.parse(readFileSync(`${file}.real.json`, 'utf8')) as { case: string; clientIp: string }[];
    for (const c of real) {
      const alone = await analyzeFile(join(SCENARIOS, c.case, 'capture.pcap'));
      expect(report.sessions.find((s) => s.clientIp === c.clientIp)?.verdict, c.case).toBe(alone.verdict);
      expect(report.clients.find((x) => x.ip === c.clientIp)?.verdict, c.case).toBe(alone.verdict);
    }
  });

  it('says where the summarised tries are: first and last frame and time', () => {
    const [g] = report.sessionSummaries!;
    expect(g.firstFrame).toBeGreaterThan(0);
    expect(g.lastFrame).toBeLessThanOrEqual(report.capture.frames);
    expect(g.firstFrame).toBeLessThan(g.lastFrame);
    expect(g.start < g.end).toBe(true);
    expect(g.title.en.length).toBeGreaterThan(0);
  });

  it('lists clients of one verdict in numeric address order, as Wireshark sorts endpoints', () => {
    const value = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
    const scanners = report.clients.filter((c) => c.verdict === 'PSK_MISMATCH').map((c) => value(c.ip));
    expect(scanners.length).toBeGreaterThan(10);
    for (let i = 1; i < scanners.length; i++) expect(scanners[i]).toBeGreaterThan(scanners[i - 1]);
  });

  it('tells the terminal reader what it counted and did not list, in both languages', () => {
    const [g] = report.sessionSummaries!;
    const clients = (report.clientSummaries ?? []).reduce((n, c) => n + c.clients, 0);
    const en = renderReport(report, 'en');
    expect(en).toContain(`… and ${clients} more clients, counted per verdict: PSK_MISMATCH ${clients} (e.g. `);
    expect(en).toContain(`the ${report.sessions.length} that say most are shown below`);
    const line = en.split('\n').find((l) => l.startsWith('  PSK_MISMATCH — '))!;
    expect(line).toContain(`${g.sessions} sessions from ${g.clientAddresses} client addresses`);
    expect(line).toContain(`frames ${g.firstFrame}–${g.lastFrame}`);
    expect(line).toContain(g.clientSample[0]);
    // Before the sessions in full: a reader sees the count on the first screen.
    expect(en.indexOf(line)).toBeLessThan(en.indexOf('Session 1 '));
    const ja = renderReport(report, 'ja');
    expect(ja).toContain(`…ほかに ${clients} クライアント（判定ごとの件数）`);
    expect(ja).toContain(`${g.sessions} セッション、クライアントアドレス ${g.clientAddresses} 件`);
  });
});
