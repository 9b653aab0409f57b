// The contract test: every exchange of test/fixtures/meraki/contract.json is replayed against the
// fake, whose answers must have the status, headers and shape the public documentation gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD } from '../../lambdas/local/meraki-fake/world.js';
import type { FakeMeraki } from '../../lambdas/local/meraki-fake/server.js';
import { CONTRACT, exampleOf, operation, shapeDiff, type ContractExchange } from './contract-fixture.js';
import { startFake } from './fake-harness.js';

let fake: FakeMeraki;
const ids: Record<string, string> = {};

beforeAll(async () => {
  fake = await startFake();
  // The newest stored capture: starting one rotates the oldest out, as the cloud does.
  ids.stored = fake.world.captures[fake.world.captures.length - 1].captureId;
});
afterAll(async () => fake?.close());

function keyFor(e: ContractExchange): string | undefined {
  if (e.key === null) return undefined;
  if (e.key === 'wrong') return 'NOT-A-MERAKI-KEY';
  return CONTRACT.replay.keys[e.key];
}

async function replay(e: ContractExchange) {
  const path = e.request.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? `{${name}}`);
  const url = new URL(fake.baseUrl + path);
  for (const [k, v] of e.request.query ?? []) url.searchParams.append(k, v);
  const headers: Record<string, string> = {};
  const key = keyFor(e);
  if (key)
    headers[e.legacyHeader ? 'x-cisco-meraki-api-key' : 'authorization'] = e.legacyHeader ? key : `Bearer ${key}`;
  const body = e.request.bodyOf ? operation(e.request.bodyOf).body?.example : e.request.body;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (e.given === 'rateLimitOnce') fake.faults.rateLimit(1, 2);
  const res = await fetch(url, {
    method: e.request.method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { res, json: text ? JSON.parse(text) : undefined };
}

describe('the fake Meraki API answers as contract.json documents', () => {
  it('uses the identities the contract replays with', () => {
    expect(CONTRACT.replay.keys).toEqual({ full: WORLD.fullKey, readOnly: WORLD.readOnlyKey });
    expect(CONTRACT.replay.world).toEqual({
      organizationId: WORLD.orgId,
      hiddenOrganizationId: WORLD.hiddenOrgId,
      mx: WORLD.mx,
      notMx: WORLD.notMx,
    });
  });

  // In file order: later exchanges use ids made by earlier ones ({started}, {stored}).
  for (const e of CONTRACT.replay.exchanges) {
    it(e.name, async () => {
      const { res, json } = await replay(e);
      expect(res.status, JSON.stringify(json)).toBe(e.expect.status);
      if (e.expect.shapeOf) expect(shapeDiff(json, exampleOf(e.expect.shapeOf))).toEqual([]);
      if (e.expect.shapeOf === 'errors') expect((json as { errors: string[] }).errors[0].length).toBeGreaterThan(0);
      if (e.expect.items !== undefined) expect((json as { items: unknown[] }).items).toHaveLength(e.expect.items);
      if (e.expect.link) {
        const rels = [...(res.headers.get('link') ?? '').matchAll(/rel=(\w+)/g)].map((m) => m[1]);
        expect(rels).toEqual(e.expect.link);
      }
      if (e.expect.retryAfter) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      if (e.name === 'start a capture') ids.started = (json as { captureId: string }).captureId;
      if (e.expect.fetchUrl) {
        const file = await fetch((json as { url: string }).url);
        expect(file.status).toBe(200);
        const bytes = new Uint8Array(await file.arrayBuffer());
        expect([...bytes.subarray(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
      }
    });
  }

  it('documents every operation it replays, with its method and path', () => {
    for (const e of CONTRACT.replay.exchanges) {
      if (!e.expect.shapeOf || e.expect.shapeOf === 'errors') continue;
      const op = operation(e.expect.shapeOf);
      const pattern = new RegExp('^' + op.path.replace(/\{\w+\}/g, '[^/]+') + '$');
      const path = e.request.path.replace(/\{(\w+)\}/g, 'x');
      if (op.method === e.request.method) expect(path).toMatch(pattern);
    }
  });
});

describe("the client's parsing reads the documented examples", () => {
  it('organizations, devices, uplink statuses', async () => {
    const { parseOrganizations, parseDevices, parseUplinkStatuses } = await import('#shared/meraki/parse.js');
    const orgs = exampleOf('getOrganizations') as { id: string; name: string }[];
    expect(parseOrganizations(orgs)).toMatchObject([{ id: orgs[0].id, name: orgs[0].name, apiEnabled: true }]);
    const devices = exampleOf('getOrganizationDevices') as { serial: string; productType: string; networkId: string }[];
    expect(parseDevices(devices)).toMatchObject([
      { serial: devices[0].serial, productType: 'appliance', networkId: devices[0].networkId },
    ]);
    const statuses = exampleOf('getOrganizationApplianceUplinkStatuses') as {
      serial: string;
      uplinks: { publicIp: string }[];
    }[];
    const parsed = parseUplinkStatuses(statuses);
    expect(parsed[0].serial).toBe(statuses[0].serial);
    const { mxWanIp } = await import('#shared/meraki/wan-ip.js');
    expect(mxWanIp(parsed[0])).toBe(statuses[0].uplinks[0].publicIp);
  });

  it('the capture list, a started capture, a stopped capture and a download URL', async () => {
    const { parseCaptureList, parseCapture, parseDownloadUrl } = await import('#shared/meraki/parse.js');
    const { capturePhase } = await import('#shared/meraki/capture-status.js');
    const list = exampleOf('getOrganizationDevicesPacketCaptureCaptures') as { items: Record<string, any>[] };
    const [c] = parseCaptureList(list);
    expect(c).toMatchObject({
      captureId: list.items[0].captureId,
      name: list.items[0].name,
      serial: list.items[0].device.serial,
      networkId: list.items[0].network.id,
      size: list.items[0].file.size,
      interface: 'wan1',
    });
    expect(capturePhase(c.status)).toBe('finished');
    const started = parseCapture(exampleOf('createOrganizationDevicesPacketCaptureCapture'));
    expect(capturePhase(started.status)).toBe('running');
    expect(parseCapture(exampleOf('stopOrganizationDevicesPacketCaptureCapture')).captureId).toBe(started.captureId);
    const dl = exampleOf('generateOrganizationDevicesPacketCaptureCaptureDownloadUrl') as {
      url: string;
      captureId: string;
    };
    expect(parseDownloadUrl(dl)).toEqual({ captureId: dl.captureId, url: dl.url });
  });

  it('the error body, the rate-limit body and the Link header of the pagination guide', async () => {
    const { parseErrorBody } = await import('#shared/meraki/parse.js');
    const { parseLinkHeader } = await import('#shared/meraki/link-header.js');
    expect(parseErrorBody(CONTRACT.errors.body)).toEqual(['VLANs are not enabled for this network']);
    expect(parseErrorBody(CONTRACT.rateLimit.body)).toEqual(['API rate limit exceeded for organization']);
    const links = parseLinkHeader(CONTRACT.pagination.example);
    expect(Object.keys(links)).toEqual(['first', 'next', 'last']);
    expect(new URL(links.next).searchParams.get('startingAfter')).toBe('105');
  });

  it('the start request the client builds has the documented body fields and required ones', async () => {
    const { captureRequest, VPN_CAPTURE_FILTER } = await import('#shared/meraki/capture-plan.js');
    const op = operation('createOrganizationDevicesPacketCaptureCapture');
    const body = captureRequest(WORLD.mx, 90, '2026-11-27T03:50:00.000Z');
    for (const k of op.body?.required ?? []) expect(body).toHaveProperty(k);
    expect(shapeDiff(body, op.body?.example)).toEqual([]);
    expect(body.filterExpression).toBe(VPN_CAPTURE_FILTER);
  });
});
