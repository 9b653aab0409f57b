// The stateful resources: capture bucket, results table, access-log bucket.
import { tableDefinition } from '../../lambdas/store/table-schema.js';
import { describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { CaptureBucket } from '../../cdk/capture-bucket.js';
import { BROWSER_CORS_RULE } from '../../lambdas/storage/browser-cors.js';
import { bareStack, single, type Resource, type SynthesizedStack } from './synth-stack.js';

export function storageSuite(synthesized: SynthesizedStack): void {
  const { template } = synthesized;

  const resources = template.toJSON().Resources as Record<string, Resource>;

  describe('stable logical ids of stateful resources', () => {
    it('keeps the capture bucket at logical id CaptureBucket, retained', () => {
      expect(resources['CaptureBucket']).toMatchObject({
        Type: 'AWS::S3::Bucket',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(Object.keys(template.findResources('AWS::S3::Bucket'))).toHaveLength(3);
    });

    it('keeps the results table at logical id ResultsTable, retained and deletion-protected', () => {
      expect(resources['ResultsTable']).toMatchObject({
        Type: 'AWS::DynamoDB::Table',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: { DeletionProtectionEnabled: true },
      });
      expect(Object.keys(template.findResources('AWS::DynamoDB::Table'))).toEqual(['ResultsTable']);
    });

    it('keeps the construct paths the ids come from', () => {
      const paths = synthesized.stack.node.findAll().map((c) => c.node.path);
      expect(paths).toContain('VpnDoctor/Captures/Bucket');
      expect(paths).toContain('VpnDoctor/Results/Table');
    });
  });

  describe('capture bucket', () => {
    const bucket = resources['CaptureBucket']!.Properties!;

    it('is encrypted, private, versioned and logs to the access-log bucket', () => {
      expect(bucket['BucketEncryption']).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
      expect(bucket['PublicAccessBlockConfiguration']).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket['VersioningConfiguration']).toEqual({ Status: 'Enabled' });
      const [logBucketId] = single(template, 'AWS::S3::Bucket', 'AccessLogsBucket');
      expect(bucket['LoggingConfiguration']).toEqual({
        DestinationBucketName: { Ref: logBucketId },
        LogFilePrefix: 'capture-bucket/',
      });
    });

    it('denies every request not made over TLS', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: 'CaptureBucket' },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('expires captures and results after the retention, drops old versions and stale uploads', () => {
      const rules = (bucket['LifecycleConfiguration'] as { Rules: Record<string, unknown>[] }).Rules;
      expect(rules).toEqual([
        {
          Id: 'expire-captures',
          Prefix: 'captures/',
          ExpirationInDays: 90,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
          Status: 'Enabled',
        },
        {
          Id: 'expire-results',
          Prefix: 'results/',
          ExpirationInDays: 90,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          Status: 'Enabled',
        },
        {
          Id: 'abort-incomplete-uploads',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          Status: 'Enabled',
        },
        { Id: 'remove-expired-delete-markers', ExpiredObjectDeleteMarker: true, Status: 'Enabled' },
      ]);
    });

    it('lets only the dashboard origin PUT uploads and GET redirected reports from a browser', () => {
      const [distributionId] = single(template, 'AWS::CloudFront::Distribution', 'DashboardDistribution');
      expect(bucket['CorsConfiguration']).toEqual({
        CorsRules: [
          {
            AllowedMethods: ['GET', 'PUT'],
            AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }],
            AllowedHeaders: ['*'],
            ExposedHeaders: ['ETag'],
            MaxAge: 3000,
          },
        ],
      });
    });

    it('takes its retention from the setting (no tiering when retention is shorter)', () => {
      // Construct-level: no function bundling needed to check the lifecycle arithmetic.
      const stack = bareStack();
      new CaptureBucket(stack, 'Captures', { accessLogs: new Bucket(stack, 'Logs'), retentionDays: 7 });
      const rules = Template.fromStack(stack).toJSON().Resources.CaptureBucket.Properties.LifecycleConfiguration
        .Rules as { Id: string; ExpirationInDays?: number; Transitions?: unknown }[];
      expect(rules.filter((r) => r.ExpirationInDays !== undefined).map((r) => [r.Id, r.ExpirationInDays])).toEqual([
        ['expire-captures', 7],
        ['expire-results', 7],
      ]);
      expect(rules.every((r) => r.Transitions === undefined)).toBe(true);
    });

    it('allows a custom domain next to the CloudFront origin, with the same rule', () => {
      const stack = bareStack();
      const captures = new CaptureBucket(stack, 'Captures', {
        accessLogs: new Bucket(stack, 'Logs'),
        retentionDays: 90,
      });
      captures.allowBrowsersFrom(['https://d111.cloudfront.net', 'https://vpn-doctor.example.com']);
      const cors = Template.fromStack(stack).toJSON().Resources.CaptureBucket.Properties.CorsConfiguration;
      expect(cors.CorsRules[0].AllowedOrigins).toEqual([
        'https://d111.cloudfront.net',
        'https://vpn-doctor.example.com',
      ]);
      expect(cors.CorsRules[0].AllowedMethods).toEqual([...BROWSER_CORS_RULE.allowedMethods]);
    });
  });

  describe('access-log bucket', () => {
    it('accepts S3 server access logs only from the two buckets, each under its own prefix', () => {
      const [logBucketId, logBucket] = single(template, 'AWS::S3::Bucket', 'AccessLogsBucket');
      expect(logBucket.Properties!['OwnershipControls']).toEqual({
        Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }],
      });
      const [, policy] = single(template, 'AWS::S3::BucketPolicy', 'AccessLogsBucketPolicy');
      const allows = (policy.Properties!['PolicyDocument'].Statement as Record<string, any>[]).filter(
        (s) => s.Effect === 'Allow',
      );
      const [dashboardBucketId] = single(template, 'AWS::S3::Bucket', 'DashboardBucket');
      expect(
        allows.map((s) => [
          s.Principal.Service,
          s.Action,
          s.Condition.ArnLike['aws:SourceArn']['Fn::GetAtt'][0],
          s.Resource['Fn::Join'][1][1],
        ]),
      ).toEqual([
        ['logging.s3.amazonaws.com', 's3:PutObject', 'CaptureBucket', '/capture-bucket/*'],
        ['logging.s3.amazonaws.com', 's3:PutObject', dashboardBucketId, '/dashboard-bucket/*'],
      ]);
      expect(allows.every((s) => s.Resource['Fn::Join'][1][0]['Fn::GetAtt'][0] === logBucketId)).toBe(true);
    });
  });

  describe('results table', () => {
    const table = resources['ResultsTable']!.Properties!;

    it('has the pk/sk key schema and the two string-keyed GSIs of the pipeline contract', () => {
      expect(table['KeySchema']).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      // Exactly what the local twin creates: one definition of the table for both.
      expect(table['GlobalSecondaryIndexes']).toEqual(tableDefinition('x').GlobalSecondaryIndexes);
      expect(table['AttributeDefinitions']).toEqual(
        ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'].map((AttributeName) => ({
          AttributeName,
          AttributeType: 'S',
        })),
      );
    });

    it('is on-demand, encrypted, point-in-time recoverable, with TTL on expiresAt', () => {
      expect(table['BillingMode']).toBe('PAY_PER_REQUEST');
      expect(table['SSESpecification']).toEqual({ SSEEnabled: true });
      expect(table['PointInTimeRecoverySpecification']).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table['TimeToLiveSpecification']).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    });
  });
}
