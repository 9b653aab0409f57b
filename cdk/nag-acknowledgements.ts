// cdk-nag findings on the singleton helper functions that aws-cdk-lib itself adds at the root
// of the stack (the S3 notification configurator, the BucketDeployment uploader). Their code
// and roles are CDK's, not ours; each acknowledgement names the exact finding, so a new one
// still fails. (The uploader's role grants are acknowledged in dashboard-hosting.ts.)
import { type Stack, Validations } from 'aws-cdk-lib';

interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

export const BASIC_EXECUTION_ROLE =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/** Keyed by the start of the construct id CDK gives the singleton at the stack's root. */
export const CDK_INTERNAL_ACKNOWLEDGEMENTS: Readonly<Record<string, readonly Acknowledgement[]>> = {
  BucketNotificationsHandler: [
    {
      id: BASIC_EXECUTION_ROLE,
      reason:
        'CDK-provided handler that writes the capture bucket notification configuration at deploy time; it only needs to write its own CloudWatch logs, which is what this managed policy grants.',
    },
  ],
  'Custom::CDKBucketDeployment': [
    {
      id: 'AwsSolutions-L1',
      reason:
        'The BucketDeployment handler runtime is chosen and maintained by aws-cdk-lib; it runs only during deployments.',
    },
  ],
};

export function acknowledgeCdkInternals(stack: Stack): void {
  for (const child of stack.node.children) {
    for (const [prefix, acks] of Object.entries(CDK_INTERNAL_ACKNOWLEDGEMENTS)) {
      if (!child.node.id.startsWith(prefix)) continue;
      for (const ack of acks) Validations.of(child).acknowledge(ack);
    }
  }
}
