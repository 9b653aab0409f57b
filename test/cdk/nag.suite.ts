// cdk-nag AwsSolutions over the whole app: no error may remain, and every acknowledgement is a
// named finding with a written reason.
import { describe, expect, it } from 'vitest';
import { Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { bareStack, type SynthesizedStack } from './synth-stack.js';

export function nagSuite(synthesized: SynthesizedStack): void {
  const report = new AwsSolutionsChecks().validateScope(synthesized.app);
  const describeViolation = (v: { ruleName: string; violatingResources: { constructPath?: string }[] }) =>
    `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`;

  /** Every acknowledgement in the construct tree, as [construct path, rule id, reason]. */
  function acknowledgements(): [string, string, string][] {
    return synthesized.app.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((m) =>
            Object.entries(m.data as Record<string, string>).map(
              ([id, reason]) => [c.node.path, id.replace(/^annotation::/i, ''), reason] as [string, string, string],
            ),
          ),
      );
  }

  describe('cdk-nag AwsSolutions', () => {
    it('reports no error', () => {
      expect(report.violations.filter((v) => v.severity === 'error').map(describeViolation)).toEqual([]);
    });

    it('reports no warning either', () => {
      expect(report.violations.map(describeViolation)).toEqual([]);
    });

    it('does find errors where there are some (the check is live)', () => {
      const stack = bareStack();
      new Bucket(stack, 'Careless');
      const bad = new AwsSolutionsChecks().validateScope(stack);
      expect(bad.violations.map((v) => v.ruleName)).toEqual(
        expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
      );
    });

    it('acknowledges only these findings, each with a reason', () => {
      const acks = acknowledgements();
      for (const [, , reason] of acks) expect(reason.length).toBeGreaterThan(60);
      const byRule = acks.map(([path, id]) => `${id} @ ${path}`).sort();
      expect(byRule).toEqual(
        [
          'AwsSolutions-S1 @ VpnDoctor/AccessLogs/Bucket',
          'AwsSolutions-SQS3 @ VpnDoctor/Analyzer/DeadLetters/Queue',
          'AwsSolutions-IAM5[Resource::<CaptureBucket.Arn>/captures/*] @ VpnDoctor/Analyzer/Service/Role',
          'AwsSolutions-IAM5[Resource::<CaptureBucket.Arn>/results/*] @ VpnDoctor/Analyzer/Service/Role',
          'AwsSolutions-IAM5[Resource::<CaptureBucket.Arn>/captures/*] @ VpnDoctor/Api/Service/Role',
          'AwsSolutions-IAM5[Resource::<CaptureBucket.Arn>/results/*] @ VpnDoctor/Api/Service/Role',
          'AwsSolutions-IAM5[Resource::*] @ VpnDoctor/Analyzer/Service/Role',
          'AwsSolutions-IAM5[Resource::*] @ VpnDoctor/Api/Service/Role',
          'AwsSolutions-SNS2 @ VpnDoctor/Monitoring/Alarms',
          'AwsSolutions-APIG4 @ VpnDoctor/Api/HttpApi/ANY--api--{proxy+}',
          'AwsSolutions-CFR1 @ VpnDoctor/Dashboard/Distribution',
          'AwsSolutions-CFR2 @ VpnDoctor/Dashboard/Distribution',
          'AwsSolutions-CFR4 @ VpnDoctor/Dashboard/Distribution',
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] @ VpnDoctor/BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
          'AwsSolutions-L1 @ VpnDoctor/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C',
          // One Meraki key secret per tenant, under a fixed prefix (cdk/meraki-secrets.ts).
          'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:vpn-doctor/meraki/*] @ VpnDoctor/Api/Service/Role',
          ...[
            'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
            'AwsSolutions-IAM5[Action::s3:GetBucket*]',
            'AwsSolutions-IAM5[Action::s3:GetObject*]',
            'AwsSolutions-IAM5[Action::s3:List*]',
            'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
            'AwsSolutions-IAM5[Action::s3:Abort*]',
            'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
            'AwsSolutions-IAM5[Resource::<DashboardBucketA782FB5B.Arn>/*]',
            'AwsSolutions-IAM5[Resource::*]',
          ].map((id) => `${id} @ VpnDoctor/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/ServiceRole`),
        ].sort(),
      );
    });
  });
}
