// Serves the dashboard (dist/dashboard) from a private bucket through CloudFront with Origin
// Access Control, and forwards /api/* to the HTTP API on the same origin, so the browser needs
// no CORS for the API and the Authorization header stays first-party.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Construct, type IConstruct } from 'constructs';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { existsSync } from 'node:fs';
import { BASIC_EXECUTION_ROLE } from './nag-acknowledgements.js';
import { join } from 'node:path';

export const API_PATH_PATTERN = '/api/*';

export interface DashboardHostingProps {
  /** Directory holding the built dashboard (index.html + assets/). */
  readonly assetDir: string;
  /** Host name of the HTTP API endpoint that serves /api/*. */
  readonly apiHost: string;
  readonly accessLogs: IBucket;
  /** A CloudFront-scope WAF web ACL to attach (cdk/web-acl.ts). */
  readonly webAclArn?: string;
}

// Same policy as the <meta> in lambdas/dashboard/index.html (a header also covers responses
// the meta cannot, e.g. /api JSON): a same-origin app, uploads PUT straight to S3.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' https://*.amazonaws.com",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export class DashboardHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  /** Fails with the fix in the message when the dashboard has not been built. */
  static assertBuilt(assetDir: string): void {
    const index = join(assetDir, 'index.html');
    if (!existsSync(index)) {
      throw new Error(
        `Dashboard build not found: ${index} does not exist. ` +
          'Run `npm run build` before `cdk synth` / `cdk deploy`.',
      );
    }
  }

  constructor(scope: Construct, id: string, props: DashboardHostingProps) {
    super(scope, id);
    DashboardHosting.assertBuilt(props.assetDir);

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'dashboard-bucket/',
      // Only build output lives here, redeployed from the repository; the deployment below
      // empties it on stack deletion so DESTROY can remove it.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'vpn-doctor dashboard and API security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.NO_REFERRER,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'vpn-doctor dashboard',
      webAclId: props.webAclArn,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          origin: new HttpOrigin(props.apiHost, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Nothing under /api is cacheable (per-tenant data). With caching disabled this
          // policy forwards Authorization too; Host must be the API's own for it to route.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'MSP engineers use the dashboard from wherever their customers are; access is controlled by API keys, not by country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF by default (a web ACL costs a fixed monthly fee): the static files are public by design and /api is authenticated by API key, rate-limited per key and tenant, and throttled at the HTTP API stage. -c wafRateLimit=N adds one (cdk/web-acl.ts).',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default *.cloudfront.net certificate, for which CloudFront does not allow choosing the minimum viewer TLS version; set a custom domain and certificate to enforce TLSv1.2_2021.',
      },
    );

    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.assetDir)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      retainOnDelete: false,
      logGroup: new LogGroup(this, 'DeployLogs', {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.acknowledgeDeploymentRole(deployment.handlerRole);
  }

  /** The uploader's role is CDK's; its grants are scoped to the dashboard bucket and the asset. */
  private acknowledgeDeploymentRole(role: IConstruct): void {
    const bucketArn = Stack.of(this).resolve(this.bucket.bucketArn) as { 'Fn::GetAtt': [string, string] };
    const bucketLogicalId = bucketArn['Fn::GetAtt'][0];
    Validations.of(role).acknowledge(
      {
        id: BASIC_EXECUTION_ROLE,
        reason:
          'CDK-provided BucketDeployment handler, run only at deploy time; the managed policy only lets it write its CloudWatch logs.',
      },
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason:
          'CDK-generated read grant of the BucketDeployment handler on the staged dashboard build zip and on the dashboard bucket.',
      })),
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        reason:
          '`cdk deploy` stages the dashboard build in the bootstrap asset bucket under a content-hash key; the handler reads that object.',
      },
      ...['s3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason:
          'CDK-generated write grant of the BucketDeployment handler: it replaces the dashboard files and prunes stale ones, in the dashboard bucket only.',
      })),
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
        reason:
          'The BucketDeployment handler writes every object of the dashboard bucket, which holds nothing but the dashboard build.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'cloudfront:CreateInvalidation/GetInvalidation, granted by the BucketDeployment construct on *, to invalidate the dashboard distribution after an upload.',
      },
    );
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
