// `vpn-doctor upload --wait` against the running twin: it waits for the real analysis and prints
// the verdict (each client's when there are several) and the dashboard link, with the exit
// status of the outcome. Expected values are the API's own answers for the same capture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCapture } from '#shared/analyze.js';
import { catalogText, type Code } from '#shared/diagnosis/catalog.js';
import { clientVerdicts } from '#shared/view/client-verdicts.js';
import type { CaptureDetail } from '../../lambdas/dashboard/api-types.js';
import { api, startHarness, type Harness } from '../pipeline/twin-harness.js';
import { generateManySessions } from '../../scripts/bench/many-sessions.js';
import { runCli } from './run-cli.js';

const scenario = (name: string) => `test/fixtures/scenarios/${name}/capture.pcap`;
const titled = (code: string) => `${code} · ${catalogText(code as Code).title.en}`;

let h: Harness;
let local: string[];

beforeAll(async () => {
  h = await startHarness();
  local = ['--local', '--data-dir', h.dataDir];
}, 60_000);
afterAll(async () => h?.close());

describe('upload --wait', () => {
  it('prints the verdict, every client with its verdict, and the link; exit 0', async () => {
    const res = await runCli(['upload', scenario('multi-client'), '--wait', ...local]);
    expect(res.code, res.stderr).toBe(0);
    const [first, ...rest] = res.stdout.trimEnd().split('\n');
    const captureId = first!.split('\t')[0]!;
    const d = (await api(h.twin, `/api/captures/${captureId}`, h.twin.firstKey)).json as CaptureDetail;
    expect(d.capture.status).toBe('DONE');
    const clients = clientVerdicts(d.sessions);
    expect(clients.length).toBeGreaterThan(1);
    expect(rest).toEqual([
      `Verdict: ${titled(d.capture.verdict!)}`,
      ...clients.map((c) => `  ${c.ip.padEnd(16)} ${titled(c.verdict)}`),
      `${h.twin.apiUrl}/#/capture/${captureId}`,
    ]);
    // A progress line on stderr while it waited (not a terminal here: plain lines).
    expect(res.stderr).toMatch(/waiting for the analysis of|bytes to local twin/);
  }, 60_000);

  it('thousands of clients (internet scanners): counted per verdict, not one line each', async () => {
    const file = join(h.dataDir, 'scanners.pcap');
    const meta = await generateManySessions(file, 1.25, 'test/fixtures/scenarios');
    const res = await runCli(['upload', file, '--wait', '--timeout', '60', ...local]);
    expect(res.code, res.stderr).toBe(0);
    const [first, ...rest] = res.stdout.trimEnd().split('\n');
    const captureId = first!.split('\t')[0]!;
    // The generator's scanners get their negotiation's verdict, each real client its fixture's.
    const { scannerSessions, realClients } = meta.details as {
      scannerSessions: number;
      realClients: { case: string }[];
    };
    const verdictOf = (name: string) =>
      (JSON.parse(readFileSync(`test/fixtures/scenarios/${name}/expected.json`, 'utf8')) as { verdict: string })
        .verdict;
    const counts = new Map([[verdictOf('wrong-psk-nat'), scannerSessions]]);
    for (const r of realClients) counts.set(verdictOf(r.case), (counts.get(verdictOf(r.case)) ?? 0) + 1);
    const total = scannerSessions + realClients.length;
    expect(counts.has(/^Verdict: (\S+) · /.exec(rest[0]!)![1]!)).toBe(true);
    expect(rest[1]).toBe(`  ${total} clients:`);
    const perVerdict = rest.slice(2, -1).map((l) => /^ +(\d+) × (\S+) · /.exec(l)!.slice(1));
    expect(new Map(perVerdict.map(([n, v]) => [v!, Number(n)]))).toEqual(counts);
    expect(rest.at(-1)).toBe(`${h.twin.apiUrl}/#/capture/${captureId}`);
  }, 120_000);

  it("says which host is another product's VPN, not a Client VPN client", async () => {
    // The fixture's expected.json: a non-Meraki IKEv2 peer (192.0.2.10) fails on its key beside a
    // Client VPN user (198.51.100.2) who connects; the capture's verdict is the user's.
    const res = await runCli(['upload', scenario('site-to-site-failing-beside-client'), '--wait', ...local]);
    expect(res.code, res.stderr).toBe(0);
    const rest = res.stdout.trimEnd().split('\n').slice(1);
    expect(rest[0]).toBe(`Verdict: ${titled('TUNNEL_ESTABLISHED')}`);
    expect(rest.find((l) => l.includes('192.0.2.10'))).toMatch(
      /PSK_MISMATCH · .* · not Client VPN \(NOT_CLIENT_VPN\)$/,
    );
    expect(rest.find((l) => l.includes('198.51.100.2'))).not.toContain('NOT_CLIENT_VPN');
  }, 60_000);

  it('one client: the verdict line and the link only', async () => {
    const res = await runCli(['upload', scenario('wrong-psk-nat'), '--wait', '--timeout', '60', ...local]);
    expect(res.code, res.stderr).toBe(0);
    const captureId = res.stdout.split('\t')[0]!;
    const d = (await api(h.twin, `/api/captures/${captureId}`, h.twin.firstKey)).json as CaptureDetail;
    expect(res.stdout.trimEnd().split('\n').slice(1)).toEqual([
      `Verdict: ${titled(d.capture.verdict!)}`,
      `${h.twin.apiUrl}/#/capture/${captureId}`,
    ]);
  }, 60_000);

  it('exit 3 with the reason when the analysis FAILED (a capture that breaks off)', async () => {
    const res = await runCli(['upload', scenario('damaged-wrong-psk-record8'), '--wait', ...local]);
    const captureId = res.stdout.split('\t')[0]!;
    const d = (await api(h.twin, `/api/captures/${captureId}`, h.twin.firstKey)).json as CaptureDetail;
    expect(d.capture.status).toBe('FAILED');
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(`the analysis FAILED: ${d.capture.error}`);
    expect(res.stdout).toContain(`/#/capture/${captureId}`);
  }, 60_000);

  it('rejects a timeout that is not a positive number', async () => {
    const res = await runCli(['upload', scenario('wrong-psk-nat'), '--wait', '--timeout', 'soon', ...local]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--timeout');
  });
});

describe('upload --wait when the analysis is slow', () => {
  let slow: Harness;
  beforeAll(async () => {
    // The real analysis, started 4 s late: longer than the --timeout below.
    slow = await startHarness({
      analyze: async (source, options) => {
        await new Promise((r) => setTimeout(r, 4000));
        return analyzeCapture(source, options);
      },
    });
  }, 60_000);
  afterAll(async () => slow?.close(), 30_000);

  it('gives up after --timeout with exit 1, naming the flag and the link', async () => {
    const started = Date.now();
    const res = await runCli([
      'upload',
      scenario('wrong-psk-nat'),
      '--wait',
      '--timeout',
      '1',
      '--local',
      '--data-dir',
      slow.dataDir,
    ]);
    const elapsed = Date.now() - started;
    expect(res.code, res.stderr).toBe(1);
    expect(res.stderr).toMatch(/did not end within 1 s \(--timeout\); see http:\/\/.*\/#\/capture\//);
    expect(res.stderr).toContain('waiting for the analysis of');
    expect(elapsed).toBeLessThan(3500);
  }, 60_000);
});
