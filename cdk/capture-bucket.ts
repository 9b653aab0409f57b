// The bucket holding uploaded captures (captures/{tenantId}/{captureId}/{file}) and analysis
// results (results/...). Stateful: fixed logical id and RETAIN, so a refactor of the construct
// tree or a `cdk destroy` never deletes customer data.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Construct, type IConstruct } from 'constructs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  type IBucket,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { BROWSER_CORS_RULE } from '../lambdas/storage/browser-cors.js';

/** Key prefixes the pipeline writes; grants and lifecycle rules are scoped by them. */
export const CAPTURES_PREFIX = 'captures/';
export const RESULTS_PREFIX = 'results/';

/** CloudFormation logical id; never change it (it would replace the bucket). */
export const CAPTURE_BUCKET_LOGICAL_ID = 'CaptureBucket';

export interface CaptureBucketProps {
  readonly accessLogs: IBucket;
  /** Captures and their results expire this many days after upload/analysis. */
  readonly retentionDays: number;
  /**
   * Captures move to S3 Standard-IA this many days after upload (they are read once, at
   * analysis, and rarely again); no transition when it is not shorter than the retention.
   * S3 requires at least 30 days. @default 30
   */
  readonly infrequentAccessAfterDays?: number;
}

export const DEFAULT_INFREQUENT_ACCESS_AFTER_DAYS = 30;

export class CaptureBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: CaptureBucketProps) {
    super(scope, id);
    const iaAfter = props.infrequentAccessAfterDays ?? DEFAULT_INFREQUENT_ACCESS_AFTER_DAYS;
    const prefixRules = [CAPTURES_PREFIX, RESULTS_PREFIX].map((prefix) => ({
      id: `expire-${prefix.slice(0, -1)}`,
      prefix,
      expiration: Duration.days(props.retentionDays),
      // Versioning keeps an overwritten or expired object as noncurrent; drop it soon after.
      noncurrentVersionExpiration: Duration.days(1),
      // Captures dominate the storage bill; results are small and read by the dashboard.
      transitions:
        prefix === CAPTURES_PREFIX && iaAfter < props.retentionDays
          ? [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(iaAfter) }]
          : undefined,
    }));

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // The analyzer keys its idempotency on (key, versionId) from the S3 event.
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'capture-bucket/',
      lifecycleRules: [
        ...prefixRules,
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.bucket.node.defaultChild as CfnBucket).overrideLogicalId(CAPTURE_BUCKET_LOGICAL_ID);
  }

  /**
   * Lets browsers on `origins` PUT presigned uploads and follow the API's redirect to a presigned
   * GET of a large report: the rule of lambdas/storage/browser-cors.ts, which the twin uses too.
   * Added after construction because the dashboard origin is only known once the hosting exists.
   */
  allowBrowsersFrom(origins: readonly string[]): void {
    const r = BROWSER_CORS_RULE;
    this.bucket.addCorsRule({
      allowedMethods: r.allowedMethods.map((m) => HttpMethods[m]),
      allowedOrigins: [...origins],
      allowedHeaders: [...r.allowedHeaders],
      exposedHeaders: [...r.exposedHeaders],
      maxAge: r.maxAgeSeconds,
    });
  }

  /** ARN pattern of the objects under one key prefix, e.g. `captures/*`. */
  objectsUnder(prefix: string): string {
    return this.bucket.arnForObjects(`${prefix}*`);
  }
}

/**
 * cdk-nag flags every `*` in a resource; a key-prefix wildcard is the narrowest grant S3 has
 * for objects whose keys are generated at run time. Acknowledged finding by finding, so any
 * other wildcard on the same role is still reported.
 */
export function acknowledgePrefixGrants(role: IConstruct, prefixes: readonly string[]): void {
  for (const prefix of prefixes) {
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${CAPTURE_BUCKET_LOGICAL_ID}.Arn>/${prefix}*]`,
      reason: `Keys under ${prefix} are generated per tenant and capture at run time; the grant is limited to that key prefix of the capture bucket.`,
    });
  }
}
