// /api/meraki/*: the caller's tenant's Meraki connection, its cloud captures and MXs, imports and
// capture-and-diagnose jobs. Errors of the Meraki side come back as 502 MERAKI_<KIND> with the
// message that names what to fix; organizations outside the tenant's connection are 404.
import type { MerakiCloudCapture } from '#shared/api/meraki-contract.js';
import type { CaptureListFilter } from '#shared/meraki/types.js';
import { advanceJob, startJob } from '../../meraki/capture-job.js';
import type { MerakiApiDeps } from '../../meraki/compose.js';
import { MerakiApiError, MerakiInputError, MerakiNotConnectedError, MerakiNotFoundError } from '../../meraki/errors.js';
import type { RouteContext } from '../context.js';
import { ApiError, BadRequestError, NotFoundError } from '../errors.js';
import { json, type HttpRequest } from '../http.js';
import type { RouteHandler, Router } from '../router.js';
import { DEFAULT_CAPTURE_SECONDS } from '#shared/meraki/capture-plan.js';

type MerakiHandler = (
  req: HttpRequest,
  params: Record<string, string>,
  meraki: MerakiApiDeps,
  tenantId: string,
) => Promise<ReturnType<typeof json>>;

/** The integration's errors as the API's: the one place they are mapped. */
function wrap(handler: MerakiHandler): RouteHandler<RouteContext> {
  return async (req, params, { caller, deps }) => {
    const meraki = (deps as { meraki?: MerakiApiDeps }).meraki;
    if (!meraki) throw new NotFoundError('the Meraki integration is not configured on this deployment');
    try {
      return await handler(req, params, meraki, caller.tenant.tenantId);
    } catch (err) {
      if (err instanceof MerakiNotConnectedError) throw new ApiError(409, 'MERAKI_NOT_CONNECTED', err.message);
      if (err instanceof MerakiInputError) throw new BadRequestError(err.message);
      if (err instanceof MerakiNotFoundError) throw new NotFoundError(err.message);
      if (err instanceof MerakiApiError)
        throw new ApiError(502, `MERAKI_${err.kind.toUpperCase().replace(/-/g, '_')}`, err.message);
      throw err;
    }
  };
}

function body(req: HttpRequest): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body ?? '');
  } catch {
    throw new BadRequestError('the body must be a JSON object');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new BadRequestError('the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

const ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;
function orgParam(params: Record<string, string>): string {
  if (!ORG_ID.test(params.org ?? ''))
    throw new NotFoundError("no such organization in this tenant's Meraki connection");
  return params.org;
}

function stringList(v: unknown, name: string, max: number): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > max || !v.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 64)) {
    throw new BadRequestError(`${name} must be a list of at most ${max} ids`);
  }
  return v as string[];
}

const getConnection = wrap(async (_req, _p, m, tenantId) =>
  json(200, { connection: (await m.service.connection(tenantId)) ?? null }),
);

const putConnection = wrap(async (req, _p, m, tenantId) => {
  const b = body(req);
  const connection = await m.service.connect(tenantId, b.apiKey, stringList(b.organizationIds, 'organizationIds', 100));
  return json(200, { connection });
});

const deleteConnection = wrap(async (_req, _p, m, tenantId) => {
  await m.service.disconnect(tenantId);
  return json(200, { connection: null });
});

const QUERY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const listCloudCaptures = wrap(async (req, params, m, tenantId) => {
  const filter: CaptureListFilter = {};
  const one = (name: string) => {
    const v = req.query[name];
    if (v === undefined || v === '') return undefined;
    if (!QUERY_ID.test(v)) throw new BadRequestError(`${name} is not a valid id`);
    return [v];
  };
  filter.serials = one('serial');
  filter.networkIds = one('networkId');
  filter.captureStatus = one('status');
  for (const t of ['t0', 't1'] as const) {
    const v = req.query[t];
    if (v !== undefined && v !== '') {
      if (Number.isNaN(Date.parse(v)) && !/^\d{1,12}$/.test(v))
        throw new BadRequestError(`${t} must be an ISO 8601 time or epoch seconds`);
      filter[t] = v;
    }
  }
  const items: MerakiCloudCapture[] = (await m.service.listCaptures(tenantId, orgParam(params), filter)).map((c) => ({
    captureId: c.captureId,
    name: c.name,
    status: c.status,
    startTs: c.startTs,
    duration: c.duration,
    serial: c.serial,
    deviceName: c.deviceName,
    networkId: c.networkId,
    networkName: c.networkName,
    size: c.size,
    errorMessage: c.errorMessage,
    importedCaptureId: c.importedCaptureId,
  }));
  return json(200, { items });
});

const listAppliances = wrap(async (_req, params, m, tenantId) =>
  json(200, { items: await m.service.appliances(tenantId, orgParam(params)) }),
);

const importCaptures = wrap(async (req, params, m, tenantId) => {
  const ids = stringList(body(req).captureIds, 'captureIds', 20);
  if (!ids || ids.length === 0) throw new BadRequestError('captureIds must name at least one Meraki capture');
  return json(200, { results: await m.service.importCaptures(tenantId, orgParam(params), ids) });
});

const createJob = wrap(async (req, _p, m, tenantId) => {
  const b = body(req);
  if (typeof b.serial !== 'string') throw new BadRequestError('serial is required');
  if (b.organizationId !== undefined && (typeof b.organizationId !== 'string' || !ORG_ID.test(b.organizationId)))
    throw new BadRequestError('organizationId is not valid');
  const seconds = b.seconds === undefined ? DEFAULT_CAPTURE_SECONDS : b.seconds;
  return json(
    201,
    await startJob(m.service, tenantId, {
      serial: b.serial,
      organizationId: b.organizationId as string | undefined,
      seconds: seconds as number,
    }),
  );
});

const getJob = wrap(async (_req, params, m, tenantId) =>
  json(200, await advanceJob(m.service, m.captures, tenantId, params.id)),
);

export function registerMerakiRoutes<C extends RouteContext>(router: Router<C>): Router<C> {
  return router
    .on('GET', '/api/meraki/connection', getConnection)
    .on('PUT', '/api/meraki/connection', putConnection)
    .on('DELETE', '/api/meraki/connection', deleteConnection)
    .on('GET', '/api/meraki/organizations/:org/captures', listCloudCaptures)
    .on('GET', '/api/meraki/organizations/:org/appliances', listAppliances)
    .on('POST', '/api/meraki/organizations/:org/imports', importCaptures)
    .on('POST', '/api/meraki/jobs', createJob)
    .on('GET', '/api/meraki/jobs/:id', getJob);
}
