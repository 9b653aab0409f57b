// The API: routes of the contract over the router. Knows nothing of Lambda or node:http.
import { createCallerCaches, resolveCaller } from './caller.js';
import type { ApiDeps, RouteContext } from './context.js';
import { Router } from './router.js';
import { getCapture, getReport, listCaptures } from './routes/captures.js';
import { listDiagnoses } from './routes/diagnoses.js';
import { getMe } from './routes/me.js';
import { createUpload } from './routes/uploads.js';

export function createApi(deps: ApiDeps): Router<RouteContext> {
  const caches = createCallerCaches();
  const context = async (req: Parameters<typeof resolveCaller>[0]): Promise<RouteContext> => ({
    caller: await resolveCaller(req, deps.tenants, caches),
    deps,
  });
  return new Router<RouteContext>(context, deps.log)
    .on('GET', '/api/me', getMe)
    .on('GET', '/api/captures', listCaptures)
    .on('GET', '/api/captures/:id', getCapture)
    .on('GET', '/api/captures/:id/report', getReport)
    .on('GET', '/api/diagnoses', listDiagnoses)
    .on('POST', '/api/uploads', createUpload);
}
