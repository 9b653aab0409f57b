// One uploaded object through the core: claim -> validate -> stream through analyzeCapture ->
// write report (S3), sessions and the capture item (DynamoDB). Bad input ends as a FAILED
// capture with a reason and no exception (no retry storm); transient AWS failures are retried
// and, when they persist, thrown to the async invoke's on-failure destination while the capture
// is left FAILED (retryable) so it stays visible.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { NotACaptureError } from '#shared/capture/errors.js';
import { captureFailure } from '#shared/diagnosis/capture-damage.js';
import type { AnalysisReport, VerdictCode } from '#shared/report/types.js';
import { parseCaptureKey, resultObjectKey } from '#shared/tenancy/ids.js';
import { reportVerdictCounts } from '#shared/view/client-verdicts.js';
import type { AnalyzeConfig } from '../config.js';
import type { Logger } from '../log.js';
import { isTransientError, withRetry, type RetryOptions } from '../retry.js';
import type { CaptureStore } from '../store/capture-store.js';
import type { SessionStore } from '../store/session-store.js';
import type { ObjectStore } from '../storage/object-store.js';
import { AnalysisTimeoutError, CaptureTooLargeError, limitStream } from './limit-stream.js';
import type { ObjectCreated } from './s3-event.js';
import { expiryEpochSeconds } from '../store/table-schema.js';

export type AnalyzeFn = (
  source: AsyncIterable<Uint8Array>,
  options?: { fileName?: string; clientIp?: string; mxIp?: string; onProgress?: (bytes: number) => void },
) => Promise<AnalysisReport>;

export interface AnalyzeDeps {
  config: AnalyzeConfig;
  captures: CaptureStore;
  sessions: SessionStore;
  objects: ObjectStore;
  analyze: AnalyzeFn;
  now: () => Date;
  writeRetry: RetryOptions;
  log: Logger;
}

export type Outcome =
  | { status: 'ignored'; reason: string }
  | { status: 'duplicate' }
  | { status: 'in-progress'; captureId: string }
  | { status: 'done'; tenantId: string; captureId: string; sessions: number; verdict: string; bytes: number }
  | { status: 'failed'; tenantId: string; captureId: string; reason: string };

/** A persistent AWS failure: the handler rethrows it so the event reaches the DLQ. */
export class PipelineTransientError extends Error {
  override name = 'PipelineTransientError';
}

/** Identity of one version of one object: what "the same delivery" means. */
export function objectTag(bucket: string, key: string, versionOrEtag: string): string {
  return createHash('sha256').update(`${bucket}\0${key}\0${versionOrEtag}`).digest('hex');
}

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/** `deadlineMs`: when reading must stop so the result (or the failure) can still be written. */
export async function processObject(
  rec: ObjectCreated,
  deps: AnalyzeDeps,
  deadlineMs = Number.POSITIVE_INFINITY,
): Promise<Outcome> {
  const { config, log } = deps;
  if (rec.bucket !== config.bucketName) return { status: 'ignored', reason: `bucket ${rec.bucket} is not ours` };
  const parsed = parseCaptureKey(rec.key);
  // No valid tenant in the key: nobody to show a FAILED item to, and nothing to retry.
  if (!parsed) {
    log.warn('ignoring object outside the capture key layout', { key: rec.key.slice(0, 300) });
    return { status: 'ignored', reason: 'key does not follow captures/{tenantId}/{captureId}/{fileName}' };
  }
  const { tenantId, captureId, fileName } = parsed;

  // Pinned to the event's version: an overwrite in between gets its own event.
  const head = await deps.objects.head(rec.key, rec.versionId);
  if (!head) return { status: 'ignored', reason: 'object no longer exists' };
  const version = head.versionId ?? head.etag ?? rec.versionId ?? rec.eTag ?? '';
  const tag = objectTag(rec.bucket, rec.key, version);
  const now = deps.now();
  const expiresAt = expiryEpochSeconds(now, config.retentionDays);

  const claim = await deps.captures.claim({
    tenantId,
    captureId,
    fileName,
    size: head.size,
    objectKey: rec.key,
    objectTag: tag,
    uploadedAt: rec.eventTime,
    nowEpoch: epoch(now),
    leaseSeconds: config.leaseSeconds,
    expiresAt,
  });
  if (claim === 'already-processed') {
    log.info('duplicate delivery, already processed', { tenantId, captureId });
    return { status: 'duplicate' };
  }
  if (claim === 'in-progress') {
    // Another invocation holds a live lease. If it dies, the lease runs out (it is shorter than
    // the function timeout plus a margin) and the sweeper takes the capture over: nothing to
    // retry here, and nothing for the dead-letter queue.
    log.info('capture is being analysed by another invocation', { tenantId, captureId });
    return { status: 'in-progress', captureId };
  }

  // Sessions of an earlier version (or a half-written earlier attempt) must not mix with these.
  if (claim === 'reclaimed') await withRetry(() => deps.sessions.deleteSessions(tenantId, captureId), deps.writeRetry);

  const fail = async (reason: string, retryable: boolean, frames?: number): Promise<Outcome> => {
    log.warn('capture failed', { tenantId, captureId, reason, retryable });
    await withRetry(
      () => deps.captures.markFailed(tenantId, captureId, tag, reason, retryable, deps.now().toISOString(), frames),
      deps.writeRetry,
    );
    return { status: 'failed', tenantId, captureId, reason };
  };
  // Input the pipeline refuses is not kept: the object (this version) is deleted, the reason stays.
  const refuse = async (reason: string, frames?: number): Promise<Outcome> => {
    const outcome = await fail(reason, false, frames);
    await deps.objects.delete(rec.key, head.versionId).catch((err: unknown) => {
      log.error('could not delete a refused capture', { tenantId, captureId, error: String(err) });
    });
    return outcome;
  };

  // Checks that need no reading (the event's size may be absent; HeadObject is authoritative).
  if (head.size === 0) return refuse('The file is empty (0 bytes): upload the capture file itself.');
  if (head.size > config.maxCaptureBytes) {
    return refuse(
      `The file is ${head.size} bytes, beyond the limit of ${config.maxCaptureBytes} bytes; ` +
        'filter the capture (e.g. udp port 500 or 4500 or esp) before uploading.',
    );
  }

  let report: AnalysisReport;
  try {
    const body = await deps.objects.stream(rec.key, head.versionId);
    // The MX's address when the upload said it (kept with the object as user metadata mx-ip).
    const mxIp = head.mxIp !== undefined && isIP(head.mxIp) !== 0 ? head.mxIp : undefined;
    report = await deps.analyze(limitStream(body, config.maxCaptureBytes, deadlineMs), {
      fileName,
      ...(mxIp ? { mxIp } : {}),
    });
  } catch (err) {
    if (err instanceof NotACaptureError) return refuse(`Not a packet capture: ${err.message}.`);
    if (err instanceof CaptureTooLargeError) return refuse(`The capture grew beyond the limit: ${err.message}.`);
    // Slower than the function's timeout allows: another attempt would be just as slow.
    if (err instanceof AnalysisTimeoutError) {
      return refuse(`The analysis did not finish in time (${err.message}); filter the capture before uploading.`);
    }
    if (isTransientError(err)) return transientFailure(err, deps, tenantId, captureId, tag, 'Reading the capture');
    // A deterministic failure of the core on this input: retrying cannot help.
    log.error('analysis crashed', { tenantId, captureId, error: String(err) });
    return fail(`The analysis could not complete: ${(err as Error).message ?? String(err)}`, false);
  }

  // The core's one rule for damaged or empty captures: `analyze` exits 3 on the same files.
  const failure = captureFailure(report);
  if (failure) return refuse(failure, report.capture.frames);

  try {
    const analyzedAt = deps.now().toISOString();
    await withRetry(
      () => deps.objects.putJson(resultObjectKey(tenantId, captureId), JSON.stringify(report)),
      deps.writeRetry,
    );
    const stored = await deps.sessions.putSessions(
      { tenantId, captureId, fileName, analyzedAt, expiresAt },
      report.sessions,
      report.anyconnect,
    );
    const done = await withRetry(
      () =>
        deps.captures.markDone(tenantId, captureId, tag, {
          frames: report.capture.frames,
          start: report.capture.start,
          end: report.capture.end,
          verdict: report.verdict,
          // The report's own codes (VERDICT_CODES), counted per client.
          clientVerdicts: reportVerdictCounts(report).map(([verdict, clients]) => ({
            verdict: verdict as VerdictCode,
            clients,
          })),
          sessions: report.sessions.length + (report.anyconnect?.length ?? 0),
          analyzedAt,
        }),
      deps.writeRetry,
    );
    if (!done) log.warn('claim was taken over before completion', { tenantId, captureId });
    log.info('capture analysed', { tenantId, captureId, sessions: stored, verdict: report.verdict });
    return {
      status: 'done',
      tenantId,
      captureId,
      sessions: report.sessions.length,
      verdict: report.verdict,
      bytes: head.size,
    };
  } catch (err) {
    if (!isTransientError(err)) throw err;
    // Leave nothing half-written: the sessions go, the capture shows FAILED (retryable).
    await deps.sessions.deleteSessions(tenantId, captureId).catch(() => undefined);
    return transientFailure(err, deps, tenantId, captureId, tag, 'Storing the results');
  }
}

async function transientFailure(
  err: unknown,
  deps: AnalyzeDeps,
  tenantId: string,
  captureId: string,
  tag: string,
  phase: string,
): Promise<never> {
  const reason =
    `${phase} failed after retries (${(err as Error).name ?? 'Error'}: ${(err as Error).message ?? ''}); ` +
    'the event went to the dead-letter queue and will be analysed again when it is redriven.';
  await deps.captures.markFailed(tenantId, captureId, tag, reason, true, deps.now().toISOString()).catch((markErr) => {
    deps.log.error('could not mark capture FAILED', { tenantId, captureId, error: String(markErr) });
  });
  throw new PipelineTransientError(reason, { cause: err });
}
