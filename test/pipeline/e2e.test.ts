// The pipeline end to end through the local twin: real SDK uploads (and a presigned URL) into
// s3rver, the S3 event to the analyze handler, results read back over HTTP. Expected results are
// the core's own report for the same file, computed independently of the pipeline.
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCapture } from '#shared/analyze.js';
import type { AnalysisReport } from '#shared/report/types.js';
import { createAnalyzeHandler } from '../../lambdas/analyze/analyze-app.js';
import { encodeEventKey } from '../../lambdas/analyze/s3-event.js';
import { composeAnalyze } from '../../lambdas/compose.js';
import { silentLogger } from '../../lambdas/log.js';
import { api, listEveryPage, putCapture, startHarness, waitForCapture, type Harness } from './twin-harness.js';

const PUBLIC = 'test/fixtures/public';
const SCENARIOS = 'test/fixtures/scenarios';
const PUBLIC_PICKS = [
  'suricata-verify__ikev1-isakmp-main-mode.pcap',
  'tcpdump__isakmp4500.pcap',
  'nDPI__ipsec_isakmp_esp.pcap',
  'zeek-spicy-ipsec__ipsec-ikev1-isakmp-aggressive-mode.pcap',
  'tcpdump__ISAKMP_sa_setup.pcap',
  'scapy__ikev2_nat_t.pcapng',
  'arkime__radius.pcap',
  'tcpdump__esp_truncated.pcap',
];
const scenarioFiles = existsSync(SCENARIOS)
  ? readdirSync(SCENARIOS)
      .filter((d) => !/(^|-)damaged-/.test(d)) // damaged-*, anyconnect-damaged-*: not whole captures, FAILED by design
      .map((d) => join(SCENARIOS, d, 'capture.pcap'))
      .filter((p) => existsSync(p))
  : [];
const files = [...PUBLIC_PICKS.map((f) => join(PUBLIC, f)), ...scenarioFiles];

// Every file above is a whole capture (capinfos reads each to its last packet), so the pipeline
// must finish each one DONE; its report must be the core's own report on the same bytes. Input
// the pipeline must refuse is tested below ('records bad input as FAILED').
async function coreReport(path: string): Promise<AnalysisReport> {
  return analyzeCapture(createReadStream(path), { fileName: 'capture.pcap' });
}

let h: Harness;
let key: string;
let n = 0;
const newId = () => `T${Date.now().toString(36).toUpperCase()}${(n++).toString().padStart(4, '0')}`;

beforeAll(async () => {
  h = await startHarness({ maxCaptureBytes: 5 * 1024 * 1024 });
  key = h.twin.firstKey as string;
}, 30_000);
afterAll(async () => h?.close());

describe('local twin, end to end', () => {
  it('creates a first tenant and operator key once, kept only as a hash', async () => {
    expect(key).toMatch(/^vd_[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(join(h.dataDir, 'first-key.txt'), 'utf8').trim()).toBe(key);
    const me = await api(h.twin, '/api/me', key);
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ tenantId: 'local', operator: true });
    // The table holds the hash, never the key.
    const dump = readdirSync(join(h.dataDir, 'dynamodb'))
      .map((f) => readFileSync(join(h.dataDir, 'dynamodb', f)).toString('latin1'))
      .join('');
    expect(dump.includes(key)).toBe(false);
  });

  it('analyses every uploaded capture as the core does, and serves it by capture and by client IP', async () => {
    const uploads = files.map((path) => ({ path, id: newId() }));
    await Promise.all(
      uploads.map((u) => putCapture(h.twin, `captures/local/${u.id}/capture.pcap`, readFileSync(u.path))),
    );
    for (const u of uploads) {
      const r = await coreReport(u.path);
      const got = await waitForCapture(h.twin, key, u.id);
      expect(got.capture.status, `${u.path}: ${got.capture.error}`).toBe('DONE');
      expect(got.capture).toMatchObject({
        verdict: r.verdict,
        frames: r.capture.frames,
        sessions: r.sessions.length + (r.anyconnect?.length ?? 0),
        fileName: 'capture.pcap',
      });
      expect(got.sessions.map((s: { id: string }) => s.id).sort()).toEqual(r.sessions.map((s) => s.id).sort());
      for (const s of got.sessions) expect(Buffer.byteLength(JSON.stringify(s))).toBeLessThan(100_000);
      const report = await api(h.twin, `/api/captures/${u.id}/report`, key);
      expect(report.json).toEqual(r);
      // A client's history holds its IKE and its AnyConnect sessions alike.
      for (const s of [...r.sessions, ...(r.anyconnect ?? [])]) {
        const q = await api(h.twin, `/api/diagnoses?clientIp=${encodeURIComponent(s.clientIp)}&limit=200`, key);
        expect(q.status).toBe(200);
        const item = q.json.items.find(
          (i: { captureId: string; sessionId: string }) => i.captureId === u.id && i.sessionId === s.id,
        );
        expect(item, `${u.path} ${s.id}`).toMatchObject({
          clientIp: s.clientIp.toLowerCase(),
          verdict: s.verdict,
          stepReached: s.stepReached,
          responderIp: s.responderIp,
        });
      }
    }
    expect(uploads.length).toBeGreaterThanOrEqual(PUBLIC_PICKS.length);
    // More captures than one page holds: every one is listed, newest first across the pages.
    const list = await listEveryPage(h.twin, key, '', 50);
    const listed = list.map((i) => i.captureId);
    for (const u of uploads) expect(listed).toContain(u.id);
    const times = list.map((i) => i.uploadedAt);
    expect([...times].sort().reverse()).toEqual(times);
  }, 120_000);

  it('accepts an upload through a presigned URL', async () => {
    const path = scenarioFiles[0] ?? join(PUBLIC, PUBLIC_PICKS[0]);
    const body = readFileSync(path);
    const up = await api(h.twin, '/api/uploads', key, {
      method: 'POST',
      body: { fileName: 'from browser.pcap', size: body.length },
    });
    expect(up.status).toBe(201);
    expect(up.json.key).toBe(`captures/local/${up.json.captureId}/from_browser.pcap`);
    const listedPending = await api(h.twin, `/api/captures/${up.json.captureId}`, key);
    expect(listedPending.json.capture.status).toBe('PENDING');
    const put = await fetch(up.json.uploadUrl, { method: 'PUT', headers: up.json.headers, body });
    expect(put.status).toBe(200);
    const got = await waitForCapture(h.twin, key, up.json.captureId);
    expect(got.capture.status).toBe('DONE');
    expect(got.capture.size).toBe(body.length);
    expect(got.capture.verdict).toBe((await coreReport(path)).verdict);
  }, 30_000);

  it('carries an AnyConnect verdict into the capture, its report and the client-IP history', async () => {
    const path = join(SCENARIOS, 'anyconnect-dtls-blocked', 'capture.pcap');
    const id = newId();
    await putCapture(h.twin, `captures/local/${id}/capture.pcap`, readFileSync(path));
    const got = await waitForCapture(h.twin, key, id);
    expect(got.capture).toMatchObject({ status: 'DONE', verdict: 'ANYCONNECT_DTLS_BLOCKED', sessions: 1 });
    // The capture's session pages hold IKE sessions; the AnyConnect one is in the report.
    expect(got.sessions).toEqual([]);
    const report = (await api(h.twin, `/api/captures/${id}/report`, key)).json as AnalysisReport;
    expect(report.anyconnect?.map((s) => [s.id, s.verdict])).toEqual([
      ['ac:192.0.2.50|198.51.100.10:443', 'ANYCONNECT_DTLS_BLOCKED'],
    ]);
    const q = await api(h.twin, '/api/diagnoses?clientIp=192.0.2.50&limit=200', key);
    expect(q.json.items.find((i: { captureId: string }) => i.captureId === id)).toMatchObject({
      sessionId: 'ac:192.0.2.50|198.51.100.10:443',
      clientIp: '192.0.2.50',
      responderIp: '198.51.100.10',
      verdict: 'ANYCONNECT_DTLS_BLOCKED',
      stepReached: 'DTLS',
    });
  }, 30_000);

  it('decodes URL-encoded event keys (spaces as +, literal + as %2B)', async () => {
    const id = newId();
    const path = join(PUBLIC, 'tcpdump__isakmp4500.pcap');
    await putCapture(h.twin, `captures/local/${id}/my capture+1.pcap`, readFileSync(path));
    const got = await waitForCapture(h.twin, key, id);
    expect(got.capture).toMatchObject({ status: 'DONE', fileName: 'my capture+1.pcap' });
    expect(encodeEventKey(`captures/local/${id}/my capture+1.pcap`)).toBe(`captures/local/${id}/my+capture%2B1.pcap`);
  }, 30_000);

  it('analyses and writes a duplicate delivery once', async () => {
    const id = newId();
    const objectKey = `captures/local/${id}/dup.pcap`;
    await putCapture(h.twin, objectKey, readFileSync(join(PUBLIC, 'suricata-verify__ikev1-isakmp-main-mode.pcap')));
    const first = await waitForCapture(h.twin, key, id);
    expect(first.capture.status).toBe('DONE');
    const handler = createAnalyzeHandler(
      composeAnalyze(
        {
          tableName: h.twin.state.table,
          bucketName: h.twin.state.bucket,
          maxCaptureBytes: 5 * 1024 * 1024,
          retentionDays: 90,
          leaseSeconds: 960,
          maxAttempts: 3,
        },
        h.twin.clients,
        analyzeCapture,
        silentLogger,
      ),
    );
    const event = {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'us-east-1',
          eventTime: new Date().toISOString(),
          eventName: 'ObjectCreated:Put',
          s3: {
            s3SchemaVersion: '1.0',
            bucket: { name: h.twin.state.bucket, arn: `arn:aws:s3:::${h.twin.state.bucket}` },
            object: { key: encodeEventKey(objectKey), size: 1 },
          },
        },
      ],
    };
    const again = await handler(event);
    expect(again.outcomes).toEqual([{ status: 'duplicate' }]);
    h.twin.deliver(event);
    await h.twin.idle();
    const item = await h.twin.clients.dynamo.send(
      new GetItemCommand({
        TableName: h.twin.state.table,
        Key: { pk: { S: 'TENANT#local' }, sk: { S: `CAPTURE#${id}` } },
        ConsistentRead: true,
      }),
    );
    expect(item.Item?.attempts?.N).toBe('1');
    const after = await api(h.twin, `/api/captures/${id}`, key);
    expect(after.json.capture.analyzedAt).toBe(first.capture.analyzedAt);
  }, 30_000);

  it('replaces the results when the object is overwritten by a new version', async () => {
    const first = join(PUBLIC, 'suricata-verify__ikev1-isakmp-main-mode.pcap');
    const second = join(PUBLIC, 'tcpdump__isakmp4500.pcap');
    const [ra, rb] = [await analyzeCapture(createReadStream(first)), await analyzeCapture(createReadStream(second))];
    const ipsA = ra.sessions.map((s) => s.clientIp).filter((ip) => !rb.sessions.some((s) => s.clientIp === ip));
    expect(ipsA.length).toBeGreaterThan(0);
    const id = newId();
    await putCapture(h.twin, `captures/local/${id}/over.pcap`, readFileSync(first));
    expect((await waitForCapture(h.twin, key, id)).capture.verdict).toBe(ra.verdict);
    await putCapture(h.twin, `captures/local/${id}/over.pcap`, readFileSync(second));
    await h.twin.idle();
    const got = await api(h.twin, `/api/captures/${id}`, key);
    expect(got.json.capture).toMatchObject({ status: 'DONE', verdict: rb.verdict, frames: rb.capture.frames });
    expect(got.json.sessions.map((s: { id: string }) => s.id).sort()).toEqual(rb.sessions.map((s) => s.id).sort());
    for (const ip of ipsA) {
      const q = await api(h.twin, `/api/diagnoses?clientIp=${ip}&limit=200`, key);
      expect(q.json.items.filter((i: { captureId: string }) => i.captureId === id)).toEqual([]);
    }
  }, 30_000);

  it('records bad input as FAILED with a clear reason and keeps serving', async () => {
    const good = readFileSync(join(PUBLIC, 'tcpdump__isakmp4500.pcap'));
    const random = Buffer.alloc(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 131 + 7) & 0xff;
    const cases: [string, Uint8Array, RegExp][] = [
      ['random', random, /Not a packet capture/],
      ['empty', new Uint8Array(0), /empty/],
      ['truncated', good.subarray(0, good.length - 11), /truncated/],
      ['header-only', good.subarray(0, 24), /no packets/],
      ['too-large', new Uint8Array(6 * 1024 * 1024), /beyond the limit/],
    ];
    const ids = cases.map(() => newId());
    await Promise.all(
      cases.map(([name, body], i) => putCapture(h.twin, `captures/local/${ids[i]}/${name}.pcap`, body)),
    );
    for (const [i, [name, , reason]] of cases.entries()) {
      const got = await waitForCapture(h.twin, key, ids[i]);
      expect(got.capture.status, name).toBe('FAILED');
      expect(got.capture.error, name).toMatch(reason);
      expect(got.sessions).toEqual([]);
      expect((await api(h.twin, `/api/captures/${ids[i]}/report`, key)).status).toBe(404);
    }
    const id = newId();
    await putCapture(h.twin, `captures/local/${id}/good.pcap`, good);
    expect((await waitForCapture(h.twin, key, id)).capture.status).toBe('DONE');
  }, 30_000);

  it('paginates diagnoses by client IP newest first with an opaque cursor', async () => {
    const path = join(PUBLIC, 'suricata-verify__ikev1-isakmp-main-mode.pcap');
    const report = await analyzeCapture(createReadStream(path));
    const ip = report.sessions[0].clientIp;
    const ids = [newId(), newId(), newId()];
    for (const id of ids) await putCapture(h.twin, `captures/local/${id}/p.pcap`, readFileSync(path));
    for (const id of ids) await waitForCapture(h.twin, key, id);
    const seen: { captureId: string; time: string }[] = [];
    let cursor: string | undefined;
    do {
      const q = await api(h.twin, `/api/diagnoses?clientIp=${ip}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, key);
      expect(q.status).toBe(200);
      expect(q.json.items.length).toBeLessThanOrEqual(1);
      seen.push(...q.json.items);
      cursor = q.json.cursor;
    } while (cursor && seen.length < 100);
    for (const id of ids) expect(seen.map((s) => s.captureId)).toContain(id);
    const times = seen.map((s) => s.time);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await api(h.twin, `/api/diagnoses?clientIp=not-an-ip`, key)).json.error.code).toBe('BAD_REQUEST');
    expect((await api(h.twin, `/api/diagnoses?clientIp=${ip}&cursor=abc`, key)).status).toBe(400);
  }, 30_000);

  it('absorbs DynamoDB throttling on the write path (SDK retries, then our own)', async () => {
    // Two SDK attempts (not the production five) keep the throttling backoff short here.
    const dynamo = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      endpoint: h.twin.state.dynamoEndpoint,
      maxAttempts: 2,
    });
    // Throttle at the transport, inside the SDK's retry loop: the pipeline code runs unchanged.
    const throttled: Record<string, number> = {};
    const plan = (input: { UpdateExpression?: string }, command: string) =>
      command === 'BatchWriteItemCommand' ? 1 : input.UpdateExpression?.includes(':done') ? 3 : 0;
    dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName as string;
        const key = `${command}${(args.input as { UpdateExpression?: string }).UpdateExpression?.includes(':done') ? ':done' : ''}`;
        if ((throttled[key] ?? 0) < plan(args.input as { UpdateExpression?: string }, command)) {
          throttled[key] = (throttled[key] ?? 0) + 1;
          throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
            name: 'ProvisionedThroughputExceededException',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
          });
        }
        return next(args);
      },
      { step: 'deserialize', name: 'throttleForTest' },
    );
    const id = newId();
    const objectKey = `captures/local/${id}/throttled.pcap`;
    const held = createAnalyzeHandler(
      composeAnalyze(
        {
          tableName: h.twin.state.table,
          bucketName: h.twin.state.bucket,
          maxCaptureBytes: 5 * 1024 * 1024,
          retentionDays: 90,
          leaseSeconds: 960,
          maxAttempts: 3,
        },
        { dynamo, s3: h.twin.clients.s3 },
        analyzeCapture,
        silentLogger,
        { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
      ),
    );
    await putCapture(h.twin, objectKey, readFileSync(join(PUBLIC, 'suricata-verify__ikev1-isakmp-main-mode.pcap')));
    await waitForCapture(h.twin, key, id);
    // Forget the twin's analysis so the next delivery claims the capture afresh.
    await h.twin.clients.dynamo.send(
      new DeleteItemCommand({
        TableName: h.twin.state.table,
        Key: { pk: { S: 'TENANT#local' }, sk: { S: `CAPTURE#${id}` } },
      }),
    );
    const result = await held({
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          eventTime: new Date().toISOString(),
          s3: { bucket: { name: h.twin.state.bucket }, object: { key: encodeEventKey(objectKey) } },
        },
      ],
    });
    dynamo.destroy();
    expect(result.outcomes[0].status).toBe('done');
    // 1 throttle absorbed by the SDK; 3 on the final write: 2 exhaust the SDK, our retry does the rest.
    expect(throttled).toEqual({ BatchWriteItemCommand: 1, 'UpdateItemCommand:done': 3 });
    expect((await waitForCapture(h.twin, key, id)).capture.status).toBe('DONE');
  }, 30_000);

  it('loses no capture when DynamoDB is briefly unreachable', async () => {
    await h.twin.stopDynamo();
    const id = newId();
    await putCapture(
      h.twin,
      `captures/local/${id}/outage.pcap`,
      readFileSync(join(PUBLIC, 'tcpdump__isakmp4500.pcap')),
    );
    await new Promise((r) => setTimeout(r, 600));
    await h.twin.startDynamo();
    await h.twin.idle();
    expect((await waitForCapture(h.twin, key, id)).capture.status).toBe('DONE');
  }, 30_000);

  it('dead-letters an event when DynamoDB stays down, and a redrive analyses it', async () => {
    await h.twin.stopDynamo();
    const id = newId();
    await putCapture(
      h.twin,
      `captures/local/${id}/long-outage.pcap`,
      readFileSync(join(PUBLIC, 'tcpdump__isakmp4500.pcap')),
    );
    const dlq = join(h.dataDir, 'dlq');
    const deadline = Date.now() + 20_000;
    while (!(existsSync(dlq) && (await readdir(dlq)).length > 0)) {
      if (Date.now() > deadline) throw new Error('event never reached the DLQ');
      await new Promise((r) => setTimeout(r, 100));
    }
    const entry = JSON.parse(readFileSync(join(dlq, (await readdir(dlq))[0]), 'utf8'));
    expect(entry.event.Records[0].s3.object.key).toBe(`captures/local/${id}/long-outage.pcap`);
    await h.twin.startDynamo();
    expect(await h.twin.redrive()).toBe(1);
    await h.twin.idle();
    expect((await waitForCapture(h.twin, key, id)).capture.status).toBe('DONE');
    expect(await readdir(dlq)).toEqual([]);
  }, 40_000);
});
