// The API: routes of the contract over the router. Knows nothing of Lambda or node:http.
import { AUTH_CACHE_TTL_MS, createCallerCaches, resolveCaller } from './caller.js';
import type { ApiDeps, RouteContext } from './context.js';
import { TooManyRequestsError } from './errors.js';
import { Router } from './router.js';
import { getCapture, getReport, listCaptures } from './routes/captures.js';
import { deleteCapture } from './routes/delete-capture.js';
import { listDiagnoses } from './routes/diagnoses.js';
import { getFrameDetail } from './routes/frame-detail.js';
import { getMe } from './routes/me.js';
import { createUpload } from './routes/uploads.js';
import { registerMerakiRoutes } from './routes/meraki.js';

/**
 * `authCacheMs`: how long a warm container trusts a key lookup (a revocation takes up to that
 * long). The local twin passes 0: one process, and `vpn-doctor key revoke --local` must bite at once.
 */
export function createApi(deps: ApiDeps, authCacheMs = AUTH_CACHE_TTL_MS): Router<RouteContext> {
  const caches = authCacheMs > 0 ? createCallerCaches(authCacheMs) : undefined;
  const context = async (req: Parameters<typeof resolveCaller>[0]): Promise<RouteContext> => {
    const caller = await resolveCaller(req, deps.tenants, caches);
    if (!deps.rateLimiter) return { caller, deps };
    const verdict = await deps.rateLimiter.check(caller.principal.keyId, caller.tenant.tenantId, deps.now().getTime());
    if (!verdict.ok) {
      deps.log.warn('rate limited', { scope: verdict.scope, tenantId: caller.tenant.tenantId });
      deps.metrics.rateLimited(verdict.scope);
      throw new TooManyRequestsError(verdict.retryAfterSeconds, verdict.scope);
    }
    return { caller, deps };
  };
  return registerMerakiRoutes(
    new Router<RouteContext>(context, deps.log)
      .on('GET', '/api/me', getMe)
      .on('GET', '/api/captures', listCaptures)
      .on('GET', '/api/captures/:id', getCapture)
      .on('DELETE', '/api/captures/:id', deleteCapture)
      .on('GET', '/api/captures/:id/report', getReport)
      .on('GET', '/api/captures/:id/frames/:frame', getFrameDetail)
      .on('GET', '/api/diagnoses', listDiagnoses)
      .on('POST', '/api/uploads', createUpload),
  );
}
