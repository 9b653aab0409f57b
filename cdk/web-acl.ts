// Optional WAF in front of CloudFront (off by default: context `wafRateLimit`): one rate-based
// rule blocking an IP that sends more than `rateLimit` requests in 5 minutes, before any request
// reaches the API function. The HTTP API itself cannot take a web ACL, so it sits on the
// distribution; CloudFront-scope web ACLs exist only in us-east-1, so the stack must be deployed
// there for this to synthesize into a working deployment (docs/DEPLOY.md).
import { Construct } from 'constructs';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';

export interface WebAclProps {
  /** Requests per IP per 5-minute window (WAF's minimum is 10). */
  readonly rateLimit: number;
}

export class RateLimitWebAcl extends Construct {
  readonly acl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.acl = new CfnWebACL(this, 'Acl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('vpn-doctor-acl'),
      rules: [
        {
          name: 'rate-per-ip',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('vpn-doctor-rate-per-ip'),
        },
      ],
    });
  }

  get arn(): string {
    return this.acl.attrArn;
  }
}
