// The whole Meraki flow through the local twin and the fake Meraki cloud, over the HTTP API:
// connect, list cloud captures and MXs, import (idempotent), capture and diagnose to a verdict,
// each failure with its message, tenant isolation, and the Meraki key in no log line, API
// response or stored item.
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD } from '../../lambdas/local/meraki-fake/world.js';
import { api as rawApi, waitForCapture } from '../pipeline/twin-harness.js';
import { startMerakiHarness, type MerakiHarness } from './twin-meraki-harness.js';

let m: MerakiHarness;
const responses: string[] = [];
const expectedVerdict = (scenario: string) =>
  (JSON.parse(readFileSync(`test/fixtures/scenarios/${scenario}/expected.json`, 'utf8')) as { verdict: string })
    .verdict;

async function api(path: string, key: string, init: { method?: string; body?: unknown; tenant?: string } = {}) {
  const res = await rawApi(m.h.twin, path, key, init);
  responses.push(res.text);
  return res;
}

async function pollJob(key: string, jobId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  const states: string[] = [];
  for (;;) {
    const res = await api(`/api/meraki/jobs/${jobId}`, key);
    expect(res.status, res.text).toBe(200);
    if (states[states.length - 1] !== res.json.state) states.push(res.json.state);
    if (res.json.state === 'DONE' || res.json.state === 'FAILED') return { job: res.json, states };
    if (Date.now() > deadline) throw new Error(`job still ${res.json.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  m = await startMerakiHarness();
}, 60_000);
afterAll(async () => m?.close());

describe('connecting a Meraki API key', () => {
  it('starts unconnected', async () => {
    const res = await api('/api/meraki/connection', m.keys.alpha);
    expect(res).toMatchObject({ status: 200, json: { connection: null } });
  });

  it('a wrong key is refused with the reason', async () => {
    const res = await api('/api/meraki/connection', m.keys.alpha, {
      method: 'PUT',
      body: { apiKey: 'NOT-A-VALID-MERAKI-KEY-000' },
    });
    expect(res.status).toBe(502);
    expect(res.json.error.code).toBe('MERAKI_UNAUTHORIZED');
    expect(res.json.error.message).toMatch(/revoked, expired or mistyped/);
  });

  it('an organization the key does not reach is refused', async () => {
    const res = await api('/api/meraki/connection', m.keys.alpha, {
      method: 'PUT',
      body: { apiKey: WORLD.fullKey, organizationIds: [WORLD.hiddenOrgId] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/does not reach organization 549299/);
  });

  it('stores the key and shows only its last 4 characters, the organizations and when it was used', async () => {
    const res = await api('/api/meraki/connection', m.keys.alpha, {
      method: 'PUT',
      body: { apiKey: WORLD.fullKey, organizationIds: [WORLD.orgId] },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.connection).toMatchObject({
      keyLast4: '0001',
      organizations: [{ id: WORLD.orgId, name: 'Example MSP customer' }],
    });
    expect(res.text).not.toContain(WORLD.fullKey);
    const again = await api('/api/meraki/connection', m.keys.alpha);
    expect(Object.keys(again.json.connection).sort()).toEqual(['createdAt', 'keyLast4', 'lastUsedAt', 'organizations']);
  });
});

describe('the cloud captures and MXs of the connected organization', () => {
  it('lists the MXs with their WAN address from the uplink statuses', async () => {
    const res = await api(`/api/meraki/organizations/${WORLD.orgId}/appliances`, m.keys.alpha);
    expect(res.json.items).toEqual([
      { serial: WORLD.mx, name: 'Branch MX', model: 'MX68', networkId: WORLD.networkId, wanIp: WORLD.mxIp },
    ]);
  });

  it('lists every stored capture (all pages), filters by serial and status', async () => {
    const all = await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.alpha);
    expect(all.json.items).toHaveLength(10);
    const none = await api(`/api/meraki/organizations/${WORLD.orgId}/captures?serial=${WORLD.notMx}`, m.keys.alpha);
    expect(none.json.items).toEqual([]);
    const done = await api(
      `/api/meraki/organizations/${WORLD.orgId}/captures?serial=${WORLD.mx}&status=completed`,
      m.keys.alpha,
    );
    expect(done.json.items).toHaveLength(10);
  });

  it('a 429 from Meraki is waited out', async () => {
    m.fake.faults.rateLimit(1, 1);
    const started = Date.now();
    const res = await api(`/api/meraki/organizations/${WORLD.orgId}/appliances`, m.keys.alpha);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('importing', () => {
  let cloud: { captureId: string; name: string }[];
  let first: { merakiCaptureId: string; captureId: string; status: string }[];

  it('imports two captures into the tenant, then diagnoses them as the scenario says', async () => {
    cloud = (await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.alpha)).json.items
      .filter(
        (c: { name: string }) => c.name === 'wrong-psk-nat' || c.name === 'esp-one-way' || c.name === 'ke-replies-lost',
      )
      .slice(0, 2);
    expect(cloud).toHaveLength(2);
    const res = await api(`/api/meraki/organizations/${WORLD.orgId}/imports`, m.keys.alpha, {
      method: 'POST',
      body: { captureIds: cloud.map((c) => c.captureId) },
    });
    expect(res.status, res.text).toBe(200);
    first = res.json.results;
    expect(first.map((r) => r.status)).toEqual(['imported', 'imported']);
    for (const [i, r] of first.entries()) {
      const detail = await waitForCapture(m.h.twin, m.keys.alpha, r.captureId);
      expect(detail.capture).toMatchObject({
        status: 'DONE',
        verdict: expectedVerdict(cloud[i].name),
        mxIp: WORLD.mxIp,
        merakiCaptureId: r.merakiCaptureId,
        merakiSerial: WORLD.mx,
        merakiNetworkId: WORLD.networkId,
        fileName: `${cloud[i].name}.pcap`,
      });
    }
  });

  it('never imports the same capture twice, and the list says which are imported', async () => {
    const res = await api(`/api/meraki/organizations/${WORLD.orgId}/imports`, m.keys.alpha, {
      method: 'POST',
      body: { captureIds: cloud.map((c) => c.captureId) },
    });
    expect(res.json.results).toEqual(
      first.map((r) => ({ merakiCaptureId: r.merakiCaptureId, captureId: r.captureId, status: 'already-imported' })),
    );
    const listed = (await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.alpha)).json.items;
    for (const r of first)
      expect(listed.find((c: { captureId: string }) => c.captureId === r.merakiCaptureId).importedCaptureId).toBe(
        r.captureId,
      );
    const ours = (await api('/api/captures', m.keys.alpha)).json.items;
    expect(ours).toHaveLength(2);
  });

  it('a capture deleted on the Meraki side is reported, not imported', async () => {
    const listed = (await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.alpha)).json.items;
    const victim = listed.find((c: { importedCaptureId?: string }) => !c.importedCaptureId);
    m.fake.faults.deleteCapture(victim.captureId);
    const res = await api(`/api/meraki/organizations/${WORLD.orgId}/imports`, m.keys.alpha, {
      method: 'POST',
      body: { captureIds: [victim.captureId] },
    });
    expect(res.json.results).toEqual([
      {
        merakiCaptureId: victim.captureId,
        status: 'failed',
        error: expect.stringMatching(/deleted, or replaced by newer captures/),
      },
    ]);
  });
});

describe('capture and diagnose', () => {
  let measured: number;

  it('captures on the MX, waits the duration, stops, imports and gives the verdict', async () => {
    const t0 = performance.now();
    const res = await api('/api/meraki/jobs', m.keys.alpha, { method: 'POST', body: { serial: WORLD.mx, seconds: 2 } });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      state: 'CAPTURING',
      serial: WORLD.mx,
      organizationId: WORLD.orgId,
      seconds: 2,
      mxIp: WORLD.mxIp,
    });
    expect(res.json.remainingSeconds).toBeGreaterThan(0);
    const { job, states } = await pollJob(m.keys.alpha, res.json.jobId);
    measured = performance.now() - t0;
    expect(job).toMatchObject({ state: 'DONE', verdict: expectedVerdict('wrong-psk-nat') });
    expect(states[0]).toBe('CAPTURING');
    expect(states).toContain('ANALYZING');
    // The capture asked of Meraki: the internet interface, the Client VPN filter, our duration.
    const cloud = m.fake.world.captures.find((c) => c.captureId === job.merakiCaptureId);
    expect(cloud).toMatchObject({
      interface: 'wan1',
      duration: 2,
      filterExpression: 'udp port 500 or udp port 4500 or udp port 1701 or esp or port 443',
    });
    const detail = (await api(`/api/captures/${job.captureId}`, m.keys.alpha)).json;
    expect(detail.capture).toMatchObject({ mxIp: WORLD.mxIp, status: 'DONE' });
    expect(detail.sessions[0]).toMatchObject({ responderIp: WORLD.mxIp, verdict: 'PSK_MISMATCH' });
    console.log(`capture and diagnose through the fake, 2 s capture: ${Math.round(measured)} ms from start to verdict`);
  });

  it('a device that is not an MX, or not in the organization, is refused with the reason', async () => {
    const ap = await api('/api/meraki/jobs', m.keys.alpha, {
      method: 'POST',
      body: { serial: WORLD.notMx, seconds: 2 },
    });
    expect(ap.status).toBe(400);
    expect(ap.json.error.message).toMatch(/Q2MR-VPND-0002 is a wireless device \(MR46\), not an MX/);
    const missing = await api('/api/meraki/jobs', m.keys.alpha, {
      method: 'POST',
      body: { serial: WORLD.otherMx, seconds: 2 },
    });
    expect(missing.status).toBe(404);
    const bad = await api('/api/meraki/jobs', m.keys.alpha, { method: 'POST', body: { serial: WORLD.mx, seconds: 0 } });
    expect(bad.status).toBe(400);
  });

  it('a capture that fails on the Meraki side ends the job with its message', async () => {
    m.fake.faults.failNextCapture('The device is offline');
    const res = await api('/api/meraki/jobs', m.keys.alpha, { method: 'POST', body: { serial: WORLD.mx, seconds: 1 } });
    const { job } = await pollJob(m.keys.alpha, res.json.jobId);
    expect(job).toMatchObject({
      state: 'FAILED',
      error: 'the capture failed on the Meraki side: The device is offline',
    });
  });

  it('a read-only key cannot start a capture, and says which permission is missing', async () => {
    const c = await api('/api/meraki/connection', m.keys.bravo, { method: 'PUT', body: { apiKey: WORLD.readOnlyKey } });
    expect(c.status, c.text).toBe(200);
    const res = await api('/api/meraki/jobs', m.keys.bravo, { method: 'POST', body: { serial: WORLD.mx, seconds: 2 } });
    expect(res.status).toBe(502);
    expect(res.json.error).toMatchObject({
      code: 'MERAKI_FORBIDDEN',
      message: expect.stringMatching(/full \(read-write\) organization access, not read-only/),
    });
  });
});

describe('tenant isolation', () => {
  it("a tenant of another MSP sees no connection and reaches none of alpha's organizations, imports or jobs", async () => {
    expect((await api('/api/meraki/connection', m.keys.charlie)).json).toEqual({ connection: null });
    for (const path of [
      `/api/meraki/organizations/${WORLD.orgId}/captures`,
      `/api/meraki/organizations/${WORLD.orgId}/appliances`,
    ]) {
      const res = await api(path, m.keys.charlie);
      expect(res.status).toBe(409); // not connected: charlie cannot borrow alpha's key
    }
    const c = await api('/api/meraki/connection', m.keys.charlie, {
      method: 'PUT',
      body: { apiKey: WORLD.otherTenantKey },
    });
    expect(c.json.connection.organizations).toEqual([{ id: WORLD.hiddenOrgId, name: 'Another customer' }]);
    const res = await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.charlie);
    expect(res.status).toBe(404);
    const imp = await api(`/api/meraki/organizations/${WORLD.orgId}/imports`, m.keys.charlie, {
      method: 'POST',
      body: { captureIds: ['4100000001'] },
    });
    expect(imp.status).toBe(404);
    const alphaJob = await api('/api/meraki/jobs', m.keys.alpha, {
      method: 'POST',
      body: { serial: WORLD.mx, seconds: 30 },
    });
    expect((await api(`/api/meraki/jobs/${alphaJob.json.jobId}`, m.keys.charlie)).status).toBe(404);
    const mxOfAlpha = await api('/api/meraki/jobs', m.keys.charlie, {
      method: 'POST',
      body: { serial: WORLD.mx, seconds: 2 },
    });
    expect(mxOfAlpha.status).toBe(404);
  });

  it('an operator of another MSP cannot act for alpha; bravo (same MSP) keeps its own connection', async () => {
    const res = await api('/api/meraki/connection', m.keys.opC, { tenant: 'alpha' });
    expect(res.status).toBe(404);
    expect((await api('/api/meraki/connection', m.keys.bravo)).json.connection.keyLast4).toBe('0002');
    expect((await api('/api/meraki/connection', m.keys.alpha)).json.connection.keyLast4).toBe('0001');
  });

  it('disconnecting removes the key: the connection cannot be used any more', async () => {
    expect((await api('/api/meraki/connection', m.keys.bravo, { method: 'DELETE' })).json).toEqual({
      connection: null,
    });
    expect((await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.bravo)).status).toBe(409);
  });
});

describe('a key revoked on the Meraki side', () => {
  it('fails the next call with a message saying so', async () => {
    m.fake.world.keys.set('FAKE-SOON-REVOKED-KEY-0004', {
      orgIds: new Set([WORLD.orgId]),
      readOnly: false,
      revoked: false,
    });
    expect(
      (
        await api('/api/meraki/connection', m.keys.bravo, {
          method: 'PUT',
          body: { apiKey: 'FAKE-SOON-REVOKED-KEY-0004' },
        })
      ).status,
    ).toBe(200);
    m.fake.faults.revokeKey('FAKE-SOON-REVOKED-KEY-0004');
    const res = await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.bravo);
    expect(res.status).toBe(502);
    expect(res.json.error).toMatchObject({
      code: 'MERAKI_UNAUTHORIZED',
      message: expect.stringMatching(/revoked, expired or mistyped/),
    });
  });
});

describe('the Meraki keys are in no log line, API response or stored item', () => {
  const secrets = [WORLD.fullKey, WORLD.readOnlyKey, WORLD.otherTenantKey, 'FAKE-SOON-REVOKED-KEY-0004'];

  async function* files(dir: string): AsyncGenerator<string> {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) yield* files(p);
      else yield p;
    }
  }

  it('logs and responses', () => {
    expect(m.logLines.length).toBeGreaterThan(5);
    expect(responses.length).toBeGreaterThan(20);
    for (const s of secrets) {
      for (const line of m.logLines) expect(line).not.toContain(s);
      for (const r of responses) expect(r).not.toContain(s);
    }
  });

  it('every table item, and every file of the data directory (S3, DynamoDB, vault)', async () => {
    const items = await m.h.twin.clients.dynamo.send(new ScanCommand({ TableName: m.h.twin.state.table }));
    const text = JSON.stringify(items.Items);
    expect(text).toContain('meraki-connection');
    let scanned = 0;
    for await (const path of files(m.h.dataDir)) {
      const bytes = await readFile(path);
      scanned++;
      for (const s of secrets) {
        expect(text).not.toContain(s);
        expect(bytes.includes(Buffer.from(s)), path).toBe(false);
      }
    }
    expect(scanned).toBeGreaterThan(5);
  });
});
