// "Capture and diagnose" as a job the caller advances by polling: start a capture on the MX's
// internet interface with the Client VPN filter, let it run for its duration, stop it, import it,
// wait for the analysis, keep the verdict. Each advance does the next step from what is stored,
// so the API (one short Lambda call per poll), the dashboard and the CLI share it, and a lost
// poll loses nothing.
import { randomBytes } from 'node:crypto';
import {
  captureRequest,
  isValidCaptureSeconds,
  MAX_CAPTURE_SECONDS,
  MIN_CAPTURE_SECONDS,
} from '#shared/meraki/capture-plan.js';
import { capturePhase } from '#shared/meraki/capture-status.js';
import type { CaptureStore } from '../store/capture-store.js';
import type { MerakiClient } from './client.js';
import { MerakiApiError, MerakiInputError, MerakiNotFoundError } from './errors.js';
import type { JobRecord } from './meraki-store.js';
import type { MerakiService } from './service.js';

/** How long after its planned end a capture may take to be stopped and stored. */
export const FINISH_GRACE_MS = 120_000;
/** How long the analysis of the imported capture may take before the job gives up waiting. */
export const ANALYSIS_GRACE_MS = 300_000;

export interface JobView extends JobRecord {
  /** Seconds left while capturing. */
  remainingSeconds: number;
}

const JOB_ID = /^[A-Za-z0-9_-]{8,64}$/;

function toView(job: JobRecord, nowMs: number): JobView {
  const remaining = job.state === 'CAPTURING' ? Math.max(0, Math.ceil((Date.parse(job.endsAt) - nowMs) / 1000)) : 0;
  return { ...job, remainingSeconds: remaining };
}

export interface StartJobInput {
  organizationId?: string;
  serial: string;
  seconds: number;
}

/** Finds the organization of the serial among the tenant's connected ones. */
async function locate(client: MerakiClient, orgIds: string[], serial: string) {
  for (const organizationId of orgIds) {
    const device = await client.device(organizationId, serial);
    if (device) return { organizationId, device };
  }
  return undefined;
}

export async function startJob(service: MerakiService, tenantId: string, input: StartJobInput): Promise<JobView> {
  if (!/^[A-Za-z0-9-]{4,32}$/.test(input.serial))
    throw new MerakiInputError('serial must be a Meraki serial number such as Q2XX-XXXX-XXXX');
  if (!isValidCaptureSeconds(input.seconds))
    throw new MerakiInputError(`seconds must be an integer from ${MIN_CAPTURE_SECONDS} to ${MAX_CAPTURE_SECONDS}`);
  const { client, connection } = await service.clientFor(tenantId);
  const orgIds = connection.organizations.map((o) => o.id);
  if (input.organizationId && !orgIds.includes(input.organizationId))
    throw new MerakiNotFoundError("no such organization in this tenant's Meraki connection");
  const found = await locate(client, input.organizationId ? [input.organizationId] : orgIds, input.serial);
  if (!found)
    throw new MerakiNotFoundError(
      `no device ${input.serial} in the connected Meraki organization${orgIds.length > 1 && !input.organizationId ? 's' : ''}`,
    );
  if (found.device.productType !== 'appliance') {
    throw new MerakiInputError(
      `${input.serial} is ${found.device.productType ? `a ${found.device.productType} device` : 'a device'}` +
        `${found.device.model ? ` (${found.device.model})` : ''}, not an MX: capture and diagnose runs on an MX appliance's internet interface`,
    );
  }
  const now = service.deps.now();
  const mxIp = await service.wanIpOf(client, found.organizationId, input.serial);
  const started = await client.startCapture(
    found.organizationId,
    captureRequest(input.serial, input.seconds, now.toISOString()),
  );
  const job: JobRecord = {
    jobId: `${now.getTime().toString(36)}${randomBytes(8).toString('hex')}`,
    organizationId: found.organizationId,
    serial: input.serial,
    seconds: input.seconds,
    state: 'CAPTURING',
    createdAt: now.toISOString(),
    endsAt: new Date(now.getTime() + input.seconds * 1000).toISOString(),
    merakiCaptureId: started.captureId,
    mxIp,
    updatedAt: now.toISOString(),
  };
  await service.deps.store.putJob(tenantId, job);
  service.deps.log.info('meraki capture job started', {
    tenantId,
    jobId: job.jobId,
    serial: job.serial,
    seconds: job.seconds,
  });
  return toView(job, now.getTime());
}

export async function getJob(service: MerakiService, tenantId: string, jobId: string): Promise<JobRecord> {
  const job = JOB_ID.test(jobId) ? await service.deps.store.getJob(tenantId, jobId) : undefined;
  if (!job) throw new MerakiNotFoundError('no such job');
  return job;
}

/** One step of the job from its stored state; returns the job as it now stands. */
export async function advanceJob(
  service: MerakiService,
  captures: CaptureStore,
  tenantId: string,
  jobId: string,
): Promise<JobView> {
  let job = await getJob(service, tenantId, jobId);
  const nowMs = service.deps.now().getTime();
  if (job.state === 'DONE' || job.state === 'FAILED') return toView(job, nowMs);
  const save = async (patch: Partial<JobRecord>) => {
    job = { ...job, ...patch, updatedAt: service.deps.now().toISOString() };
    await service.deps.store.putJob(tenantId, job);
  };
  try {
    if (job.state === 'CAPTURING' || job.state === 'STOPPING') {
      const { client } = await service.clientFor(tenantId);
      const cloud = await client.capture(job.organizationId, job.merakiCaptureId);
      if (!cloud) {
        await save({
          state: 'FAILED',
          error: `the capture ${job.merakiCaptureId} is no longer in the Meraki cloud (deleted, or replaced by newer ones)`,
        });
      } else if (capturePhase(cloud.status) === 'failed') {
        await save({
          state: 'FAILED',
          error: `the capture failed on the Meraki side${cloud.errorMessage ? `: ${cloud.errorMessage}` : ''}`,
        });
      } else if (capturePhase(cloud.status) === 'finished') {
        await save({ state: 'IMPORTING' });
      } else if (job.state === 'CAPTURING' && nowMs >= Date.parse(job.endsAt)) {
        await client.stopCapture(job.organizationId, job.merakiCaptureId, [job.serial]).catch((err) => {
          // Finished on its own between our two calls: the next step sees it.
          if (!(err instanceof MerakiApiError && err.kind === 'bad-request')) throw err;
        });
        await save({ state: 'STOPPING' });
      } else if (job.state === 'STOPPING' && nowMs > Date.parse(job.endsAt) + FINISH_GRACE_MS) {
        await save({
          state: 'FAILED',
          error: `the capture did not finish within ${FINISH_GRACE_MS / 1000} s of its planned end (status ${cloud.status})`,
        });
      }
    }
    if (job.state === 'IMPORTING') {
      const [outcome] = await service.importCaptures(tenantId, job.organizationId, [job.merakiCaptureId]);
      if (outcome.status === 'failed') await save({ state: 'FAILED', error: outcome.error });
      else await save({ state: 'ANALYZING', captureId: outcome.captureId });
    }
    if (job.state === 'ANALYZING' && job.captureId) {
      const capture = await captures.get(tenantId, job.captureId, Math.floor(nowMs / 1000));
      if (capture?.status === 'DONE') await save({ state: 'DONE', verdict: capture.verdict });
      else if (capture?.status === 'FAILED')
        await save({ state: 'FAILED', error: `the analysis failed: ${capture.error ?? 'unknown reason'}` });
      else if (nowMs > Date.parse(job.endsAt) + ANALYSIS_GRACE_MS)
        await save({ state: 'FAILED', error: 'the analysis did not finish in time' });
    }
  } catch (err) {
    if (!(err instanceof MerakiApiError)) throw err;
    // A revoked key, a permission taken away: the job cannot go on and says why.
    if (err.kind !== 'rate-limited' && err.kind !== 'server' && err.kind !== 'network')
      await save({ state: 'FAILED', error: err.message });
    else throw err;
  }
  return toView(job, service.deps.now().getTime());
}
