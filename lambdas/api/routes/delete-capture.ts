// DELETE /api/captures/{id}: removes one capture of the caller's tenant — its session items
// (which are also its client-IP diagnoses), the report, the uploaded object, the marker of the
// Meraki cloud capture it was imported from (so that capture can be imported again), then the
// capture item last, so a delete cut short leaves the capture listed and can simply be repeated.
// Another tenant's id is 404 like every other route; a PENDING capture is 409, since its object
// may still arrive or its analysis still be writing sessions, which would bring it back.
import { captureObjectKey, parseCaptureKey, resultObjectKey } from '#shared/tenancy/ids.js';
import type { CaptureDeleted } from '#shared/api/contract.js';
import type { RouteContext } from '../context.js';
import { ConflictError } from '../errors.js';
import { json } from '../http.js';
import type { RouteHandler } from '../router.js';
import { findCapture } from './captures.js';

export const deleteCapture: RouteHandler<RouteContext> = async (_req, params, ctx) => {
  const capture = await findCapture(params.id, ctx);
  if (capture.status === 'PENDING')
    throw new ConflictError('the capture is still being uploaded or analysed: delete it once it is DONE or FAILED');
  const tenantId = ctx.caller.tenant.tenantId;
  const { captureId } = capture;
  // Only a key under this capture's own prefix is ever deleted, whatever the item says.
  const stored = capture.objectKey ? parseCaptureKey(capture.objectKey) : undefined;
  const objectKey =
    stored?.tenantId === tenantId && stored.captureId === captureId
      ? capture.objectKey!
      : captureObjectKey(tenantId, captureId, capture.fileName);
  const sessions = await ctx.deps.sessions.deleteSessions(tenantId, captureId);
  await ctx.deps.objects.delete(resultObjectKey(tenantId, captureId));
  await ctx.deps.objects.delete(objectKey);
  if (capture.merakiOrganizationId && capture.merakiCaptureId)
    await ctx.deps.merakiImports.releaseImport(
      tenantId,
      capture.merakiOrganizationId,
      capture.merakiCaptureId,
      captureId,
    );
  await ctx.deps.captures.remove(tenantId, captureId);
  ctx.deps.log.info('capture deleted', { tenantId, captureId, sessions });
  const body: CaptureDeleted = { captureId, sessions };
  return json(200, body);
};
