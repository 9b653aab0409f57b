// The sweeper: nothing stays PENDING. Run on a schedule (EventBridge rule -> the analyze function
// on AWS, a timer in the local twin), it reads the PENDING captures that are due from the sparse
// gsi3 and, for each:
//   - upload URL expired and no object: FAILED "upload not received";
//   - upload URL expired, object there but never claimed (its event was lost): analysed now;
//   - claimed, lease run out (the invocation died: timeout, out of memory, kill): analysed again,
//     or FAILED once it has been started `maxAttempts` times.
// Analyses run inline, at most `maxAnalysesPerSweep` per run, so each gets the function's full time.
import { captureObjectKey } from '#shared/tenancy/ids.js';
import type { DueCapture } from '../store/capture-store.js';
import { processObject, type AnalyzeDeps, type Outcome } from './process-capture.js';

/** The scheduled event (EventBridge rule input). */
export interface SweepEvent {
  action: 'sweep';
  /** Treat every claim as dead (the twin at start: no earlier invocation can still be running). */
  takeOverLeases?: boolean;
}

export function isSweepEvent(event: unknown): event is SweepEvent {
  return (event as { action?: unknown } | null)?.action === 'sweep';
}

export interface SweepResult {
  examined: number;
  unreceived: number;
  gaveUp: number;
  analysed: Outcome[];
}

export const UPLOAD_NOT_RECEIVED =
  'Upload not received: no file arrived before the upload link expired (or the import from Meraki ' +
  'stopped). Upload or import the capture again.';

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
/** One Query page; a larger backlog is taken over the following runs. */
const SWEEP_PAGE = 100;

export async function sweep(
  deps: AnalyzeDeps,
  event: SweepEvent,
  deadlineMs = Number.POSITIVE_INFINITY,
  maxAnalysesPerSweep = 1,
): Promise<SweepResult> {
  const now = epoch(deps.now());
  const takeOver = event.takeOverLeases === true;
  // Taking over leases: every claimed capture counts, whatever its lease says.
  const due = await deps.captures.listDue(takeOver ? Number.MAX_SAFE_INTEGER / 1000 : now, SWEEP_PAGE);
  const result: SweepResult = { examined: 0, unreceived: 0, gaveUp: 0, analysed: [] };
  for (const c of due) {
    if (!c.objectTag && c.dueEpoch > now) continue; // an upload URL still valid
    result.examined++;
    if (!c.objectTag) {
      const key = captureObjectKey(c.tenantId, c.captureId, c.fileName);
      if (!(await deps.objects.head(key))) {
        if (await deps.captures.failUnreceived(c.tenantId, c.captureId, UPLOAD_NOT_RECEIVED, deps.now().toISOString()))
          result.unreceived++;
        deps.log.warn('upload not received', { tenantId: c.tenantId, captureId: c.captureId });
        continue;
      }
      if (result.analysed.length >= maxAnalysesPerSweep) continue;
      deps.log.warn('object arrived without its event, analysing', { tenantId: c.tenantId, captureId: c.captureId });
      result.analysed.push(await analyse(deps, key, c, deadlineMs));
      continue;
    }
    if (takeOver) await deps.captures.expireLease(c.tenantId, c.captureId, c.objectTag);
    if (c.attempts >= deps.config.maxAttempts) {
      const reason =
        `The analysis was started ${c.attempts} times and never finished (the function was stopped: ` +
        'out of time or memory). Filter the capture (udp port 500 or 4500 or esp) and upload it again.';
      if (await deps.captures.markFailed(c.tenantId, c.captureId, c.objectTag, reason, false, deps.now().toISOString()))
        result.gaveUp++;
      deps.log.error('capture given up after repeated attempts', {
        tenantId: c.tenantId,
        captureId: c.captureId,
        attempts: c.attempts,
      });
      continue;
    }
    if (result.analysed.length >= maxAnalysesPerSweep || !c.objectKey) continue;
    deps.log.warn('stale claim, analysing again', {
      tenantId: c.tenantId,
      captureId: c.captureId,
      attempts: c.attempts,
    });
    result.analysed.push(await analyse(deps, c.objectKey, c, deadlineMs));
  }
  return result;
}

function analyse(deps: AnalyzeDeps, key: string, c: DueCapture, deadlineMs: number): Promise<Outcome> {
  return processObject(
    { bucket: deps.config.bucketName, key, eventTime: c.uploadedAt || deps.now().toISOString() },
    deps,
    deadlineMs,
  );
}
