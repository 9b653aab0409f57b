// Fair use: fixed-window request counters in the table, one per API key and one per tenant, so one
// script cannot starve every tenant behind the stage-wide throttle. One UpdateItem per counter per
// request (ADD, returning the new count); the items expire by TTL after their window. Over the
// limit: 429 with Retry-After (seconds to the window's end).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, namesIn, num, unmarshall, values } from '../store/attributes.js';

export interface RateLimits {
  /** Requests per window per API key. */
  perKey: number;
  /** Requests per window per tenant (all its keys, and operators acting for it). */
  perTenant: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perKey: 300, perTenant: 600, windowSeconds: 60 };

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; scope: 'key' | 'tenant' };

export class RateLimiter {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly limits: RateLimits,
  ) {}

  async check(keyId: string, tenantId: string, nowMs: number): Promise<RateVerdict> {
    const window = Math.floor(nowMs / 1000 / this.limits.windowSeconds);
    const windowEnd = (window + 1) * this.limits.windowSeconds;
    const [key, tenant] = await Promise.all([
      this.count(`RATE#KEY#${keyId}`, window, windowEnd),
      this.count(`RATE#TENANT#${tenantId}`, window, windowEnd),
    ]);
    const retryAfterSeconds = Math.max(1, Math.ceil(windowEnd - nowMs / 1000));
    if (key > this.limits.perKey) return { ok: false, retryAfterSeconds, scope: 'key' };
    if (tenant > this.limits.perTenant) return { ok: false, retryAfterSeconds, scope: 'tenant' };
    return { ok: true };
  }

  private async count(pk: string, window: number, windowEnd: number): Promise<number> {
    const update = 'ADD #count :one SET #expiresAt = if_not_exists(#expiresAt, :exp)';
    const out = await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk, sk: `WINDOW#${window}` }),
        UpdateExpression: update,
        ExpressionAttributeNames: namesIn(update),
        ExpressionAttributeValues: values({ ':one': 1, ':exp': windowEnd + 60 }),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return num(unmarshall(out.Attributes), 'count') ?? 0;
  }
}
