// Fair use (issue 9): per-key and per-tenant limits answered 429 with Retry-After, and unknown
// keys refused from a short negative cache instead of a table read each time.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveCaller, createCallerCaches } from '../../lambdas/api/caller.js';
import type { TenantStore } from '../../lambdas/store/tenant-store.js';
import { createKey } from '../../lambdas/auth/key-admin.js';
import { TenantStore as RealTenantStore } from '../../lambdas/store/tenant-store.js';
import { api, startHarness, type Harness } from './twin-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rateLimits: { perKey: 5, perTenant: 8, windowSeconds: 3600 } }); // no window boundary mid-test
}, 30_000);
afterAll(() => h.close());

it('answers 429 with Retry-After past the per-key limit, then the per-tenant limit for other keys', async () => {
  const key = h.twin.firstKey as string;
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${h.twin.apiUrl}/api/me`, { headers: { authorization: `Bearer ${key}` } });
    statuses.push(res.status);
    if (res.status === 429) retryAfter = res.headers.get('retry-after');
  }
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeLessThanOrEqual(3600);

  // A second key of the same tenant has its own budget, until the tenant's (8) runs out.
  const other = await createKey(
    new RealTenantStore(h.twin.clients.dynamo, h.twin.state.table),
    {
      tenantId: 'local',
      role: 'tenant',
    },
    new Date(),
  );
  const more: number[] = [];
  for (let i = 0; i < 3; i++) more.push((await api(h.twin, '/api/me', other.key)).status);
  expect(more).toEqual([200, 200, 429]); // refused requests count too: 6 + 2 = 8
  const body = (await api(h.twin, '/api/me', other.key)).json;
  expect(body.error.code).toBe('TOO_MANY_REQUESTS');
});

it('caches unknown keys briefly: one table read for many attempts', async () => {
  let reads = 0;
  const store = {
    getApiKey: async () => {
      reads++;
      return undefined;
    },
  } as unknown as TenantStore;
  const caches = createCallerCaches();
  const req = { method: 'GET', path: '/api/me', query: {}, headers: { authorization: `Bearer vd_${'A'.repeat(43)}` } };
  for (let i = 0; i < 20; i++) await expect(resolveCaller(req, store, caches)).rejects.toMatchObject({ status: 401 });
  expect(reads).toBe(1);
  // Malformed keys never reach the table at all.
  const bad = { ...req, headers: { authorization: 'Bearer nope' } };
  await expect(resolveCaller(bad, store, caches)).rejects.toMatchObject({ status: 401 });
  expect(reads).toBe(1);
});
