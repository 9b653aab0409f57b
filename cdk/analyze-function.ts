// The pipeline's analyzer: an S3 ObjectCreated event under captures/ invokes it asynchronously;
// it streams the capture through the core and writes the report to results/ and the table.
// Failed invocations are retried twice, then the event goes to a dead-letter queue.
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { acknowledgePrefixGrants, CAPTURES_PREFIX, type CaptureBucket, RESULTS_PREFIX } from './capture-bucket.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { ServiceFunction } from './service-function.js';
import { ANALYZE_HANDLER } from './paths.js';
import { ANALYZE_TIMEOUT_SECONDS, DEFAULT_LEASE_SECONDS, DEFAULT_MAX_ATTEMPTS } from '../lambdas/config.js';
import { ANALYZER_TABLE_ACTIONS, GSI_PENDING, type ResultsTable } from './results-table.js';

export interface AnalyzeFunctionProps {
  readonly captures: CaptureBucket;
  readonly results: ResultsTable;
  /** Larger captures are refused (recorded as FAILED) without being read. */
  readonly maxCaptureBytes: number;
  /** Results in the table expire (TTL) this many days after analysis. */
  readonly retentionDays: number;
  /**
   * Upper bound of concurrent analyses, so a burst of uploads cannot starve the account.
   * `undefined` leaves the function on the unreserved pool (needed on new accounts whose
   * concurrency quota is 10, where any reservation is refused).
   */
  readonly reservedConcurrency?: number;
  /** @default 1024: the core streams in < 256 MB RSS; the rest buys CPU, which scales with memory. */
  readonly memorySize?: number;
}

export const ANALYZE_TIMEOUT = Duration.seconds(ANALYZE_TIMEOUT_SECONDS);
export const ANALYZE_RETRY_ATTEMPTS = 2;

export class AnalyzeFunction extends Construct {
  readonly service: ServiceFunction;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: AnalyzeFunctionProps) {
    super(scope, id);
    const bucket = props.captures.bucket;

    this.service = new ServiceFunction(this, 'Service', {
      entry: ANALYZE_HANDLER,
      description: 'vpn-doctor analyzer: S3 capture -> diagnosis report',
      memorySize: props.memorySize ?? 1024,
      timeout: ANALYZE_TIMEOUT,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: {
        TABLE_NAME: props.results.table.tableName,
        BUCKET_NAME: bucket.bucketName,
        MAX_CAPTURE_BYTES: String(props.maxCaptureBytes),
        RETENTION_DAYS: String(props.retentionDays),
        // Shorter than nothing that could still be running: the timeout plus a margin.
        CLAIM_LEASE_SECONDS: String(DEFAULT_LEASE_SECONDS),
        MAX_ATTEMPTS: String(DEFAULT_MAX_ATTEMPTS),
      },
    });
    const fn = this.service.function;

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters');
    fn.configureAsyncInvoke({
      onFailure: new SqsDestination(this.deadLetterQueue.queue),
      retryAttempts: ANALYZE_RETRY_ATTEMPTS,
    });

    bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn), {
      prefix: CAPTURES_PREFIX,
    });

    // Read a capture (a given version: the event carries its versionId), write its results.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [props.captures.objectsUnder(CAPTURES_PREFIX)],
      }),
    );
    // What it refuses (not a capture, too large, truncated...) it deletes, that version only.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [props.captures.objectsUnder(CAPTURES_PREFIX)],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [props.captures.objectsUnder(RESULTS_PREFIX)],
      }),
    );
    // The sweeper reads the PENDING index; no other index is queried by the analyzer.
    props.results.grantItems(fn, ANALYZER_TABLE_ACTIONS, [GSI_PENDING]);
    acknowledgePrefixGrants(this.service.role, [CAPTURES_PREFIX, RESULTS_PREFIX]);
  }
}
