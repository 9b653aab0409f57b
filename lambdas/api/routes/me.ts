// GET /api/me: who the key is and which tenants it may switch to.
import type { RouteHandler } from '../router.js';
import type { RouteContext } from '../context.js';
import { json } from '../http.js';

export const getMe: RouteHandler<RouteContext> = async (_req, _params, { caller, deps }) => {
  const { principal, tenant } = caller;
  const tenants = principal.operator ? await deps.tenants.listTenantsOfMsp(principal.mspId) : [tenant];
  return json(200, {
    tenantId: tenant.tenantId,
    tenantName: tenant.name,
    operator: principal.operator,
    tenants: tenants.map((t) => ({ tenantId: t.tenantId, name: t.name })),
  });
};
