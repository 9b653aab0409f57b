// GET /api/captures (filtered by verdict, status, file name, upload time), /api/captures/{id}, /api/captures/{id}/report — all within the caller's tenant.
import { isCaptureId, resultObjectKey } from '#shared/tenancy/ids.js';
import type { CaptureRecord } from '../../store/capture-store.js';
import { encodeCursor } from '../../store/cursor.js';
import { captureListGsi1pk, sessionSkPrefix, tenantPk } from '../../store/keys.js';
import type { RouteContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { json, rawJson } from '../http.js';
import { parseCaptureFilter, parseCursor, parseLimit } from '../params.js';
import type { RouteHandler } from '../router.js';

export const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Session JSON per capture-detail page. The body travels JSON-escaped inside Lambda's response
 * (quotes double), so this stays well under half of the 6 MB limit.
 */
export const MAX_DETAIL_PAGE_BYTES = 2_500_000;

/** The contract's CaptureItem: bookkeeping attributes stay inside. */
function toItem(c: CaptureRecord) {
  const { attempts: _attempts, objectKey: _objectKey, merakiOrganizationId: _organizationId, ...item } = c;
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
}

export const listCaptures: RouteHandler<RouteContext> = async (req, _params, { caller, deps }) => {
  const tenantId = caller.tenant.tenantId;
  const limit = parseLimit(req.query.limit, 25, 100);
  const startKey = parseCursor(
    req.query.cursor,
    ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
    { pk: tenantPk(tenantId), gsi1pk: captureListGsi1pk(tenantId) },
    { sk: 'CAPTURE#' },
  );
  const filter = parseCaptureFilter(req.query);
  const page = await deps.captures.list(tenantId, limit, epoch(deps.now()), startKey, filter);
  return json(200, { items: page.items.map(toItem), cursor: encodeCursor(page.lastKey) });
};

export async function findCapture(id: string, { caller, deps }: RouteContext): Promise<CaptureRecord> {
  if (!isCaptureId(id)) throw new NotFoundError('no such capture');
  const capture = await deps.captures.get(caller.tenant.tenantId, id, epoch(deps.now()));
  if (!capture) throw new NotFoundError('no such capture');
  return capture;
}

/** GET /api/captures/{id}?limit=&cursor=: the capture and one page of its sessions (key order). */
export const getCapture: RouteHandler<RouteContext> = async (req, params, ctx) => {
  const capture = await findCapture(params.id, ctx);
  const tenantId = ctx.caller.tenant.tenantId;
  const limit = parseLimit(req.query.limit, 100, 200);
  const startKey = parseCursor(
    req.query.cursor,
    ['pk', 'sk'],
    { pk: tenantPk(tenantId) },
    {
      sk: sessionSkPrefix(capture.captureId),
    },
  );
  const page =
    capture.status === 'DONE'
      ? await ctx.deps.sessions.pageForCapture(
          tenantId,
          capture.captureId,
          epoch(ctx.deps.now()),
          limit,
          MAX_DETAIL_PAGE_BYTES,
          startKey,
        )
      : { sessions: [] };
  return json(200, { capture: toItem(capture), sessions: page.sessions, cursor: encodeCursor(page.lastKey) });
};

export const getReport: RouteHandler<RouteContext> = async (_req, params, ctx) => {
  const capture = await findCapture(params.id, ctx);
  if (capture.status !== 'DONE') throw new NotFoundError(`no report: the capture is ${capture.status}`);
  const key = resultObjectKey(ctx.caller.tenant.tenantId, capture.captureId);
  const head = await ctx.deps.objects.head(key);
  if (!head) throw new NotFoundError('no report stored for this capture');
  // Lambda responses stop at 6 MB: a larger report is fetched from S3 through a short-lived URL.
  if (head.size > ctx.deps.config.maxInlineReportBytes) {
    const url = await ctx.deps.objects.presignGet(key, 300);
    return { status: 302, headers: { location: url, 'cache-control': 'no-store' }, body: '' };
  }
  const body = await ctx.deps.objects.getText(key);
  if (body === undefined) throw new NotFoundError('no report stored for this capture');
  return rawJson(200, body);
};
