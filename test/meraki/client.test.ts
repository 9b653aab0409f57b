// The Meraki client against the fake: paging, filters, retries honouring Retry-After (with the
// progress it reports), redirects to a shard, the capture life cycle, and each failure a user
// meets, with its message.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD } from '../../lambdas/local/meraki-fake/world.js';
import type { FakeMeraki } from '../../lambdas/local/meraki-fake/server.js';
import { MerakiClient, type MerakiProgress } from '../../lambdas/meraki/client.js';
import { MerakiApiError } from '../../lambdas/meraki/errors.js';
import { captureRequest } from '#shared/meraki/capture-plan.js';
import { startFake } from './fake-harness.js';

let fake: FakeMeraki;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => fake?.close());

function client(apiKey: string = WORLD.fullKey, extra: Partial<ConstructorParameters<typeof MerakiClient>[0]> = {}) {
  const progress: MerakiProgress[] = [];
  const waits: number[] = [];
  const c = new MerakiClient({
    apiKey,
    baseUrl: fake.baseUrl,
    onProgress: (p) => progress.push(p),
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { c, progress, waits };
}

async function failure(p: Promise<unknown>): Promise<MerakiApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(MerakiApiError);
    return err as MerakiApiError;
  }
  throw new Error('expected a MerakiApiError');
}

const listRequests = () => fake.requests.filter((r) => r.path.includes('/packetCapture/captures?')).length;

describe('reading through the fake', () => {
  it('lists the organizations the key sees, and only those', async () => {
    const orgs = await client().c.organizations();
    expect(orgs.map((o) => o.id)).toEqual([WORLD.orgId, WORLD.secondOrgId]);
  });

  it('follows Link rel=next through every page of the capture list', async () => {
    const before = listRequests();
    const captures = await client().c.captures(WORLD.orgId, {}, 3);
    expect(captures).toHaveLength(10);
    expect(new Set(captures.map((c) => c.captureId)).size).toBe(10);
    expect(listRequests() - before).toBe(4); // 3 + 3 + 3 + 1
    // Newest first, as the API sorts by default.
    const starts = captures.map((c) => Date.parse(c.startTs ?? ''));
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
  });

  it('filters by serial, network, status and time', async () => {
    const { c } = client();
    expect(await c.captures(WORLD.orgId, { serials: [WORLD.notMx] })).toEqual([]);
    expect(await c.captures(WORLD.orgId, { networkIds: [WORLD.networkId], captureStatus: ['completed'] })).toHaveLength(
      10,
    );
    const all = await c.captures(WORLD.orgId);
    const t0 = all[2].startTs as string;
    expect((await c.captures(WORLD.orgId, { t0 })).map((x) => x.captureId)).toEqual(
      all.slice(0, 3).map((x) => x.captureId),
    );
  });

  it('finds the MXs and their WAN address', async () => {
    const { c } = client();
    expect((await c.appliances(WORLD.orgId)).map((d) => d.serial)).toEqual([WORLD.mx]);
    const [status] = await c.uplinkStatuses(WORLD.orgId, [WORLD.mx]);
    expect(status.uplinks[0]).toMatchObject({ interface: 'wan1', publicIp: WORLD.mxIp });
    expect((await c.device(WORLD.orgId, WORLD.notMx))?.productType).toBe('wireless');
  });

  it('follows a redirect to a regional shard and keeps the Bearer key', async () => {
    fake.faults.shardRedirect(true);
    try {
      const { c, progress } = client();
      expect(await c.organizations()).toHaveLength(2);
      expect(progress).toContainEqual({ type: 'redirect', action: 'list the organizations', to: fake.origin });
      const last = fake.requests[fake.requests.length - 1];
      expect(last).toMatchObject({ path: '/n1/api/v1/organizations', status: 200, auth: 'bearer' });
    } finally {
      fake.faults.shardRedirect(false);
    }
  });
});

describe('retries', () => {
  it('waits what Retry-After says, reports each wait, then succeeds', async () => {
    fake.faults.rateLimit(2, 3);
    const { c, progress, waits } = client();
    expect(await c.appliances(WORLD.orgId)).toHaveLength(1);
    expect(waits).toEqual([3000, 3000]);
    expect(progress).toEqual([
      {
        type: 'retry',
        action: 'list the MX appliances',
        attempt: 1,
        waitMs: 3000,
        status: 429,
        reason: 'rate-limited',
      },
      {
        type: 'retry',
        action: 'list the MX appliances',
        attempt: 2,
        waitMs: 3000,
        status: 429,
        reason: 'rate-limited',
      },
    ]);
  });

  it('gives up after its bounded attempts with a rate-limit message', async () => {
    fake.faults.rateLimit(10, 1);
    const { c, waits } = client(WORLD.fullKey, { maxAttempts: 3 });
    const err = await failure(c.organizations());
    fake.faults.rateLimit(0);
    expect(err.kind).toBe('rate-limited');
    expect(err.status).toBe(429);
    expect(waits).toHaveLength(2);
    expect(err.message).toMatch(/429 .*10 requests per second per organization.* after 3 attempts/);
  });

  it('does not wait for a Retry-After longer than its limit', async () => {
    fake.faults.rateLimit(1, 3600);
    const err = await failure(client(WORLD.fullKey, { maxRetryAfterMs: 60_000 }).c.organizations());
    expect(err.kind).toBe('rate-limited');
    expect(err.message).toMatch(/Retry-After 3600 s is longer than we wait/);
  });

  it('retries a read after a network error, but never re-sends a start', async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const { c, progress } = client(WORLD.fullKey, { fetch: flaky });
    expect(await c.organizations()).toHaveLength(2);
    expect(progress[0]).toMatchObject({ type: 'retry', reason: 'network', attempt: 1 });
    calls = 0;
    const err = await failure(c.startCapture(WORLD.orgId, captureRequest(WORLD.mx, 5, new Date().toISOString())));
    expect(err.kind).toBe('network');
    expect(calls).toBe(1);
  });
});

describe('failures a user meets, each with its message', () => {
  it('a revoked key: 401, says the key was rejected and how to get a new one', async () => {
    fake.world.keys.set('FAKE-SOON-REVOKED', { orgIds: new Set([WORLD.orgId]), readOnly: false, revoked: false });
    fake.faults.revokeKey('FAKE-SOON-REVOKED');
    const err = await failure(client('FAKE-SOON-REVOKED').c.organizations());
    expect(err).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(err.message).toMatch(/rejected the API key .* revoked, expired or mistyped.*API access/);
    expect(err.message).not.toContain('FAKE-SOON-REVOKED');
  });

  it('a read-only key: reads work, a start is 403 naming the write permission', async () => {
    const { c } = client(WORLD.readOnlyKey);
    expect(await c.captures(WORLD.orgId)).not.toHaveLength(0);
    const err = await failure(c.startCapture(WORLD.orgId, captureRequest(WORLD.mx, 5, new Date().toISOString())));
    expect(err).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(err.message).toMatch(
      /may read organization 549236 but not change it.*full \(read-write\) organization access, not read-only/,
    );
  });

  it('an organization the key cannot see: 404 naming the organization', async () => {
    const err = await failure(client().c.appliances(WORLD.hiddenOrgId));
    expect(err).toMatchObject({ kind: 'not-found', status: 404 });
    expect(err.message).toMatch(/organization 549299 is not visible to this API key/);
  });

  it('a device that is not an MX cannot be captured on its WAN', async () => {
    const err = await failure(
      client().c.startCapture(WORLD.orgId, captureRequest(WORLD.notMx, 5, new Date().toISOString())),
    );
    expect(err).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(err.message).toMatch(/Interface 'wan1' is not valid for device Q2MR-VPND-0002 \(MR46\)/);
  });

  it('a capture deleted on the Meraki side: 404 that says the cloud keeps only a few', async () => {
    const { c } = client();
    const [victim] = await c.captures(WORLD.orgId);
    fake.faults.deleteCapture(victim.captureId);
    const err = await failure(c.downloadUrl(WORLD.orgId, victim.captureId));
    expect(err.kind).toBe('not-found');
    expect(err.message).toMatch(/may have been deleted.*keeps about 10/);
  });
});

describe('the capture life cycle', () => {
  it('runs for its duration, then completes, and its file is the recorded capture', async () => {
    const { c } = client();
    const started = await c.startCapture(WORLD.orgId, captureRequest(WORLD.mx, 1, new Date().toISOString()));
    expect(started.status).toBe('running');
    expect((await c.capture(WORLD.orgId, started.captureId))?.status).toBe('running');
    await new Promise((r) => setTimeout(r, 1100));
    const done = await c.capture(WORLD.orgId, started.captureId);
    expect(done).toMatchObject({ status: 'completed', serial: WORLD.mx });
    const { url } = await c.downloadUrl(WORLD.orgId, started.captureId);
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(Buffer.from(bytes).equals(readFileSync('test/fixtures/scenarios/wrong-psk-nat/capture.pcap'))).toBe(true);
    expect(done?.size).toBe(bytes.length);
  });

  it('a stop ends it early', async () => {
    const { c } = client();
    const started = await c.startCapture(WORLD.orgId, captureRequest(WORLD.mx, 300, new Date().toISOString()));
    const stopped = await c.stopCapture(WORLD.orgId, started.captureId, [WORLD.mx]);
    expect(stopped.status).toBe('stopped');
  });

  it('a capture that failed on the Meraki side reports its error and has no file', async () => {
    fake.faults.failNextCapture('Device went offline during the capture');
    const { c } = client();
    const started = await c.startCapture(WORLD.orgId, captureRequest(WORLD.mx, 1, new Date().toISOString()));
    await new Promise((r) => setTimeout(r, 1100));
    expect(await c.capture(WORLD.orgId, started.captureId)).toMatchObject({
      status: 'failed',
      errorMessage: 'Device went offline during the capture',
    });
    const err = await failure(c.downloadUrl(WORLD.orgId, started.captureId));
    expect(err.message).toMatch(/failed: Device went offline/);
  });

  it('a download URL is short-lived', async () => {
    const { c } = client();
    const [stored] = await c.captures(WORLD.orgId, { captureStatus: ['completed'] });
    const short = await startFake({ downloadUrlTtlMs: 50 });
    try {
      const sc = new MerakiClient({ apiKey: WORLD.fullKey, baseUrl: short.baseUrl });
      const [s] = await sc.captures(WORLD.orgId);
      const { url } = await sc.downloadUrl(WORLD.orgId, s.captureId);
      await new Promise((r) => setTimeout(r, 80));
      expect((await fetch(url)).status).toBe(403);
    } finally {
      await short.close();
    }
    expect(stored).toBeDefined();
  });
});

describe('the key stays with the API', () => {
  it('a paging link to another host is refused, the key is not sent there', async () => {
    const seen: string[] = [];
    const evil: typeof fetch = async (input, init) => {
      seen.push(String(input));
      if (seen.length === 1) {
        return new Response(JSON.stringify([{ id: '1', name: 'x' }]), {
          status: 200,
          headers: { link: '<https://attacker.example/api/v1/organizations?startingAfter=1>; rel=next' },
        });
      }
      return fetch(input, init);
    };
    const err = await failure(
      new MerakiClient({ apiKey: WORLD.fullKey, baseUrl: fake.baseUrl, fetch: evil }).organizations(),
    );
    expect(err.kind).toBe('bad-response');
    expect(seen).toHaveLength(1);
  });
});
