// Tenant isolation over every endpoint: a key of one tenant (or an operator of one MSP) can
// neither list, read, query, download, delete nor upload into another tenant. Tenants, keys and uploads
// are made with the real CLI commands against the running twin.
import { readFileSync } from 'node:fs';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { analyzeCapture } from '#shared/analyze.js';
import { api, startHarness, waitForCapture, type Harness } from './twin-harness.js';

const CAPTURE_B = 'test/fixtures/public/suricata-verify__ikev1-isakmp-main-mode.pcap';
const CAPTURE_A = 'test/fixtures/public/tcpdump__isakmp4500.pcap';

let h: Harness;
let local: string[];
const keys: Record<string, string> = {};
const bravoCaptures: string[] = [];
let alphaCapture: string;
let ipB: string;
let bravoCaptureCursor: string;
let bravoDiagnosisCursor: string;

beforeAll(async () => {
  h = await startHarness();
  local = ['--local', '--data-dir', h.dataDir];
  keys.opA = h.twin.firstKey as string; // operator of MSP local-msp, home tenant "local"
  for (const [t, msp] of [
    ['alpha', 'local-msp'],
    ['bravo', 'msp-b'],
    ['bravo-two', 'msp-b'],
  ]) {
    const res = await runCli(['tenant', 'create', t, '--name', `Tenant ${t}`, '--msp', msp, ...local]);
    expect(res.code, res.stderr).toBe(0);
  }
  const newKey = async (tenant: string, operator: boolean) => {
    const res = await runCli(['key', 'create', '--tenant', tenant, ...(operator ? ['--operator'] : []), ...local]);
    expect(res.code, res.stderr).toBe(0);
    return res.stdout.trim();
  };
  keys.alpha = await newKey('alpha', false);
  keys.bravo = await newKey('bravo', false);
  keys.opB = await newKey('bravo', true);
  keys.revoked = await newKey('alpha', false);
  expect((await runCli(['key', 'revoke', keys.revoked, ...local])).code).toBe(0);

  const upload = async (path: string, tenant: string) => {
    const res = await runCli(['upload', path, '--tenant', tenant, ...local]);
    expect(res.code, res.stderr).toBe(0);
    return res.stdout.split('\t')[0];
  };
  bravoCaptures.push(await upload(CAPTURE_B, 'bravo'), await upload(CAPTURE_B, 'bravo'));
  alphaCapture = await upload(CAPTURE_A, 'alpha');
  for (const id of bravoCaptures) expect((await waitForCapture(h.twin, keys.bravo, id)).capture.status).toBe('DONE');
  expect((await waitForCapture(h.twin, keys.alpha, alphaCapture)).capture.status).toBe('DONE');

  ipB = (
    await analyzeCapture(
      (async function* () {
        yield readFileSync(CAPTURE_B);
      })(),
    )
  ).sessions[0].clientIp;
  const ipA = (
    await analyzeCapture(
      (async function* () {
        yield readFileSync(CAPTURE_A);
      })(),
    )
  ).sessions.map((s) => s.clientIp);
  expect(ipA).not.toContain(ipB); // the two tenants' data do not share a client IP
  bravoCaptureCursor = (await api(h.twin, '/api/captures?limit=1', keys.bravo)).json.cursor;
  bravoDiagnosisCursor = (await api(h.twin, `/api/diagnoses?clientIp=${ipB}&limit=1`, keys.bravo)).json.cursor;
  expect(bravoCaptureCursor).toBeTruthy();
  expect(bravoDiagnosisCursor).toBeTruthy();
}, 60_000);
afterAll(async () => h?.close());

type Probe = {
  name: string;
  method?: string;
  path: () => string;
  body?: unknown;
  tenant?: string;
  expect: number | 'no-data';
};

const probes: Probe[] = [
  { name: 'me as bravo', path: () => '/api/me', tenant: 'bravo', expect: 404 },
  { name: 'list bravo', path: () => '/api/captures', tenant: 'bravo', expect: 404 },
  { name: 'list own with bravo cursor', path: () => `/api/captures?cursor=${bravoCaptureCursor}`, expect: 400 },
  { name: 'list own', path: () => '/api/captures?limit=100', expect: 'no-data' },
  { name: 'read bravo capture', path: () => `/api/captures/${bravoCaptures[0]}`, expect: 404 },
  {
    name: 'read bravo capture as bravo',
    path: () => `/api/captures/${bravoCaptures[0]}`,
    tenant: 'bravo',
    expect: 404,
  },
  { name: 'download bravo report', path: () => `/api/captures/${bravoCaptures[0]}/report`, expect: 404 },
  {
    name: 'download bravo report as bravo',
    path: () => `/api/captures/${bravoCaptures[0]}/report`,
    tenant: 'bravo',
    expect: 404,
  },
  { name: 'query bravo client IP', path: () => `/api/diagnoses?clientIp=${ipB}`, expect: 'no-data' },
  {
    name: 'query bravo client IP as bravo',
    path: () => `/api/diagnoses?clientIp=${ipB}`,
    tenant: 'bravo',
    expect: 404,
  },
  {
    name: 'query with bravo cursor',
    path: () => `/api/diagnoses?clientIp=${ipB}&cursor=${bravoDiagnosisCursor}`,
    expect: 400,
  },
  {
    name: 'upload into bravo',
    method: 'POST',
    path: () => '/api/uploads',
    body: { fileName: 'x.pcap', size: 10 },
    tenant: 'bravo',
    expect: 404,
  },
  { name: 'unknown tenant', path: () => '/api/captures', tenant: 'nosuch', expect: 404 },
  { name: 'delete bravo capture', method: 'DELETE', path: () => `/api/captures/${bravoCaptures[0]}`, expect: 404 },
  {
    name: 'delete bravo capture as bravo',
    method: 'DELETE',
    path: () => `/api/captures/${bravoCaptures[1]}`,
    tenant: 'bravo',
    expect: 404,
  },
  { name: 'filter bravo list', path: () => '/api/captures?status=DONE', tenant: 'bravo', expect: 404 },
];

describe.each([
  ['tenant key of another MSP', 'alpha'],
  ['operator key of another MSP', 'opA'],
])('isolation: %s', (_label, who) => {
  it.each(probes)('$name', async (p) => {
    const res = await api(h.twin, p.path(), keys[who], { method: p.method, body: p.body, tenant: p.tenant });
    for (const id of bravoCaptures) expect(res.text).not.toContain(id);
    if (p.expect === 'no-data') {
      expect(res.status).toBe(200);
      expect(res.json.items.every((i: { captureId: string }) => !bravoCaptures.includes(i.captureId))).toBe(true);
    } else {
      expect(res.status).toBe(p.expect);
      expect(res.json.error.code).toBe(p.expect === 404 ? 'NOT_FOUND' : 'BAD_REQUEST');
      expect(typeof res.json.error.message).toBe('string');
    }
  });
});

describe('isolation: positive controls and operators', () => {
  it('the owner reads what the others cannot', async () => {
    expect((await api(h.twin, `/api/captures/${bravoCaptures[0]}`, keys.bravo)).status).toBe(200);
    expect((await api(h.twin, `/api/captures/${bravoCaptures[0]}/report`, keys.bravo)).status).toBe(200);
    const q = await api(h.twin, `/api/diagnoses?clientIp=${ipB}`, keys.bravo);
    expect(q.json.items.map((i: { captureId: string }) => i.captureId).sort()).toEqual([...bravoCaptures].sort());
  });

  it('an operator acts for the tenants of its MSP only', async () => {
    const me = await api(h.twin, '/api/me', keys.opA);
    expect(me.json.tenants.map((t: { tenantId: string }) => t.tenantId).sort()).toEqual(['alpha', 'local']);
    const asAlpha = await api(h.twin, '/api/captures', keys.opA, { tenant: 'alpha' });
    expect(asAlpha.json.items.map((i: { captureId: string }) => i.captureId)).toEqual([alphaCapture]);
    expect((await api(h.twin, `/api/captures/${alphaCapture}/report`, keys.opA, { tenant: 'alpha' })).status).toBe(200);
    expect(
      (
        await api(h.twin, '/api/uploads', keys.opA, {
          method: 'POST',
          tenant: 'alpha',
          body: { fileName: 'a.pcap', size: 5 },
        })
      ).json.key,
    ).toMatch(/^captures\/alpha\//);
    const opB = await api(h.twin, '/api/me', keys.opB, { tenant: 'bravo-two' });
    expect(opB.status).toBe(200);
    expect(opB.json.tenants.map((t: { tenantId: string }) => t.tenantId).sort()).toEqual(['bravo', 'bravo-two']);
    expect((await api(h.twin, `/api/captures/${alphaCapture}`, keys.opB, { tenant: 'alpha' })).status).toBe(404);
  });

  it('a tenant key cannot switch tenants, even within its MSP', async () => {
    expect((await api(h.twin, '/api/captures', keys.alpha, { tenant: 'local' })).status).toBe(404);
    expect((await api(h.twin, '/api/me', keys.alpha, { tenant: 'alpha' })).status).toBe(200);
  });

  it("a presigned URL is signed for the caller's key only", async () => {
    // The twin's S3 checks SigV4 as S3 does: the path is part of what is signed.
    const up = await api(h.twin, '/api/uploads', keys.alpha, {
      method: 'POST',
      body: { fileName: 'evil.pcap', size: 4 },
    });
    const body = new Uint8Array([1, 2, 3, 4]);
    const forged = String(up.json.uploadUrl).replace('/captures/alpha/', '/captures/bravo/');
    expect(forged).not.toBe(up.json.uploadUrl);
    const put = (url: string) => fetch(url, { method: 'PUT', headers: up.json.headers, body });
    expect((await put(forged)).status).toBe(403);
    expect((await put(up.json.uploadUrl)).status).toBe(200);
  });

  it('401 without a valid key on every endpoint', async () => {
    const paths = [
      '/api/me',
      '/api/captures',
      `/api/captures/${alphaCapture}`,
      `/api/captures/${alphaCapture}/report`,
      `/api/diagnoses?clientIp=${ipB}`,
    ];
    for (const key of [undefined, 'vd_notakey', keys.revoked, 'Basic abc']) {
      for (const path of paths) {
        const res = await api(h.twin, path, key);
        expect(res.status, `${path} ${key}`).toBe(401);
        expect(res.json.error.code).toBe('UNAUTHORIZED');
      }
      expect(
        (await api(h.twin, '/api/uploads', key, { method: 'POST', body: { fileName: 'a', size: 1 } })).status,
      ).toBe(401);
      expect((await api(h.twin, `/api/captures/${alphaCapture}`, key, { method: 'DELETE' })).status).toBe(401);
    }
  });

  it('the owner deletes its own capture: object, report, capture and session (client-IP) items; nothing else', async () => {
    const [kept, gone] = bravoCaptures;
    const before = await api(h.twin, `/api/diagnoses?clientIp=${ipB}`, keys.bravo);
    const goneSessions = before.json.items.filter((i: { captureId: string }) => i.captureId === gone).length;
    expect(goneSessions).toBeGreaterThan(0);
    const objectKeys = async () =>
      (await h.twin.clients.s3.send(new ListObjectsV2Command({ Bucket: h.twin.state.bucket }))).Contents?.map(
        (o) => o.Key!,
      ) ?? [];
    expect((await objectKeys()).filter((k) => k.includes(gone))).toHaveLength(2); // capture + report
    const itemsOf = async (id: string) =>
      (
        await h.twin.clients.dynamo.send(
          new QueryCommand({
            TableName: h.twin.state.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
            ExpressionAttributeValues: { ':pk': { S: 'TENANT#bravo' }, ':sk': { S: `CAPTURE#${id}` } },
          }),
        )
      ).Items ?? [];
    const keptItems = (await itemsOf(kept)).length;

    const res = await api(h.twin, `/api/captures/${gone}`, keys.bravo, { method: 'DELETE' });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ captureId: gone, sessions: goneSessions });

    expect((await api(h.twin, `/api/captures/${gone}`, keys.bravo)).status).toBe(404);
    expect((await api(h.twin, `/api/captures/${gone}/report`, keys.bravo)).status).toBe(404);
    expect((await api(h.twin, `/api/captures/${gone}`, keys.bravo, { method: 'DELETE' })).status).toBe(404);
    const list = await api(h.twin, '/api/captures', keys.bravo);
    expect(list.json.items.map((i: { captureId: string }) => i.captureId)).toEqual([kept]);
    const after = await api(h.twin, `/api/diagnoses?clientIp=${ipB}`, keys.bravo);
    expect(after.json.items.map((i: { captureId: string }) => i.captureId)).toEqual(
      before.json.items.map((i: { captureId: string }) => i.captureId).filter((id: string) => id !== gone),
    );
    expect(await itemsOf(gone)).toHaveLength(0);
    expect((await objectKeys()).filter((k) => k.includes(gone))).toEqual([]);
    // The other capture of the tenant, and the other tenants' objects, are untouched.
    expect((await itemsOf(kept)).length).toBe(keptItems);
    expect((await objectKeys()).filter((k) => k.includes(kept))).toHaveLength(2);
    expect((await objectKeys()).filter((k) => k.includes(alphaCapture))).toHaveLength(2);
  });

  it('a PENDING capture is not deleted (its object may still arrive): 409', async () => {
    const up = await api(h.twin, '/api/uploads', keys.alpha, { method: 'POST', body: { fileName: 'p.pcap', size: 5 } });
    const res = await api(h.twin, `/api/captures/${up.json.captureId}`, keys.alpha, { method: 'DELETE' });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('CONFLICT');
    expect((await api(h.twin, `/api/captures/${up.json.captureId}`, keys.alpha)).json.capture.status).toBe('PENDING');
  });
});
