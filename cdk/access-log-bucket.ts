// The bucket that receives S3 server access logs (capture and dashboard buckets) and the
// CloudFront standard logs. CloudFront's legacy log delivery writes with ACLs, so ACLs stay
// enabled (BUCKET_OWNER_PREFERRED: the bucket owner still owns every object).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Validations } from 'aws-cdk-lib';

export interface AccessLogBucketProps {
  /** @default 90 */
  readonly expireAfterDays?: number;
}

export class AccessLogBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      // CloudFront standard logging supports SSE-S3 only, not KMS.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [
        { id: 'expire-logs', expiration: Duration.days(props.expireAfterDays ?? 90) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Access logs are evidence; keep them if the stack goes away.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log destination itself; logging it into itself would log its own log writes without end.',
    });
  }
}
