// The Meraki API keys of the tenants (issue 12): one Secrets Manager secret per tenant, named
// `vpn-doctor/meraki/<tenantId>` and created by the API function when a tenant connects. The
// function may create, read, replace and delete secrets under that prefix only, nothing else;
// they are encrypted with the account's Secrets Manager key (aws/secretsmanager).
import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ServiceFunction } from './service-function.js';

/** Also the default of lambdas/meraki/secrets-manager-vault.ts and the CLI. */
export const MERAKI_SECRET_PREFIX = 'vpn-doctor/meraki/';

export const MERAKI_SECRET_ACTIONS = [
  'secretsmanager:CreateSecret',
  'secretsmanager:DeleteSecret',
  'secretsmanager:GetSecretValue',
  'secretsmanager:PutSecretValue',
  'secretsmanager:TagResource',
] as const;

export interface MerakiSecretsProps {
  /** The API function, which connects tenants and calls Meraki with their keys. */
  readonly api: ServiceFunction;
}

export class MerakiSecrets extends Construct {
  readonly secretArnPattern: string;

  constructor(scope: Construct, id: string, props: MerakiSecretsProps) {
    super(scope, id);
    this.secretArnPattern = Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${MERAKI_SECRET_PREFIX}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    props.api.function.addEnvironment('MERAKI_SECRET_PREFIX', MERAKI_SECRET_PREFIX);
    props.api.function.addToRolePolicy(
      new PolicyStatement({ actions: [...MERAKI_SECRET_ACTIONS], resources: [this.secretArnPattern] }),
    );
    Validations.of(props.api.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${MERAKI_SECRET_PREFIX}*]`,
      reason:
        'One secret per tenant, created when the tenant connects its Meraki key: the names are only known at run time, so the grant is bounded by the vpn-doctor/meraki/ prefix.',
    });
  }
}
