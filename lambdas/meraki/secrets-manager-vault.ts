// The AWS vault: one Secrets Manager secret per tenant, `<prefix><tenantId>` (default
// `vpn-doctor/meraki/`), encrypted with the account's Secrets Manager KMS key. The API
// function's role may touch only secrets under that prefix (cdk/meraki-secrets.ts).
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { isTenantId } from '#shared/tenancy/ids.js';
import type { SecretVault } from './secret-vault.js';

export const DEFAULT_SECRET_PREFIX = 'vpn-doctor/meraki/';

export class SecretsManagerVault implements SecretVault {
  constructor(
    private readonly client: SecretsManagerClient,
    private readonly prefix = DEFAULT_SECRET_PREFIX,
  ) {}

  private name(tenantId: string): string {
    if (!isTenantId(tenantId)) throw new Error('invalid tenant id');
    return `${this.prefix}${tenantId}`;
  }

  async put(tenantId: string, apiKey: string): Promise<void> {
    const name = this.name(tenantId);
    try {
      await this.client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: apiKey,
          Description: `Meraki Dashboard API key of vpn-doctor tenant ${tenantId}`,
          Tags: [{ Key: 'vpn-doctor:tenant', Value: tenantId }],
        }),
      );
    } catch (err) {
      if (!(err instanceof ResourceExistsException)) throw err;
      await this.client.send(new PutSecretValueCommand({ SecretId: name, SecretString: apiKey }));
    }
  }

  async get(tenantId: string): Promise<string | undefined> {
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: this.name(tenantId) }));
      return out.SecretString;
    } catch (err) {
      if (err instanceof ResourceNotFoundException) return undefined;
      throw err;
    }
  }

  async delete(tenantId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteSecretCommand({ SecretId: this.name(tenantId), ForceDeleteWithoutRecovery: true }),
      );
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    }
  }
}
