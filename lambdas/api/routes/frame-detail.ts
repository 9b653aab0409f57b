// GET /api/captures/{id}/frames/{frame}: one frame of the caller's stored capture, decoded on
// demand with the core's decoders, as a packet-details tree of its ISAKMP payloads (SA
// proposals and transforms, vendor IDs, NAT-D, notify, ID…). The report keeps one line per
// message; this is what a click on a ladder message opens. Tenant-scoped like every route.
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import { captureObjectKey, isCaptureId } from '#shared/tenancy/ids.js';
import { isakmpTree } from '#shared/view/payload-tree.js';
import type { FrameDetail } from '#shared/api/contract.js';
import type { RouteContext } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { json } from '../http.js';
import type { RouteHandler } from '../router.js';

/** Stops reading the capture once the frame is found. */
class Found extends Error {}

export const getFrameDetail: RouteHandler<RouteContext> = async (_req, params, { caller, deps }) => {
  const number = Number(params.frame);
  if (!Number.isInteger(number) || number < 1 || number > 1e9) throw new BadRequestError('frame is a frame number');
  if (!isCaptureId(params.id)) throw new NotFoundError('no such capture');
  const capture = await deps.captures.get(caller.tenant.tenantId, params.id, Math.floor(deps.now().getTime() / 1000));
  if (!capture || capture.status !== 'DONE') throw new NotFoundError('no such capture');
  const decoder = createFrameDecoder();
  let detail: FrameDetail | undefined;
  try {
    await readCapture(
      await deps.objects.stream(captureObjectKey(caller.tenant.tenantId, capture.captureId, capture.fileName)),
      (raw) => {
        // Every earlier frame is decoded too: IP reassembly and flows need them.
        const f = decoder.decode(raw);
        if (f.number !== number) return;
        detail = {
          frame: f.number,
          time: `${f.timeSec}.${String(f.timeNsec).padStart(9, '0')}`,
          src: f.ip?.src,
          dst: f.ip?.dst,
          srcPort: f.udp?.srcPort,
          dstPort: f.udp?.dstPort,
          protocols: f.protocols,
          isakmp: (f.isakmp ?? []).map(isakmpTree),
        };
        throw new Found();
      },
    );
  } catch (err) {
    if (!(err instanceof Found)) throw err;
  }
  if (!detail) throw new NotFoundError(`no frame ${number} in this capture`);
  return json(200, detail);
};
