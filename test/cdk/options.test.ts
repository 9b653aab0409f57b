// The stack's optional parts, off by default and on with their deploy settings (issue 9): the
// WAF web ACL with its per-IP rate rule on the CloudFront distribution (`-c wafRateLimit=N`) and
// the alarm topic's e-mail subscription (`-c alarmEmail=…`). The default stack (stack.test.ts)
// has neither.
import { afterAll, describe, expect, it } from 'vitest';
import { single, synthStack } from './synth-stack.js';

const withOptions = synthStack({ wafRateLimit: 2000, alarmEmail: 'noc@example.com' });
const plain = synthStack();
afterAll(() => {
  withOptions.cleanup();
  plain.cleanup();
});

describe('optional WAF', () => {
  it('blocks an IP past the rate on the distribution, with metrics', () => {
    const [aclId, acl] = single(withOptions.template, 'AWS::WAFv2::WebACL', 'WafAcl');
    expect(acl.Properties).toMatchObject({
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        {
          Name: 'rate-per-ip',
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } },
          VisibilityConfig: { CloudWatchMetricsEnabled: true },
        },
      ],
    });
    const [, distribution] = single(withOptions.template, 'AWS::CloudFront::Distribution', 'DashboardDistribution');
    expect((distribution.Properties!['DistributionConfig'] as Record<string, unknown>)['WebACLId']).toEqual({
      'Fn::GetAtt': [aclId, 'Arn'],
    });
  });

  it('is absent unless asked for', () => {
    expect(plain.template.findResources('AWS::WAFv2::WebACL')).toEqual({});
    const [, distribution] = single(plain.template, 'AWS::CloudFront::Distribution', 'DashboardDistribution');
    expect((distribution.Properties!['DistributionConfig'] as Record<string, unknown>)['WebACLId']).toBeUndefined();
  });
});

describe('alarm e-mail', () => {
  it('subscribes the address to the alarm topic', () => {
    const [topicId] = single(withOptions.template, 'AWS::SNS::Topic', 'MonitoringAlarms');
    withOptions.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'noc@example.com',
      TopicArn: { Ref: topicId },
    });
    expect(plain.template.findResources('AWS::SNS::Subscription')).toEqual({});
  });
});
