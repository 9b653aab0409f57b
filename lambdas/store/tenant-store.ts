// Tenants (an MSP's customers) and API keys. Keys are stored only as SHA-256 hashes: the item's
// partition key is the hash, so resolving a presented key is one GetItem.
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, str, unmarshall, values } from './attributes.js';
import { allItems } from './all-pages.js';
import { API_KEY_SK, GSI1, TENANT_META_SK, apiKeyPk, mspTenantsGsi1pk, tenantKeysGsi1pk, tenantPk } from './keys.js';

export interface TenantRecord {
  tenantId: string;
  name: string;
  mspId: string;
  createdAt: string;
}

export type KeyRole = 'tenant' | 'operator';

export interface ApiKeyRecord {
  keyHash: string;
  /** Short public handle (first hex digits of the hash) to name a key when revoking it. */
  keyId: string;
  tenantId: string;
  mspId: string;
  role: KeyRole;
  label: string;
  createdAt: string;
  revokedAt?: string;
}

export class AlreadyExistsError extends Error {
  override name = 'AlreadyExistsError';
}

export class TenantStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async createTenant(t: TenantRecord): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({
            pk: tenantPk(t.tenantId),
            sk: TENANT_META_SK,
            gsi1pk: mspTenantsGsi1pk(t.mspId),
            gsi1sk: tenantPk(t.tenantId),
            type: 'tenant',
            tenantId: t.tenantId,
            name: t.name,
            mspId: t.mspId,
            createdAt: t.createdAt,
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException)
        throw new AlreadyExistsError(`tenant ${t.tenantId} already exists`);
      throw err;
    }
  }

  async getTenant(tenantId: string): Promise<TenantRecord | undefined> {
    const out = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: tenantPk(tenantId), sk: TENANT_META_SK }),
      }),
    );
    return out.Item ? toTenant(unmarshall(out.Item)) : undefined;
  }

  async listTenantsOfMsp(mspId: string): Promise<TenantRecord[]> {
    const items = await allItems((startKey) =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI1,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: values({ ':pk': mspTenantsGsi1pk(mspId) }),
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    return items.map((i) => toTenant(unmarshall(i)));
  }

  /** Every tenant of every MSP: an operator's CLI listing, so a filtered Scan is acceptable. */
  async listAllTenants(): Promise<TenantRecord[]> {
    const items = await allItems((startKey) =>
      this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :meta AND #type = :tenant',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: values({ ':meta': TENANT_META_SK, ':tenant': 'tenant' }),
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    return items.map((i) => toTenant(unmarshall(i))).sort((a, b) => a.tenantId.localeCompare(b.tenantId));
  }

  async putApiKey(k: ApiKeyRecord): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall({
          pk: apiKeyPk(k.keyHash),
          sk: API_KEY_SK,
          gsi1pk: tenantKeysGsi1pk(k.tenantId),
          gsi1sk: k.keyId,
          type: 'apikey',
          keyId: k.keyId,
          tenantId: k.tenantId,
          mspId: k.mspId,
          role: k.role,
          label: k.label,
          createdAt: k.createdAt,
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getApiKey(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const out = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: apiKeyPk(keyHash), sk: API_KEY_SK }),
      }),
    );
    return out.Item ? toKey(unmarshall(out.Item)) : undefined;
  }

  async listKeysOfTenant(tenantId: string): Promise<ApiKeyRecord[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: values({ ':pk': tenantKeysGsi1pk(tenantId) }),
      }),
    );
    return (out.Items ?? []).map((i) => toKey(unmarshall(i)));
  }

  /** Marks a key revoked; false when no such key exists. */
  async revokeKey(keyHash: string, revokedAt: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall({ pk: apiKeyPk(keyHash), sk: API_KEY_SK }),
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: values({ ':at': revokedAt }),
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}

function toTenant(i: Record<string, string | number | boolean>): TenantRecord {
  return {
    tenantId: str(i, 'tenantId') ?? '',
    name: str(i, 'name') ?? '',
    mspId: str(i, 'mspId') ?? '',
    createdAt: str(i, 'createdAt') ?? '',
  };
}

function toKey(i: Record<string, string | number | boolean>): ApiKeyRecord {
  const pk = str(i, 'pk') ?? '';
  return {
    keyHash: pk.startsWith('APIKEY#') ? pk.slice(7) : '',
    keyId: str(i, 'keyId') ?? '',
    tenantId: str(i, 'tenantId') ?? '',
    mspId: str(i, 'mspId') ?? '',
    role: str(i, 'role') === 'operator' ? 'operator' : 'tenant',
    label: str(i, 'label') ?? '',
    createdAt: str(i, 'createdAt') ?? '',
    revokedAt: str(i, 'revokedAt'),
  };
}
