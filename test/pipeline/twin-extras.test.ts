// The local twin as a product: dashboard files served next to the API, data and dead letters
// surviving a restart, large reports handed over by redirect, and the admin CLI's error paths.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { analyzeCapture } from '#shared/analyze.js';
import { silentLogger } from '../../lambdas/log.js';
import { createAnalyzeHandler } from '../../lambdas/analyze/analyze-app.js';
import { composeAnalyze } from '../../lambdas/compose.js';
import { startTwin, type Twin } from '../../lambdas/local/twin.js';
import { api, putCapture, waitForCapture } from './twin-harness.js';

const CAPTURE = 'test/fixtures/public/tcpdump__isakmp4500.pcap';

let dataDir: string;
let dashboard: string;
let twin: Twin;
let key: string;
const start = () =>
  startTwin({
    analyze: analyzeCapture,
    dataDir,
    httpPort: 0,
    s3Port: 0,
    dynamoPort: 0,
    log: silentLogger,
    dashboardDir: dashboard,
    retryDelaysMs: [200, 200],
    rateLimits: null,
    writeRetry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 50 },
  });

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  dataDir = await mkdtemp(join(tmpdir(), 'vd-extras-'));
  dashboard = join(dataDir, 'dashboard');
  await mkdir(join(dashboard, 'assets'), { recursive: true });
  await writeFile(join(dashboard, 'index.html'), '<!doctype html><title>vpn-doctor</title>');
  await writeFile(join(dashboard, 'assets', 'app.js'), 'console.log("vd")');
  twin = await start();
  key = twin.firstKey as string;
}, 30_000);
afterAll(async () => {
  await twin?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('local twin extras', () => {
  it('serves the dashboard at / and /assets/* and nothing outside it', async () => {
    const index = await fetch(twin.apiUrl + '/');
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('<title>vpn-doctor</title>');
    const js = await fetch(twin.apiUrl + '/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe('console.log("vd")');
    for (const path of [
      '/assets/%2e%2e/%2e%2e/local.json',
      '/assets/../index.html',
      '/local.json',
      '/assets/missing.js',
    ]) {
      const res = await fetch(twin.apiUrl + path);
      expect(res.status, path).toBe(404);
    }
    expect((await fetch(twin.apiUrl + '/api/me')).status).toBe(401);
  });

  it('lets the dashboard origin PUT to a presigned URL (CORS preflight on s3rver)', async () => {
    const up = await api(twin, '/api/uploads', key, { method: 'POST', body: { fileName: 'cors.pcap', size: 10 } });
    const preflight = await fetch(up.json.uploadUrl, {
      method: 'OPTIONS',
      headers: {
        origin: twin.apiUrl,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/127\.0\.0\.1:\d+)$/);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('redirects to S3 for a report too large for a Lambda response', async () => {
    const id = (await runCli(['upload', CAPTURE, '--local', '--data-dir', dataDir])).stdout.split('\t')[0];
    expect((await waitForCapture(twin, key, id)).capture.status).toBe('DONE');
    const big = JSON.stringify({ padding: 'x'.repeat(6 * 1024 * 1024) });
    await twin.clients.s3.send(
      new PutObjectCommand({ Bucket: twin.state.bucket, Key: `results/local/${id}.json`, Body: big }),
    );
    const res = await fetch(`${twin.apiUrl}/api/captures/${id}/report`, {
      headers: { authorization: `Bearer ${key}` },
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const location = res.headers.get('location') as string;
    expect(location.startsWith(twin.state.s3Endpoint)).toBe(true);
    expect((await (await fetch(location)).text()).length).toBe(big.length);
  }, 20_000);

  it('keeps data and dead letters across a restart, and redrives them at start', async () => {
    await twin.stopDynamo();
    const id = 'RESTART0001';
    await putCapture(twin, `captures/local/${id}/restart.pcap`, readFileSync(CAPTURE));
    const dlq = join(dataDir, 'dlq');
    for (let i = 0; !(existsSync(dlq) && (await readdir(dlq)).length > 0); i++) {
      if (i > 200) throw new Error('never dead-lettered');
      await new Promise((r) => setTimeout(r, 100));
    }
    await twin.stop();
    twin = await start();
    expect(twin.firstKey).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8')).apiUrl).toBe(twin.apiUrl);
    await twin.idle();
    const got = await waitForCapture(twin, key, id);
    expect(got.capture.status).toBe('DONE');
    const list = await api(twin, '/api/captures', key);
    expect(list.json.items.length).toBeGreaterThanOrEqual(2);
  }, 40_000);

  it('records a capture that would outlast the function timeout as FAILED, not PENDING', async () => {
    const held = await startTwin({
      analyze: analyzeCapture,
      dataDir: join(dataDir, 'held'),
      httpPort: 0,
      s3Port: 0,
      dynamoPort: 0,
      log: silentLogger,
      deliverEvents: false,
    });
    try {
      const objectKey = 'captures/local/TIMEOUT0001/slow.pcap';
      await putCapture(held, objectKey, readFileSync(CAPTURE));
      const handler = createAnalyzeHandler(
        composeAnalyze(
          {
            tableName: held.state.table,
            bucketName: held.state.bucket,
            maxCaptureBytes: 1e9,
            retentionDays: 1,
            leaseSeconds: 960,
            maxAttempts: 3,
          },
          held.clients,
          analyzeCapture,
          silentLogger,
        ),
      );
      const event = {
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            eventTime: new Date().toISOString(),
            s3: { bucket: { name: held.state.bucket }, object: { key: objectKey } },
          },
        ],
      };
      // 29 s left: less than the write-phase reserve, so reading stops at the first chunk.
      const result = await handler(event, { getRemainingTimeInMillis: () => 29_000 });
      expect(result.outcomes[0]).toMatchObject({ status: 'failed' });
      const got = await waitForCapture(held, held.firstKey as string, 'TIMEOUT0001');
      expect(got.capture.status).toBe('FAILED');
      expect(got.capture.error).toMatch(/did not finish in time/);
    } finally {
      await held.stop();
    }
  }, 30_000);

  it('reports admin mistakes with exit status 2 and a message', async () => {
    const local = ['--local', '--data-dir', dataDir];
    const cases: [string[], RegExp][] = [
      [['tenant', 'create', 'Bad_Id', ...local], /tenant id/],
      [['tenant', 'create', 'local', ...local], /already exists/],
      [['key', 'create', '--tenant', 'nosuch', ...local], /no tenant nosuch/],
      [['key', 'revoke', 'abcdef123456', ...local], /needs --tenant/],
      [['upload', join(dataDir, 'missing.pcap'), ...local], /cannot read/],
      [['tenant', 'list', '--data-dir', join(dataDir, 'nowhere'), '--local'], /not found: start the local twin/],
      [['tenant', 'list', '--table', 'x', '--bogus'], /unknown option/],
    ];
    for (const [argv, message] of cases) {
      const res = await runCli(argv);
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.stderr, argv.join(' ')).toMatch(message);
    }
    const saved = process.env.VPN_DOCTOR_TABLE;
    delete process.env.VPN_DOCTOR_TABLE;
    expect((await runCli(['tenant', 'list'])).stderr).toMatch(/no table/);
    if (saved !== undefined) process.env.VPN_DOCTOR_TABLE = saved;
  });

  it('lists tenants and revokes a key by its id', async () => {
    const local = ['--local', '--data-dir', dataDir];
    const list = await runCli(['tenant', 'list', '--json', ...local]);
    expect(JSON.parse(list.stdout).map((t: { tenantId: string }) => t.tenantId)).toContain('local');
    const created = await runCli(['key', 'create', '--tenant', 'local', '--label', 'ci', ...local]);
    const newKey = created.stdout.trim();
    const keyId = /key ([0-9a-f]{12}) /.exec(created.stderr)?.[1] as string;
    expect((await api(twin, '/api/me', newKey)).json.operator).toBe(false);
    expect((await runCli(['key', 'revoke', keyId, '--tenant', 'local', ...local])).code).toBe(0);
    // A fresh key has not been cached by the API yet, so revocation shows at once here.
    const other = (await runCli(['key', 'create', '--tenant', 'local', ...local])).stdout.trim();
    expect((await runCli(['key', 'revoke', other, ...local])).code).toBe(0);
    expect((await api(twin, '/api/me', other)).status).toBe(401);
  });
});
