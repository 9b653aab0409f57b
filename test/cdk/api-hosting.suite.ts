// The HTTP API in front of the API function and the CloudFront hosting of the dashboard.
import { afterAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardHosting } from '../../cdk/dashboard-hosting.js';
import { VpnDoctorStack } from '../../cdk/vpn-doctor-stack.js';
import { bareStack, single, type SynthesizedStack } from './synth-stack.js';

export function apiHostingSuite(synthesized: SynthesizedStack): void {
  const { template } = synthesized;

  const [httpApiId] = single(template, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi');
  const [apiFnId] = single(template, 'AWS::Lambda::Function', 'ApiServiceFunction');
  const [, distribution] = single(template, 'AWS::CloudFront::Distribution', 'DashboardDistribution');
  const config = distribution.Properties!['DistributionConfig'] as Record<string, any>;

  // AWS managed CloudFront policies (fixed ids, documented by AWS).
  const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
  const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
  const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

  describe('HTTP API', () => {
    it('routes ANY /api/{proxy+} to the API function with payload format 2.0', () => {
      const [integrationId] = single(template, 'AWS::ApiGatewayV2::Integration', 'ApiHttpApi');
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        ApiId: { Ref: httpApiId },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [apiFnId, 'Arn'] },
        PayloadFormatVersion: '2.0',
      });
      const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
      expect(routes).toEqual([
        {
          ApiId: { Ref: httpApiId },
          AuthorizationType: 'NONE',
          RouteKey: 'ANY /api/{proxy+}',
          Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
        },
      ]);
    });

    it('lets API Gateway invoke the function only from this API', () => {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [apiFnId, 'Arn'] },
        Principal: 'apigateway.amazonaws.com',
        SourceArn: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ Ref: httpApiId }, '/*/*/api/{proxy+}'])] }),
      });
    });

    it('has one auto-deployed $default stage, throttled, with JSON access logs kept a month', () => {
      const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
      expect(stages).toHaveLength(1);
      const stage = stages[0]!.Properties as Record<string, any>;
      expect(stage).toMatchObject({
        ApiId: { Ref: httpApiId },
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      });
      const logGroupId = stage['AccessLogSettings'].DestinationArn['Fn::GetAtt'][0] as string;
      expect(template.toJSON().Resources[logGroupId]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 30 },
      });
      const format = JSON.parse(stage['AccessLogSettings'].Format) as Record<string, string>;
      expect(format['requestId']).toBe('$context.requestId');
      expect(format['status']).toBe('$context.status');
      expect(Object.values(format).some((v) => /authorization|header/i.test(v))).toBe(false);
    });
  });

  describe('dashboard hosting', () => {
    it('serves the private dashboard bucket through Origin Access Control, HTTPS only', () => {
      const [dashboardBucketId, bucket] = single(template, 'AWS::S3::Bucket', 'DashboardBucket');
      expect(bucket.Properties!['PublicAccessBlockConfiguration']).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const s3Origin = config['Origins'].find((o: any) => o.S3OriginConfig);
      expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [dashboardBucketId, 'RegionalDomainName'] });
      expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
      expect(s3Origin.OriginAccessControlId).toBeDefined();
      expect(config['DefaultRootObject']).toBe('index.html');
      expect(config['DefaultCacheBehavior']).toMatchObject({
        TargetOriginId: s3Origin.Id,
        ViewerProtocolPolicy: 'redirect-to-https',
        CachePolicyId: CACHING_OPTIMIZED,
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: dashboardBucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Action: 's3:GetObject',
              Principal: { Service: 'cloudfront.amazonaws.com' },
            }),
          ]),
        },
      });
    });

    it('forwards /api/* uncached to the HTTP API with every viewer header except Host', () => {
      const apiOrigin = config['Origins'].find((o: any) => o.CustomOriginConfig);
      expect(apiOrigin.DomainName).toEqual({
        'Fn::Join': ['', [{ Ref: httpApiId }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
      });
      expect(apiOrigin.CustomOriginConfig).toEqual({
        OriginProtocolPolicy: 'https-only',
        OriginSSLProtocols: ['TLSv1.2'],
      });
      expect(config['CacheBehaviors']).toHaveLength(1);
      expect(config['CacheBehaviors'][0]).toMatchObject({
        PathPattern: '/api/*',
        TargetOriginId: apiOrigin.Id,
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      });
    });

    it('adds the security headers to the dashboard and the API responses', () => {
      const [policyId, policy] = single(template, 'AWS::CloudFront::ResponseHeadersPolicy', 'DashboardSecurityHeaders');
      expect(config['DefaultCacheBehavior'].ResponseHeadersPolicyId).toEqual({ Ref: policyId });
      expect(config['CacheBehaviors'][0].ResponseHeadersPolicyId).toEqual({ Ref: policyId });
      const headers = policy.Properties!['ResponseHeadersPolicyConfig'].SecurityHeadersConfig;
      expect(headers.StrictTransportSecurity).toMatchObject({
        AccessControlMaxAgeSec: 730 * 86_400,
        IncludeSubdomains: true,
      });
      expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
      expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
      expect(headers.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'no-referrer' });
      const csp = headers.ContentSecurityPolicy.ContentSecurityPolicy as string;
      expect(csp.split('; ')).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "script-src 'self'",
          "frame-ancestors 'none'",
          "connect-src 'self' https://*.amazonaws.com",
        ]),
      );
    });

    it('logs requests to the access-log bucket', () => {
      const [logBucketId] = single(template, 'AWS::S3::Bucket', 'AccessLogsBucket');
      expect(config['Logging']).toEqual({
        Bucket: { 'Fn::GetAtt': [logBucketId, 'RegionalDomainName'] },
        Prefix: 'cloudfront/',
      });
    });

    it('uploads the dashboard build, prunes old files and invalidates the distribution', () => {
      const [dashboardBucketId] = single(template, 'AWS::S3::Bucket', 'DashboardBucket');
      const [distributionId] = single(template, 'AWS::CloudFront::Distribution', 'DashboardDistribution');
      template.hasResourceProperties('Custom::CDKBucketDeployment', {
        DestinationBucketName: { Ref: dashboardBucketId },
        DistributionId: { Ref: distributionId },
        DistributionPaths: ['/*'],
        Prune: true,
        RetainOnDelete: false,
      });
    });

    it('publishes the URLs and names an operator needs', () => {
      expect(Object.keys(template.toJSON().Outputs).sort()).toEqual([
        'AlarmTopicArn',
        'AnalyzerDeadLetterQueueUrl',
        'AnalyzerFunctionName',
        'ApiUrl',
        'CaptureBucketName',
        'DashboardUrl',
        'HttpApiUrl',
        'ResultsTableName',
      ]);
      template.hasOutput('CaptureBucketName', { Value: { Ref: 'CaptureBucket' } });
      template.hasOutput('ResultsTableName', { Value: { Ref: 'ResultsTable' } });
    });
  });

  describe('missing dashboard build', () => {
    const empty = mkdtempSync(join(tmpdir(), 'vpn-doctor-no-dashboard-'));
    afterAll(() => rmSync(empty, { recursive: true, force: true }));

    it('stops the stack with the command that fixes it, before any bundling', () => {
      const started = Date.now();
      const stack = bareStack();
      expect(
        () => new VpnDoctorStack(stack.node.scope as never, 'NoDashboard', { settings: { dashboardDir: empty } }),
      ).toThrow(/Dashboard build not found: .*index\.html does not exist\. Run `npm run build`/);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('is checked by the hosting construct itself too', () => {
      const stack = bareStack();
      expect(
        () =>
          new DashboardHosting(stack, 'Dashboard', {
            assetDir: empty,
            apiHost: 'api.example',
            accessLogs: new Bucket(stack, 'Logs'),
          }),
      ).toThrow(/npm run build/);
    });
  });
}
