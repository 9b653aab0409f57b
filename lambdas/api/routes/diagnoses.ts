// GET /api/diagnoses?clientIp=: the caller's tenant's sessions of one client, newest first.
import { encodeCursor } from '../../store/cursor.js';
import { diagnosisGsi2pk, tenantPk } from '../../store/keys.js';
import { canonicalIp } from '../../store/session-store.js';
import type { RouteContext } from '../context.js';
import { json } from '../http.js';
import { parseCursor, parseIp, parseLimit } from '../params.js';
import type { RouteHandler } from '../router.js';

export const listDiagnoses: RouteHandler<RouteContext> = async (req, _params, { caller, deps }) => {
  const tenantId = caller.tenant.tenantId;
  const ip = canonicalIp(parseIp(req.query.clientIp));
  const limit = parseLimit(req.query.limit, 50, 200);
  // The cursor must point into this tenant's partition for this IP; a foreign one is rejected.
  const startKey = parseCursor(req.query.cursor, ['pk', 'sk', 'gsi2pk', 'gsi2sk'], {
    pk: tenantPk(tenantId),
    gsi2pk: diagnosisGsi2pk(tenantId, ip),
  });
  const page = await deps.sessions.queryByClientIp(
    tenantId,
    ip,
    limit,
    Math.floor(deps.now().getTime() / 1000),
    startKey,
  );
  return json(200, { items: page.items, cursor: encodeCursor(page.lastKey) });
};
