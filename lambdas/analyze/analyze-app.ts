// The analyze handler's core: every ObjectCreated record of the event, each independently. A
// record that fails transiently makes the whole invocation fail (after the others are done), so
// Lambda's async retries and on-failure destination take over; duplicates are skipped by claim.
import type { Logger } from '../log.js';
import { processObject, type AnalyzeDeps, type Outcome } from './process-capture.js';
import { objectCreatedRecords, type S3Event } from './s3-event.js';
import { noMetrics, type PipelineMetrics } from '../telemetry.js';
import { isSweepEvent, sweep, type SweepEvent, type SweepResult } from './sweeper.js';

/** What the analyze function is invoked with: S3 notifications, and the sweeper's schedule. */
export type AnalyzeEvent = S3Event | SweepEvent;

/** The part of Lambda's context we use. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/** Time kept for writing the results (or the failure) after reading stops. */
export const WRITE_PHASE_RESERVE_MS = 30_000;

export function createAnalyzeHandler(
  deps: AnalyzeDeps,
  metrics: PipelineMetrics = noMetrics,
): (event: AnalyzeEvent, context?: InvocationContext) => Promise<{ outcomes: Outcome[]; sweep?: SweepResult }> {
  return async (event, context) => {
    const deadline = context
      ? Date.now() + context.getRemainingTimeInMillis() - WRITE_PHASE_RESERVE_MS
      : Number.POSITIVE_INFINITY;
    if (isSweepEvent(event)) {
      const started = Date.now();
      const result = await sweep(deps, event, deadline);
      for (const o of result.analysed) metrics.outcome(o, Date.now() - started);
      if (result.examined > 0) deps.log.info('sweep done', { ...result, analysed: result.analysed.length });
      return { outcomes: result.analysed, sweep: result };
    }
    const outcomes: Outcome[] = [];
    const errors: unknown[] = [];
    for (const rec of objectCreatedRecords(event)) {
      try {
        const started = Date.now();
        const outcome = await processObject(rec, deps, deadline);
        metrics.outcome(outcome, Date.now() - started);
        outcomes.push(outcome);
      } catch (err) {
        logFailure(deps.log, rec.key, err);
        errors.push(err);
      }
    }
    if (errors.length > 0)
      throw errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} records failed`);
    return { outcomes };
  };
}

function logFailure(log: Logger, key: string, err: unknown): void {
  log.error('record failed, will be retried or dead-lettered', { key: key.slice(0, 300), error: String(err) });
}
