// Pipeline figures through the local twin (not a test): upload-to-diagnosis latency for a 1 MB
// and a 100 MB capture, peak RSS of the analyze handler on a 1 GB capture streamed from s3rver
// (in a child process, VmHWM), and query-by-client-IP latency with 100 000 diagnoses.
//   npx tsx scripts/bench-pipeline.ts [--quick]        writes docs/PIPELINE-FIGURES.md
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeCapture } from '#shared/analyze.js';
import { newCaptureId } from '#shared/tenancy/ids.js';
import { createAnalyzeHandler } from '../lambdas/analyze/analyze-app.js';
import { encodeEventKey } from '../lambdas/analyze/s3-event.js';
import { createKey, createTenant } from '../lambdas/auth/key-admin.js';
import { composeAnalyze } from '../lambdas/compose.js';
import { createDynamoClient, createS3Client } from '../lambdas/config.js';
import { LOCAL_REGION } from '../lambdas/local/state.js';
import { startTwin, type Twin } from '../lambdas/local/twin.js';
import { silentLogger } from '../lambdas/log.js';
import { marshall } from '../lambdas/store/attributes.js';
import { diagnosisGsi2pk, diagnosisGsi2sk, sessionSk, tenantPk } from '../lambdas/store/keys.js';
import { SessionStore } from '../lambdas/store/session-store.js';
import { TenantStore } from '../lambdas/store/tenant-store.js';
import { uploadFile } from '../lambdas/storage/upload-file.js';

const SOURCE = 'test/fixtures/public/suricata-verify__ikev1-isakmp-main-mode.pcap';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Writes a classic pcap of about `bytes` by repeating the source's records, time shifted. */
async function synthesize(path: string, bytes: number): Promise<number> {
  const src = readFileSync(SOURCE);
  const le = src.readUInt32LE(0) === 0xa1b2c3d4 || src.readUInt32LE(0) === 0xa1b23c4d;
  const u32 = (o: number) => (le ? src.readUInt32LE(o) : src.readUInt32BE(o));
  const records: Buffer[] = [];
  for (let o = 24; o + 16 <= src.length;) {
    const len = u32(o + 8);
    records.push(src.subarray(o, o + 16 + len));
    o += 16 + len;
  }
  const firstSec = u32(24);
  const lastSec = u32(24 + records.slice(0, -1).reduce((n, r) => n + r.length, 0));
  const span = lastSec - firstSec + 1;
  const out = createWriteStream(path);
  let written = 0;
  const write = (b: Buffer) => new Promise<void>((res) => (out.write(b) ? res() : out.once('drain', res)));
  await write(src.subarray(0, 24));
  written += 24;
  for (let rep = 0; written < bytes; rep++) {
    const chunk: Buffer[] = [];
    for (const r of records) {
      const copy = Buffer.from(r);
      const sec = (le ? copy.readUInt32LE(0) : copy.readUInt32BE(0)) + rep * span;
      if (le) copy.writeUInt32LE(sec >>> 0, 0);
      else copy.writeUInt32BE(sec >>> 0, 0);
      chunk.push(copy);
      written += copy.length;
    }
    await write(Buffer.concat(chunk));
  }
  await new Promise<void>((res) => out.end(res));
  return written;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const median = (xs: number[]) =>
  pct(
    [...xs].sort((a, b) => a - b),
    50,
  );

async function apiGet(twin: Twin, key: string, path: string): Promise<{ status: number; json: any }> {
  const res = await fetch(twin.apiUrl + path, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, json: await res.json() };
}

async function latency(twin: Twin, key: string, dir: string, bytes: number, runs: number) {
  const file = join(dir, `synth-${bytes}.pcap`);
  const size = await synthesize(file, bytes);
  const totals: number[] = [];
  const analysis: number[] = [];
  for (let i = 0; i < runs; i++) {
    const id = newCaptureId(Date.now(), randomBytes(16));
    const t0 = performance.now();
    await uploadFile(twin.clients.s3, twin.state.bucket, `captures/local/${id}/synth.pcap`, file, () => {});
    const uploaded = performance.now();
    for (;;) {
      const r = await apiGet(twin, key, `/api/captures/${id}`);
      if (r.status === 200 && r.json.capture.status !== 'PENDING') {
        if (r.json.capture.status !== 'DONE')
          throw new Error(`synthetic capture ${r.json.capture.status}: ${r.json.capture.error}`);
        break;
      }
      await new Promise((res) => setTimeout(res, 10));
    }
    const done = performance.now();
    totals.push(done - t0);
    analysis.push(done - uploaded);
  }
  await rm(file);
  return { size, runs, total: median(totals), afterUpload: median(analysis) };
}

/** Child mode: the analyze handler alone on one object, reporting its peak RSS. */
async function childAnalyze(arg: string): Promise<void> {
  const p = JSON.parse(arg) as {
    s3: string;
    dynamo: string;
    bucket: string;
    table: string;
    key: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  const endpoints = {
    region: LOCAL_REGION,
    credentials: p.credentials,
    s3Endpoint: p.s3,
    dynamoEndpoint: p.dynamo,
  };
  const handler = createAnalyzeHandler(
    composeAnalyze(
      {
        tableName: p.table,
        bucketName: p.bucket,
        maxCaptureBytes: 4 * 1024 ** 3,
        retentionDays: 90,
        leaseSeconds: 960,
        maxAttempts: 3,
      },
      { s3: createS3Client(endpoints), dynamo: createDynamoClient(endpoints) },
      analyzeCapture,
      silentLogger,
    ),
  );
  const t0 = performance.now();
  const result = await handler({
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        eventTime: new Date().toISOString(),
        s3: { bucket: { name: p.bucket }, object: { key: encodeEventKey(p.key) } },
      },
    ],
  });
  const ms = performance.now() - t0;
  const status = readFileSync('/proc/self/status', 'utf8');
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
  process.stdout.write(JSON.stringify({ vmHwmKb: hwm, ms, outcome: result.outcomes[0] }) + '\n');
}

async function peakRss(twin: Twin, dir: string, bytes: number) {
  const file = join(dir, 'synth-big.pcap');
  const size = await synthesize(file, bytes);
  const key = `captures/local/${newCaptureId(Date.now(), randomBytes(16))}/big.pcap`;
  await uploadFile(twin.clients.s3, twin.state.bucket, key, file, () => {});
  await rm(file);
  // The child runs this very file, bundled, under plain node (no tsx loader in the figure).
  const { build } = await import('esbuild');
  const bundle = join('dist', 'bench-pipeline-child.mjs');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const arg = JSON.stringify({
    s3: twin.state.s3Endpoint,
    dynamo: twin.state.dynamoEndpoint,
    bucket: twin.state.bucket,
    table: twin.state.table,
    key,
    credentials: twin.credentials,
  });
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, '--child-analyze', arg], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (c) => (text += c));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`child exited ${code}`))));
  });
  return { size, ...(JSON.parse(out) as { vmHwmKb: number; ms: number; outcome: { status: string } }) };
}

async function queryLatency(twin: Twin, total: number) {
  const tenants = new TenantStore(twin.clients.dynamo, twin.state.table);
  await createTenant(tenants, { tenantId: 'bench', name: 'Bench', mspId: 'bench-msp' }, new Date());
  const key = (await createKey(tenants, { tenantId: 'bench', role: 'tenant' }, new Date())).key;
  const ips = Array.from({ length: 500 }, (_, i) => (i < 250 ? `198.51.100.${i + 1}` : `203.0.113.${i - 249}`));
  const session = (
    await analyzeCapture(
      (async function* () {
        yield readFileSync(SOURCE);
      })(),
    )
  ).sessions[0];
  const data = JSON.stringify(session);
  const store = new SessionStore(twin.clients.dynamo, twin.state.table, {
    attempts: 8,
    baseDelayMs: 50,
    maxDelayMs: 1000,
  });
  const t0 = performance.now();
  const batches: Parameters<SessionStore['batchWrite']>[0][] = [];
  for (let start = 0; start < total; start += 25) {
    const batch = [];
    for (let i = start; i < Math.min(total, start + 25); i++) {
      const ip = ips[i % ips.length];
      const captureId = `BENCH${String(Math.floor(i / 4)).padStart(10, '0')}`;
      const sid = `s${i % 4}`;
      const time = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      batch.push({
        PutRequest: {
          Item: marshall({
            pk: tenantPk('bench'),
            sk: sessionSk(captureId, sid),
            gsi2pk: diagnosisGsi2pk('bench', ip),
            gsi2sk: diagnosisGsi2sk(time, captureId, sid),
            captureId,
            fileName: 'bench.pcap',
            sessionId: sid,
            clientIp: ip,
            responderIp: '192.0.2.1',
            verdict: session.verdict,
            stepReached: session.stepReached,
            time,
            analyzedAt: time,
            data,
          }),
        },
      });
    }
    batches.push(batch);
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batches.length) await store.batchWrite(batches[next++]);
    }),
  );
  const loadSeconds = (performance.now() - t0) / 1000;
  const now = Math.floor(Date.now() / 1000);
  const perPage = Math.min(50, Math.floor(total / ips.length));
  const direct: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const ip = ips[(i * 7919) % ips.length];
    const s = performance.now();
    const page = await store.queryByClientIp('bench', ip, 50, now);
    direct.push(performance.now() - s);
    if (page.items.length !== perPage) throw new Error(`expected 50 items for ${ip}, got ${page.items.length}`);
  }
  const http: number[] = [];
  for (let i = 0; i < 500; i++) {
    const ip = ips[(i * 104729) % ips.length];
    const s = performance.now();
    const r = await apiGet(twin, key, `/api/diagnoses?clientIp=${ip}&limit=50`);
    http.push(performance.now() - s);
    if (r.json.items.length !== perPage) throw new Error('short page');
  }
  direct.sort((a, b) => a - b);
  http.sort((a, b) => a - b);
  return {
    total,
    loadSeconds,
    direct: { p50: pct(direct, 50), p99: pct(direct, 99) },
    http: { p50: pct(http, 50), p99: pct(http, 99) },
  };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const dir = await mkdtemp(join(tmpdir(), 'vd-bench-'));
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  const lines: string[] = [];
  try {
    const twin = await startTwin({
      analyze: analyzeCapture,
      dataDir: join(dir, 'twin'),
      httpPort: 0,
      s3Port: 0,
      dynamoPort: 0,
      log: silentLogger,
      concurrency: 1,
    });
    const key = twin.firstKey as string;
    const small = await latency(twin, key, dir, 1e6, quick ? 3 : 7);
    console.error('1 MB', small);
    const large = await latency(twin, key, dir, quick ? 20e6 : 100e6, 3);
    console.error('large', large);
    await twin.stop();

    const twinB = await startTwin({
      analyze: analyzeCapture,
      dataDir: join(dir, 'twin-b'),
      httpPort: 0,
      s3Port: 0,
      dynamoPort: 0,
      log: silentLogger,
      deliverEvents: false,
    });
    const rss = await peakRss(twinB, dir, quick ? 100e6 : 1024 ** 3);
    console.error('rss', rss);
    const q = await queryLatency(twinB, quick ? 10_000 : 100_000);
    console.error('query', q);
    await twinB.stop();

    lines.push(
      '# Pipeline figures',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx scripts/bench-pipeline.ts${quick ? ' --quick' : ''}\` on the development machine`,
      '(2 shared cores, Node ' +
        process.version +
        '), through the local twin: s3rver and dynalite (leveldb on disk) on loopback,',
      'the real analyze and API handlers. Synthetic captures repeat the frames of',
      `\`${SOURCE}\` with shifted timestamps. Local emulator figures, not AWS ones.`,
      '',
      '## Upload to diagnosis',
      '',
      '| capture | runs | upload + analysis (median) | analysis after upload completes (median) |',
      '|---|---|---|---|',
      `| ${(small.size / 1e6).toFixed(1)} MB | ${small.runs} | ${f(small.total)} | ${f(small.afterUpload)} |`,
      `| ${(large.size / 1e6).toFixed(1)} MB | ${large.runs} | ${f(large.total)} | ${f(large.afterUpload)} |`,
      '',
      'Upload is SDK PutObject (multipart with 8 MB parts above 16 MB); "done" is the first API poll (10 ms interval) that',
      'shows the capture DONE.',
      '',
      '## Peak memory of the analyze handler',
      '',
      `The handler ran alone in a child process (plain node, bundled) on a ${(rss.size / 1024 ** 3).toFixed(2)} GiB capture streamed`,
      `from s3rver: **VmHWM ${(rss.vmHwmKb / 1024).toFixed(0)} MiB** (target < 256 MiB), ${(rss.ms / 1000).toFixed(1)} s, outcome ${rss.outcome.status}.`,
      '',
      '## Query by client IP',
      '',
      `${q.total.toLocaleString('en')} diagnoses of one tenant over 500 client IPs, bulk-loaded with BatchWriteItem in`,
      `${q.loadSeconds.toFixed(0)} s; pages of 50, newest first (gsi2, projection without the session JSON).`,
      '',
      '| path | queries | p50 | p99 |',
      '|---|---|---|---|',
      `| SessionStore.queryByClientIp (SDK -> dynalite) | 1000 | ${q.direct.p50.toFixed(1)} ms | ${q.direct.p99.toFixed(1)} ms |`,
      `| GET /api/diagnoses over HTTP (auth + query) | 500 | ${q.http.p50.toFixed(1)} ms | ${q.http.p99.toFixed(1)} ms |`,
      '',
      'Target: p99 under 50 ms locally.',
      '',
    );
    await writeFile('docs/PIPELINE-FIGURES.md', lines.join('\n'));
    console.error(lines.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const childIndex = process.argv.indexOf('--child-analyze');
if (childIndex >= 0) await childAnalyze(process.argv[childIndex + 1]);
else await main();
