// A capture with many AnyConnect sessions (scripts/bench/anyconnect-sessions.ts): one real refused
// login repeated from hundreds of client addresses, two real clients among them. The report lists
// at most MAX_ANYCONNECT_IN_FULL sessions in full (the real clients among them, with the verdicts
// their own captures give) and counts the others in one summary line. Sessions idle for a minute
// are decided on the spot and forgotten, so the MX named (--mx) there is no limit to them; taken
// for AnyConnect only as the port's sole server, they wait for the capture's end, and past the
// tracker's limit the capture's anomalies say that clients were left out, never silently.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACKER_LIMITS } from '#shared/anyconnect/tracker-limits.js';
import { MAX_ANYCONNECT_IN_FULL } from '#shared/report/limits.js';
import { REPORT_SCHEMA } from '#shared/report/schema.js';
import type { AnalysisReport } from '#shared/report/types.js';
import { ANYCONNECT_REAL_CLIENTS, generateAnyConnectSessions } from '../../scripts/bench/anyconnect-sessions.js';
import { analyzeFile } from '../diagnosis/analyze-file.js';

const SCENARIOS = join(__dirname, '../fixtures/scenarios');
const dir = mkdtempSync(join(tmpdir(), 'vpn-doctor-ac-many-'));
/** Refused logins: more than the report lists in full, fewer than the tracker follows. */
const REFUSED = 450;
/** Past the tracker's limit. */
const TOO_MANY = TRACKER_LIMITS.sessions + 50;
let report: AnalysisReport;
let reportText: string;
let tooMany: AnalysisReport;
let tooManyWithMx: AnalysisReport;
let crowd: AnalysisReport;
let returning: AnalysisReport;
/** One client twice: refused, then back five minutes later, its first session long retired. */
const RETURNING = [
  { case: 'anyconnect-wrong-password', clientIp: '203.0.113.50' },
  { case: 'anyconnect-success', clientIp: '203.0.113.50', at: 300 },
];

/**
 * Every AnyConnect scenario with one client and the lab's MX on 443 whose capture can run on into
 * a crowd: not those cut short or damaged on purpose (a longer capture is another capture).
 */
const EMBEDDABLE = readdirSync(SCENARIOS)
  .filter((c) => c.startsWith('anyconnect-') && !/^anyconnect-(cut|damaged)-/.test(c))
  .flatMap((c) => {
    const e = JSON.parse(readFileSync(join(SCENARIOS, c, 'expected.json'), 'utf8')) as {
      sessions: { clientIp: string; mxIp: string; mxPort: number; verdict: string }[];
    };
    const classicPcap = [0xa1b2c3d4, 0xa1b23c4d].includes(
      readFileSync(join(SCENARIOS, c, 'capture.pcap')).readUInt32LE(0),
    );
    const [s] = e.sessions;
    return e.sessions.length === 1 && s.mxIp === '198.51.100.10' && s.mxPort === 443 && classicPcap
      ? [{ case: c, from: s.clientIp, verdict: s.verdict }]
      : [];
  })
  .map((c, i) => ({ ...c, clientIp: `203.0.113.${100 + i}` }));

const summarised = (r: AnalysisReport) => (r.sessionSummaries ?? []).reduce((n, g) => n + g.sessions, 0);
const clientsCounted = (r: AnalysisReport) =>
  r.clients.length + (r.clientSummaries ?? []).reduce((n, g) => n + g.clients, 0);
const verdictAlone = (c: string) =>
  (JSON.parse(readFileSync(join(SCENARIOS, c, 'expected.json'), 'utf8')) as { verdict: string }).verdict;

beforeAll(async () => {
  await generateAnyConnectSessions(join(dir, 'many.pcap'), REFUSED, SCENARIOS);
  report = await analyzeFile(join(dir, 'many.pcap'));
  reportText = JSON.stringify(report);
  await generateAnyConnectSessions(join(dir, 'too-many.pcap'), TOO_MANY, SCENARIOS);
  tooMany = await analyzeFile(join(dir, 'too-many.pcap'));
  tooManyWithMx = await analyzeFile(join(dir, 'too-many.pcap'), undefined, { mxIp: '198.51.100.10' });
  await generateAnyConnectSessions(join(dir, 'crowd.pcap'), REFUSED, SCENARIOS, 1, EMBEDDABLE);
  crowd = await analyzeFile(join(dir, 'crowd.pcap'), undefined, { mxIp: '198.51.100.10' });
  await generateAnyConnectSessions(join(dir, 'returning.pcap'), REFUSED, SCENARIOS, 1, RETURNING);
  returning = await analyzeFile(join(dir, 'returning.pcap'), undefined, { mxIp: '198.51.100.10' });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a capture with many AnyConnect sessions', () => {
  it('lists at most the stated number in full, and validates', () => {
    expect(report.anyconnect?.length).toBe(MAX_ANYCONNECT_IN_FULL);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(REPORT_SCHEMA);
    expect(validate(JSON.parse(reportText)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('counts every session once, in full or in a summary line per verdict and MX', () => {
    expect(report.anyconnect!.length + summarised(report)).toBe(REFUSED + ANYCONNECT_REAL_CLIENTS.length);
    expect(report.sessionSummaries?.map((g) => [g.verdict, g.responderIp])).toEqual([
      ['ANYCONNECT_AUTH_FAILED', '198.51.100.10'],
    ]);
    const [g] = report.sessionSummaries!;
    expect(g.clientAddresses).toBe(g.sessions);
    expect(g.clientSample.every((ip) => ip.startsWith('198.18.'))).toBe(true);
    expect(g.firstFrame).toBeLessThan(g.lastFrame);
    expect(g.start < g.end).toBe(true);
    expect(clientsCounted(report)).toBe(REFUSED + ANYCONNECT_REAL_CLIENTS.length);
    expect(report.capture.anomalies.map((a) => a.code)).not.toContain('too-many-sessions');
  });

  it('keeps the real clients in full, with the verdicts their own captures give', () => {
    for (const c of ANYCONNECT_REAL_CLIENTS) {
      expect(report.anyconnect!.find((s) => s.clientIp === c.clientIp)?.verdict, c.case).toBe(verdictAlone(c.case));
      expect(report.clients.find((x) => x.ip === c.clientIp)?.verdict, c.case).toBe(verdictAlone(c.case));
    }
  });

  it('with the MX named, decides idle sessions as it goes: none left out, however many', () => {
    const all = TOO_MANY + ANYCONNECT_REAL_CLIENTS.length;
    expect(tooManyWithMx.capture.anomalies.map((a) => a.code)).not.toContain('too-many-sessions');
    expect(tooManyWithMx.anyconnect!.length).toBe(MAX_ANYCONNECT_IN_FULL);
    expect(tooManyWithMx.anyconnect!.length + summarised(tooManyWithMx)).toBe(all);
    expect(clientsCounted(tooManyWithMx)).toBe(all);
    // The refused logins (no DTLS) are AnyConnect's because the MX was named; the real clients' DTLS says so itself.
    expect(new Set(tooManyWithMx.anyconnect!.map((s) => s.recognizedBy))).toEqual(new Set(['mx-address', 'dtls']));
    for (const c of ANYCONNECT_REAL_CLIENTS)
      expect(tooManyWithMx.anyconnect!.find((s) => s.clientIp === c.clientIp)?.verdict, c.case).toBe(
        verdictAlone(c.case),
      );
  });

  it('keeps every real scenario verdict inside a crowd, its sessions decided as the capture streams', () => {
    expect(EMBEDDABLE.length).toBeGreaterThan(20);
    expect(crowd.capture.anomalies.map((a) => a.code)).not.toContain('too-many-sessions');
    const got = EMBEDDABLE.map((c) => [c.case, crowd.clients.find((x) => x.ip === c.clientIp)?.verdict]);
    expect(got).toEqual(EMBEDDABLE.map((c) => [c.case, c.verdict]));
  });

  it('gives a client back after its session was retired a second session with an id of its own', () => {
    const ids = returning.anyconnect!.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const back = returning.anyconnect!.filter((s) => s.clientIp === '203.0.113.50');
    expect(back.map((s) => s.verdict)).toEqual(['ANYCONNECT_AUTH_FAILED', 'ANYCONNECT_ESTABLISHED']);
    expect(back[1].id).toMatch(/^ac:203\.0\.113\.50\|198\.51\.100\.10:443#\d+$/);
    const client = returning.clients.find((c) => c.ip === '203.0.113.50');
    expect(client?.sessions).toEqual(back.map((s) => s.id));
    expect(client?.verdict).toBe('ANYCONNECT_ESTABLISHED');
  });

  it('without it, says so when clients are past the tracker limit, and keeps the report the same size', () => {
    const anomaly = tooMany.capture.anomalies.find((a) => a.code === 'too-many-sessions');
    expect(anomaly?.layer).toBe('tls');
    expect(anomaly?.message).toMatch(/not in the report/);
    // The limit is on sessions followed at once: every refused login waits for the end (sole server).
    const counted = tooMany.anyconnect!.length + summarised(tooMany);
    expect(counted).toBeGreaterThanOrEqual(TRACKER_LIMITS.sessions);
    expect(counted).toBeLessThan(TOO_MANY);
    expect(clientsCounted(tooMany)).toBe(counted);
    // Twice the sessions, the same sessions in full: the report grows by its client list only.
    expect(JSON.stringify(tooMany).length).toBeLessThan(reportText.length * 1.2);
  });
});
