// POST /api/uploads: a presigned PUT into the caller's tenant prefix only, bound to the declared
// size and to a key that does not exist yet; the capture is listed as PENDING at once.
import { captureObjectKey, safeFileName } from '#shared/tenancy/ids.js';
import type { RouteContext } from '../context.js';
import { BadRequestError } from '../errors.js';
import { json } from '../http.js';
import type { RouteHandler } from '../router.js';
import { expiryEpochSeconds } from '../../store/table-schema.js';

export const UPLOAD_HEADERS = { 'If-None-Match': '*' } as const;

export const createUpload: RouteHandler<RouteContext> = async (req, _params, { caller, deps }) => {
  let body: unknown;
  try {
    body = JSON.parse(req.body ?? '');
  } catch {
    throw new BadRequestError('the body must be JSON: {"fileName": string, "size": number}');
  }
  const { fileName, size } = (body ?? {}) as { fileName?: unknown; size?: unknown };
  if (typeof fileName !== 'string' || fileName.trim().length === 0 || fileName.length > 255) {
    throw new BadRequestError('fileName must be a non-empty string of at most 255 characters');
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size <= 0) {
    throw new BadRequestError('size must be a positive integer (bytes)');
  }
  if (size > deps.config.maxUploadBytes) {
    throw new BadRequestError(`the file is larger than the limit of ${deps.config.maxUploadBytes} bytes`);
  }
  const tenantId = caller.tenant.tenantId;
  const captureId = deps.newCaptureId();
  const name = safeFileName(fileName);
  const key = captureObjectKey(tenantId, captureId, name);
  const now = deps.now();
  const expiresAt = expiryEpochSeconds(now, deps.config.retentionDays);
  const expiresIn = deps.config.uploadUrlTtlSeconds;
  const due = Math.floor(now.getTime() / 1000) + expiresIn + deps.config.uploadGraceSeconds;
  await deps.captures.registerUpload(tenantId, captureId, name, size, now.toISOString(), expiresAt, due);
  const uploadUrl = await deps.objects.presignPut(key, expiresIn, size);
  // The browser sets Content-Length itself; If-None-Match must be sent as signed.
  return json(201, { captureId, key, uploadUrl, method: 'PUT', headers: UPLOAD_HEADERS, expiresIn });
};
