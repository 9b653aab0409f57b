// Telemetry with Powertools for AWS Lambda: structured JSON logs (the same in the local twin),
// CloudWatch metrics in embedded metric format, and X-Ray traces of the SDK clients. Handlers
// build one Telemetry per container; everything deeper logs through the plain Logger interface.
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Logger } from './log.js';
import type { Outcome } from './analyze/process-capture.js';

export const METRICS_NAMESPACE = 'VpnDoctor';

/** Metric names, one definition for the code that emits them and the CDK dashboard and alarms. */
export const METRIC = {
  capturesAnalysed: 'CapturesAnalysed',
  capturesFailed: 'CapturesFailed',
  analysisDuration: 'AnalysisDuration',
  bytesAnalysed: 'BytesAnalysed',
  rateLimited: 'RateLimited',
} as const;

/** A Powertools logger behind our Logger interface: one JSON line per entry, keys merged. */
export function powertoolsLogger(serviceName: string): { logger: PowertoolsLogger; log: Logger } {
  const logger = new PowertoolsLogger({ serviceName });
  return {
    logger,
    log: {
      info: (message, fields = {}) => logger.info(message, fields),
      warn: (message, fields = {}) => logger.warn(message, fields),
      error: (message, fields = {}) => logger.error(message, fields),
    },
  };
}

export interface PipelineMetrics {
  outcome(outcome: Outcome, durationMs: number): void;
  rateLimited(scope: string): void;
  flush(): void;
}

export const noMetrics: PipelineMetrics = { outcome() {}, rateLimited() {}, flush() {} };

/** Powertools metrics: analyses by verdict, failures, duration and bytes; 429s by scope. */
export function powertoolsMetrics(serviceName: string): PipelineMetrics {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  return {
    outcome(o, durationMs) {
      if (o.status === 'done') {
        const m = metrics.singleMetric();
        m.addDimension('verdict', o.verdict);
        m.addMetric(METRIC.capturesAnalysed, MetricUnit.Count, 1);
        metrics.addMetric(METRIC.analysisDuration, MetricUnit.Milliseconds, durationMs);
        metrics.addMetric(METRIC.bytesAnalysed, MetricUnit.Bytes, o.bytes);
      } else if (o.status === 'failed') {
        metrics.addMetric(METRIC.capturesFailed, MetricUnit.Count, 1);
      }
    },
    rateLimited(scope) {
      const m = metrics.singleMetric();
      m.addDimension('scope', scope);
      m.addMetric(METRIC.rateLimited, MetricUnit.Count, 1);
    },
    flush: () => metrics.publishStoredMetrics(),
  };
}
