// The table definition shared by the local twin (CreateTable) and, as documentation, by the CDK
// construct (cdk/results-table.ts imports its projection; a CDK test compares the two).
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { num, type Scalar } from './attributes.js';
import { GSI1, GSI2, GSI3 } from './keys.js';

/** gsi2 only carries what a diagnosis list row needs: the heavy `data` attribute stays out. */
export const GSI2_PROJECTED_ATTRIBUTES = [
  'captureId',
  'fileName',
  'sessionId',
  'clientIp',
  'responderIp',
  'verdict',
  'stepReached',
  'time',
  'analyzedAt',
  'expiresAt',
] as const;

/** What the sweeper needs of a stale PENDING capture. */
export const GSI3_PROJECTED_ATTRIBUTES = [
  'captureId',
  'fileName',
  'objectKey',
  'objectTag',
  'attempts',
  'uploadedAt',
  'leaseUntil',
] as const;

/** Epoch seconds; DynamoDB deletes the item some time after it passes. */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * DynamoDB deletes expired items only some time (up to days) after the TTL passes: readers skip
 * them themselves.
 */
export function isExpired(item: Record<string, Scalar>, nowEpoch: number): boolean {
  const exp = num(item, TTL_ATTRIBUTE);
  return exp !== undefined && exp <= nowEpoch;
}

/** The TTL value of an item written at `now` that is kept `retentionDays` days. */
export function expiryEpochSeconds(now: Date, retentionDays: number): number {
  return Math.floor(now.getTime() / 1000) + retentionDays * 86_400;
}

export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' },
      { AttributeName: 'gsi1sk', AttributeType: 'S' },
      { AttributeName: 'gsi2pk', AttributeType: 'S' },
      { AttributeName: 'gsi2sk', AttributeType: 'S' },
      { AttributeName: 'gsi3pk', AttributeType: 'S' },
      { AttributeName: 'gsi3sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: GSI1,
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: GSI2,
        KeySchema: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...GSI2_PROJECTED_ATTRIBUTES] },
      },
      {
        IndexName: GSI3,
        KeySchema: [
          { AttributeName: 'gsi3pk', KeyType: 'HASH' },
          { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...GSI3_PROJECTED_ATTRIBUTES] },
      },
    ],
  };
}
