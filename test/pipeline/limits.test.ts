// Responses within Lambda's limits (issue 9). The twin's front now enforces Lambda's 6 MB response
// and API Gateway's 30 s; before, a capture with 700 sessions gave a ~8 MB detail body that AWS
// would have turned into a 500. The API now pages the sessions under the limit.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyzeFile } from '../diagnosis/analyze-file.js';
import { CaptureStore } from '../../lambdas/store/capture-store.js';
import { SessionStore } from '../../lambdas/store/session-store.js';
import { DEFAULT_WRITE_RETRY } from '../../lambdas/retry.js';
import { invokeWithLimits } from '../../lambdas/local/http-server.js';
import { LAMBDA_SYNC_RESPONSE_MAX_BYTES } from '../../lambdas/local/aws-limits.js';
import { api, startHarness, type Harness } from './twin-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterAll(() => h.close());

const event = { rawPath: '/api/x', requestContext: { http: { method: 'GET', path: '/api/x' } } };
const ok = (body: string) => async () => ({ statusCode: 200, headers: {}, body, isBase64Encoded: false });

it('the twin front answers 500 for a response over 6 MB and 503 past the integration timeout', async () => {
  const under = await invokeWithLimits(ok('x'.repeat(LAMBDA_SYNC_RESPONSE_MAX_BYTES - 200)), event);
  expect(under.statusCode).toBe(200);
  const over = await invokeWithLimits(ok('x'.repeat(LAMBDA_SYNC_RESPONSE_MAX_BYTES)), event);
  expect(over).toMatchObject({ statusCode: 500, body: '{"message":"Internal Server Error"}' });
  const slow = await invokeWithLimits(() => new Promise(() => {}), event, 50);
  expect(slow).toMatchObject({ statusCode: 503, body: '{"message":"Service Unavailable"}' });
});

it('pages the sessions of a capture whose detail would exceed 6 MB', async () => {
  const report = await analyzeFile('test/fixtures/public/tcpdump__isakmp4500.pcap');
  const real = report.sessions[0];
  const sessions = Array.from({ length: 700 }, (_, i) => ({ ...real, id: `${real.id}-${String(i).padStart(4, '0')}` }));
  const total = sessions.reduce((n, s) => n + JSON.stringify(s).length, 0);
  expect(total).toBeGreaterThan(LAMBDA_SYNC_RESPONSE_MAX_BYTES);

  const tenantId = 'local';
  const captureId = '01JLIMITS00000000000000000';
  const captures = new CaptureStore(h.twin.clients.dynamo, h.twin.state.table);
  const store = new SessionStore(h.twin.clients.dynamo, h.twin.state.table, DEFAULT_WRITE_RETRY);
  const now = Math.floor(Date.now() / 1000);
  const claim = {
    tenantId,
    captureId,
    fileName: 'many.pcap',
    size: 1,
    objectKey: 'k',
    objectTag: 't',
    uploadedAt: new Date().toISOString(),
    nowEpoch: now,
    leaseSeconds: 60,
    expiresAt: now + 86_400,
  };
  expect(await captures.claim(claim)).toBe('claimed');
  await store.putSessions(
    { tenantId, captureId, fileName: 'many.pcap', analyzedAt: claim.uploadedAt, expiresAt: claim.expiresAt },
    sessions,
  );
  await captures.markDone(tenantId, captureId, 't', {
    frames: 1,
    verdict: report.verdict,
    clientVerdicts: [],
    sessions: sessions.length,
    analyzedAt: claim.uploadedAt,
  });

  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const res = await api(h.twin, `/api/captures/${captureId}${cursor ? `?cursor=${cursor}` : ''}`, h.twin.firstKey);
    expect(res.status).toBe(200);
    expect(Buffer.byteLength(res.text)).toBeLessThan(LAMBDA_SYNC_RESPONSE_MAX_BYTES / 2);
    ids.push(...res.json.sessions.map((s: { id: string }) => s.id));
    cursor = res.json.cursor;
    pages++;
  } while (cursor);
  expect(pages).toBeGreaterThan(1);
  expect(ids.sort()).toEqual(sessions.map((s) => s.id).sort());
  // A cursor of another capture is refused.
  const other = await api(h.twin, `/api/captures/01JOTHER000000000000000000?cursor=x`, h.twin.firstKey);
  expect(other.status).toBe(404);
}, 60_000);
