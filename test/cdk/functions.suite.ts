// The two Lambda functions: configuration, bundle, trigger, failure destination and the exact
// IAM statements of their roles.
import { describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { ANALYZER_TABLE_ACTIONS, API_TABLE_ACTIONS } from '../../cdk/results-table.js';
import { MERAKI_SECRET_ACTIONS } from '../../cdk/meraki-secrets.js';
import { DEFAULT_LEASE_SECONDS, SWEEP_INTERVAL_SECONDS } from '../../lambdas/config.js';
import { single, type Resource, type SynthesizedStack } from './synth-stack.js';

export function functionsSuite(synthesized: SynthesizedStack): void {
  const { template, outdir } = synthesized;

  const [analyzeId, analyze] = single(template, 'AWS::Lambda::Function', 'AnalyzerServiceFunction');
  const [, api] = single(template, 'AWS::Lambda::Function', 'ApiServiceFunction');
  const [queueId, queue] = single(template, 'AWS::SQS::Queue', 'AnalyzerDeadLetters');

  type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

  /** Every statement of every policy attached to the role the function runs as. */
  function roleStatements(fn: Resource): Statement[] {
    const roleId = (fn.Properties!['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const role = template.toJSON().Resources[roleId] as Resource;
    expect(role.Properties!['ManagedPolicyArns']).toBeUndefined();
    expect(role.Properties!['Policies']).toBeUndefined();
    return Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
      .filter((p) =>
        (p.Properties!['Roles'] as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
      )
      .flatMap((p) => p.Properties!['PolicyDocument'].Statement as Statement[])
      .map(normalized);
  }

  /** Actions as a sorted list (the minimizePolicies flag sorts them and unwraps singletons). */
  function normalized(s: Statement): Statement {
    return { ...s, Action: [s.Action].flat().sort() };
  }

  const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
  const under = (id: string, suffix: string) => ({ 'Fn::Join': ['', [arn(id), suffix]] });
  const logGroupOf = (fn: Resource) => (fn.Properties!['LoggingConfig'] as { LogGroup: { Ref: string } }).LogGroup.Ref;
  const XRAY: Statement = {
    Effect: 'Allow',
    Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Resource: '*',
  };
  const tableStatements = (actions: readonly string[], indexes: string[]): Statement[] => [
    { Effect: 'Allow', Action: [...actions], Resource: arn('ResultsTable') },
    {
      Effect: 'Allow',
      Action: 'dynamodb:Query',
      Resource:
        indexes.length === 1
          ? under('ResultsTable', `/index/${indexes[0]}`)
          : indexes.map((i) => under('ResultsTable', `/index/${i}`)),
    },
  ];

  describe('analyze function', () => {
    it('runs the bundled analyze handler on arm64 Node 20 with 1 GiB, 5 min and bounded concurrency', () => {
      expect(analyze.Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        MemorySize: 1024,
        Timeout: 300,
        ReservedConcurrentExecutions: 10,
      });
    });

    it('gets exactly the environment of the pipeline contract', () => {
      expect(analyze.Properties!['Environment']).toEqual({
        Variables: {
          TABLE_NAME: { Ref: 'ResultsTable' },
          BUCKET_NAME: { Ref: 'CaptureBucket' },
          MAX_CAPTURE_BYTES: String(2 * 1024 ** 3),
          RETENTION_DAYS: '90',
          CLAIM_LEASE_SECONDS: '360',
          MAX_ATTEMPTS: '3',
        },
      });
    });

    it('is invoked by ObjectCreated events under captures/ only', () => {
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: 'CaptureBucket' },
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              Events: ['s3:ObjectCreated:*'],
              Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'captures/' }] } },
              LambdaFunctionArn: arn(analyzeId),
            },
          ],
        },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: arn(analyzeId),
        Principal: 's3.amazonaws.com',
        SourceArn: arn('CaptureBucket'),
        SourceAccount: { Ref: 'AWS::AccountId' },
      });
    });

    it('retries a failed event twice, then sends it to an encrypted, TLS-only dead-letter queue', () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: analyzeId },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: arn(queueId) } },
      });
      expect(queue.Properties).toEqual({ MessageRetentionPeriod: 14 * 86_400, SqsManagedSseEnabled: true });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: [
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ],
        },
      });
    });

    it('holds a claim no longer than its timeout plus a minute, so a dead invocation is taken over', () => {
      expect(DEFAULT_LEASE_SECONDS).toBe((analyze.Properties!['Timeout'] as number) + 60);
    });

    it('is invoked by a schedule every 5 minutes with the sweep event, without retries', () => {
      const [ruleId, rule] = single(template, 'AWS::Events::Rule', 'SweeperRule');
      expect(rule.Properties).toMatchObject({
        ScheduleExpression: `rate(${SWEEP_INTERVAL_SECONDS / 60} minutes)`,
        State: 'ENABLED',
        Targets: [
          {
            Arn: arn(analyzeId),
            Input: JSON.stringify({ action: 'sweep' }),
            RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: SWEEP_INTERVAL_SECONDS },
          },
        ],
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: arn(analyzeId),
        Principal: 'events.amazonaws.com',
        SourceArn: arn(ruleId),
      });
    });

    it('may only write its logs, read and delete captures/*, write results/*, use the table and reach its queue', () => {
      expect(roleStatements(analyze)).toEqual(
        (
          [
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: arn(logGroupOf(analyze)),
            },
            XRAY,
            {
              Effect: 'Allow',
              Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
              Resource: arn(queueId),
            },
            {
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject', 's3:DeleteObjectVersion'],
              Resource: under('CaptureBucket', '/captures/*'),
            },
            { Effect: 'Allow', Action: 's3:PutObject', Resource: under('CaptureBucket', '/results/*') },
            ...tableStatements(ANALYZER_TABLE_ACTIONS, ['gsi3']),
          ] as Statement[]
        ).map(normalized),
      );
    });
  });

  describe('API function', () => {
    it('runs the bundled API handler on arm64 Node 20 below the HTTP API 30 s limit', () => {
      expect(api.Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: 25,
      });
      expect(api.Properties!['ReservedConcurrentExecutions']).toBeUndefined();
    });

    it('gets the environment of the pipeline contract (plus the retention its upload route reads)', () => {
      expect(api.Properties!['Environment']).toEqual({
        Variables: {
          TABLE_NAME: { Ref: 'ResultsTable' },
          BUCKET_NAME: { Ref: 'CaptureBucket' },
          MAX_UPLOAD_BYTES: String(2 * 1024 ** 3),
          UPLOAD_URL_TTL_SECONDS: '900',
          UPLOAD_GRACE_SECONDS: '300',
          RETENTION_DAYS: '90',
          MERAKI_SECRET_PREFIX: 'vpn-doctor/meraki/',
        },
      });
    });

    it('may only write its logs, read results/*, put captures/* (presigning), delete both (DELETE /api/captures/{id}) and use the table', () => {
      // Pinned here, not only imported: a new table action for the API shows up in this diff.
      expect([...API_TABLE_ACTIONS].sort()).toEqual([
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ]);
      expect(roleStatements(api)).toEqual(
        (
          [
            { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: arn(logGroupOf(api)) },
            XRAY,
            { Effect: 'Allow', Action: 's3:GetObject', Resource: under('CaptureBucket', '/results/*') },
            { Effect: 'Allow', Action: 's3:PutObject', Resource: under('CaptureBucket', '/captures/*') },
            {
              Effect: 'Allow',
              Action: 's3:DeleteObject',
              Resource: [under('CaptureBucket', '/captures/*'), under('CaptureBucket', '/results/*')],
            },
            ...tableStatements(API_TABLE_ACTIONS, ['gsi1', 'gsi2']),
            {
              Effect: 'Allow',
              Action: [...MERAKI_SECRET_ACTIONS],
              Resource: {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':secretsmanager:',
                    { Ref: 'AWS::Region' },
                    ':',
                    { Ref: 'AWS::AccountId' },
                    ':secret:vpn-doctor/meraki/*',
                  ],
                ],
              },
            },
          ] as Statement[]
        ).map(normalized),
      );
    });
  });

  describe('both functions', () => {
    it.each([
      ['analyze', analyze],
      ['api', api],
    ])('%s logs to its own log group kept one month', (_name, fn) => {
      const logGroup = template.toJSON().Resources[logGroupOf(fn)] as Resource;
      expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    });

    /** The staged asset directory of a function's code (`<hash>.zip` -> `asset.<hash>`). */
    const assetDir = (fn: Resource) =>
      join(outdir, `asset.${(fn.Properties!['Code'] as { S3Key: string }).S3Key.replace(/\.zip$/, '')}`);

    it.each([
      ['analyze', analyze],
      ['api', api],
    ])('%s ships an ESM bundle of its handler built by the local esbuild', (_name, fn) => {
      const bundle = join(assetDir(fn), 'index.mjs');
      expect(existsSync(bundle)).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      // The require shim banner comes first; the module exports `handler` the ESM way.
      expect(code.startsWith("import { createRequire as __vdCreateRequire } from 'node:module';")).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}/);
      expect(code).not.toMatch(/\bmodule\.exports\s*=\s*__toCommonJS/);
    });

    it.each([
      ['analyze', analyze],
      ['api', api],
    ])('%s bundle loads in plain Node on its own (SDK bundled) and exports only handler', (_name, fn) => {
      // A child node, run in the OS temp dir where no node_modules can be found by the bundle.
      const url = pathToFileURL(join(assetDir(fn), 'index.mjs')).href;
      const out = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify(Object.entries(m).map(([k, v]) => [k, typeof v])))`,
        ],
        { cwd: tmpdir(), encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } },
      );
      expect(JSON.parse(out)).toEqual([['handler', 'function']]);
    });

    it('ship different code for the two handlers', () => {
      const [a, b] = [analyze, api].map((fn) => readFileSync(join(assetDir(fn), 'index.mjs'), 'utf8'));
      expect(a).not.toBe(b);
    });
  });
}

export function monitoringSuite(synthesized: SynthesizedStack): void {
  const { template } = synthesized;
  describe('monitoring', () => {
    it('alarms on DLQ depth, function errors and throttles, API 5xx and DynamoDB throttles, to one topic', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>).map(
        (a) => a.Properties!,
      );
      const [topicId] = single(template, 'AWS::SNS::Topic', 'MonitoringAlarms');
      expect(alarms.every((a) => JSON.stringify(a['AlarmActions']) === JSON.stringify([{ Ref: topicId }]))).toBe(true);
      const names = alarms.map((a) => `${a['Namespace']}/${a['MetricName']}`).sort();
      expect(names).toEqual(
        [
          'AWS/SQS/ApproximateNumberOfMessagesVisible',
          'AWS/Lambda/Errors',
          'AWS/Lambda/Errors',
          'AWS/Lambda/Throttles',
          'AWS/Lambda/Throttles',
          'AWS/ApiGateway/5xx',
          'AWS/DynamoDB/ReadThrottleEvents',
          'AWS/DynamoDB/WriteThrottleEvents',
        ].sort(),
      );
      expect(template.findResources('AWS::CloudWatch::Dashboard')).not.toEqual({});
      expect(template.findResources('AWS::SNS::Subscription')).toEqual({}); // no alarmEmail given
    });

    it('traces both functions with X-Ray', () => {
      for (const prefix of ['AnalyzerServiceFunction', 'ApiServiceFunction']) {
        const [, fn] = single(template, 'AWS::Lambda::Function', prefix);
        expect(fn.Properties!['TracingConfig']).toEqual({ Mode: 'Active' });
      }
    });
  });
}
