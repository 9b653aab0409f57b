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
  if (key) headers[e.legacyHeader ? 'x-cisco-meraki-api-key' : 'authorization'] = e.legacyHeader ? key : `Bearer ${key}`;
  const body = e.request.bodyOf ? operation(e.request.bodyOf).body?.example : e.request.body;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (e.given === 'rateLimitOnce') fake.faults.rateLimit(1, 2);
  const res = await fetch(url, { method: e.request.method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { res, json: text ? JSON.parse(text) : undefined };
}

describe('the fake Meraki API answers as contract.json documents', () => {
  it('uses the identities the contract replays with', () => {
    expect(CONTRACT.replay.keys).toEqual({ full: WORLD.fullKey, readOnly: WORLD.readOnlyKey });
    expect(CONTRACT.replay.world).toEqual({ organizationId: WORLD.orgId, hiddenOrganizationId: WORLD.hiddenOrgId, mx: WORLD.mx, notMx: WORLD.notMx });
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
