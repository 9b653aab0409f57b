// Who is calling and for which tenant. A tenant key acts for its own tenant; an operator key
// acts for its home tenant or, with X-Tenant-Id, for any tenant of the same MSP. Anything else
// is "not found", never "forbidden", so tenant ids cannot be probed.
import { isTenantId } from '#shared/tenancy/ids.js';
import { hashApiKey, isWellFormedApiKey } from '../auth/api-key.js';
import { authenticate, type Principal } from '../auth/authenticate.js';
import { TtlCache } from '../auth/ttl-cache.js';
import type { TenantRecord, TenantStore } from '../store/tenant-store.js';
import { NotFoundError, UnauthorizedError } from './errors.js';
import type { HttpRequest } from './http.js';

export interface Caller {
  principal: Principal;
  /** The tenant this request acts for. */
  tenant: TenantRecord;
}

/** Caches of a warm container; revocation takes effect within their TTL. */
export interface CallerCaches {
  principals: TtlCache<Principal>;
  tenants: TtlCache<TenantRecord>;
  /** Keys looked up and not found (or revoked): refused without another read for a while. */
  unknownKeys: TtlCache<true>;
}

export const AUTH_CACHE_TTL_MS = 30_000;
/** Short: a key created a moment ago works within this time. */
export const NEGATIVE_CACHE_TTL_MS = 10_000;

export function createCallerCaches(ttlMs = AUTH_CACHE_TTL_MS): CallerCaches {
  return {
    principals: new TtlCache(ttlMs, 1000),
    tenants: new TtlCache(ttlMs, 1000),
    unknownKeys: new TtlCache(Math.min(ttlMs, NEGATIVE_CACHE_TTL_MS), 10_000),
  };
}

export async function resolveCaller(req: HttpRequest, tenants: TenantStore, caches?: CallerCaches): Promise<Caller> {
  const auth = req.headers['authorization'] ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(auth.trim());
  if (!match) throw new UnauthorizedError();
  if (!isWellFormedApiKey(match[1])) throw new UnauthorizedError('the API key is invalid or revoked');
  const cacheKey = hashApiKey(match[1]);
  if (caches?.unknownKeys.get(cacheKey)) throw new UnauthorizedError('the API key is invalid or revoked');
  let principal = caches?.principals.get(cacheKey);
  if (!principal) {
    principal = await authenticate(match[1], tenants);
    if (principal) caches?.principals.set(cacheKey, principal);
    else caches?.unknownKeys.set(cacheKey, true);
  }
  if (!principal) throw new UnauthorizedError('the API key is invalid or revoked');

  const requested = req.headers['x-tenant-id']?.trim();
  const targetId = requested ? requested : principal.tenantId;
  if (!isTenantId(targetId)) throw new NotFoundError('no such tenant');
  if (targetId !== principal.tenantId && !principal.operator) throw new NotFoundError('no such tenant');
  let tenant = caches?.tenants.get(targetId);
  if (!tenant) {
    tenant = await tenants.getTenant(targetId);
    if (tenant) caches?.tenants.set(targetId, tenant);
  }
  if (!tenant || tenant.mspId !== principal.mspId) throw new NotFoundError('no such tenant');
  return { principal, tenant };
}
