// POST /api/uploads: a presigned PUT into the caller's tenant prefix only, bound to the declared
// size and to a key that does not exist yet; the capture is listed as PENDING at once. An
// optional `mxIp` (the MX's address, for captures whose roles the bytes cannot tell) travels with
// the object as signed user metadata, which the analyzer reads.
import type { UploadRequest } from '#shared/api/contract.js';
import { captureObjectKey, safeFileName } from '#shared/tenancy/ids.js';
import { canonicalIp } from '../../store/session-store.js';
import type { RouteContext } from '../context.js';
import { BadRequestError } from '../errors.js';
import { json } from '../http.js';
import { parseIp } from '../params.js';
import type { RouteHandler } from '../router.js';
import { expiryEpochSeconds } from '../../store/table-schema.js';

const BODY_SHAPE = '{"fileName": string, "size": number, "mxIp"?: string}';

export const createUpload: RouteHandler<RouteContext> = async (req, _params, { caller, deps }) => {
  let body: unknown;
  try {
    body = JSON.parse(req.body ?? '');
  } catch {
    throw new BadRequestError(`the body must be JSON: ${BODY_SHAPE}`);
  }
  const { fileName, size, mxIp: rawMxIp } = (body ?? {}) as { [K in keyof UploadRequest]?: unknown };
  if (typeof fileName !== 'string' || fileName.trim().length === 0 || fileName.length > 255) {
    throw new BadRequestError('fileName must be a non-empty string of at most 255 characters');
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size <= 0) {
    throw new BadRequestError('size must be a positive integer (bytes)');
  }
  if (size > deps.config.maxUploadBytes) {
    throw new BadRequestError(`the file is larger than the limit of ${deps.config.maxUploadBytes} bytes`);
  }
  // Absent (or null) is "not known"; anything else must be an address.
  const mxIp = rawMxIp === undefined || rawMxIp === null ? undefined : canonicalIp(parseIp(rawMxIp, 'mxIp'));
  const tenantId = caller.tenant.tenantId;
  const captureId = deps.newCaptureId();
  const name = safeFileName(fileName);
  const key = captureObjectKey(tenantId, captureId, name);
  const now = deps.now();
  const expiresAt = expiryEpochSeconds(now, deps.config.retentionDays);
  const expiresIn = deps.config.uploadUrlTtlSeconds;
  const due = Math.floor(now.getTime() / 1000) + expiresIn + deps.config.uploadGraceSeconds;
  await deps.captures.registerUpload(tenantId, captureId, name, size, now.toISOString(), expiresAt, due, mxIp);
  const put = await deps.objects.presignPut(key, expiresIn, size, mxIp);
  // The browser sets Content-Length itself; the other signed headers must be sent as given.
  return json(201, { captureId, key, uploadUrl: put.url, method: 'PUT', headers: put.headers, expiresIn });
};
