// The Meraki items of a tenant, in the tenant's own partition (so every read is scoped to the
// caller's tenant by construction): the connection (never the key: its last 4 characters, the
// organizations it reaches, when it was last used), one marker per imported cloud capture (the
// same capture is not imported twice while its import lives: the marker goes with the capture,
// deleted with it and expiring with it), and capture-and-diagnose jobs.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, num, str, unmarshall, values } from '../store/attributes.js';
import { CaptureStore } from '../store/capture-store.js';
import { MERAKI_CONNECTION_SK, merakiImportSk, merakiJobSk, tenantPk } from '../store/keys.js';
import { isExpired } from '../store/table-schema.js';

export interface MerakiOrgRef {
  id: string;
  name: string;
}

export interface ConnectionRecord {
  keyLast4: string;
  organizations: MerakiOrgRef[];
  createdAt: string;
  lastUsedAt?: string;
}

export type JobState = 'CAPTURING' | 'STOPPING' | 'IMPORTING' | 'ANALYZING' | 'DONE' | 'FAILED';

export interface JobRecord {
  jobId: string;
  organizationId: string;
  serial: string;
  seconds: number;
  state: JobState;
  createdAt: string;
  /** When the capture should end (createdAt + seconds). */
  endsAt: string;
  merakiCaptureId: string;
  mxIp?: string;
  captureId?: string;
  verdict?: string;
  error?: string;
  updatedAt: string;
}

const MAX_ORGS = 200;

export class MerakiStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date,
  ) {
    this.#captures = new CaptureStore(client, tableName);
  }

  readonly #captures: CaptureStore;

  #nowEpoch(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  async putConnection(tenantId: string, c: ConnectionRecord): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall({
          pk: tenantPk(tenantId),
          sk: MERAKI_CONNECTION_SK,
          type: 'meraki-connection',
          keyLast4: c.keyLast4,
          organizations: JSON.stringify(c.organizations.slice(0, MAX_ORGS)),
          createdAt: c.createdAt,
          lastUsedAt: c.lastUsedAt,
        }),
      }),
    );
  }

  async getConnection(tenantId: string): Promise<ConnectionRecord | undefined> {
    const out = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: tenantPk(tenantId), sk: MERAKI_CONNECTION_SK }),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const i = unmarshall(out.Item);
    let organizations: MerakiOrgRef[] = [];
    try {
      organizations = JSON.parse(str(i, 'organizations') ?? '[]');
    } catch {
      organizations = [];
    }
    return {
      keyLast4: str(i, 'keyLast4') ?? '',
      organizations,
      createdAt: str(i, 'createdAt') ?? '',
      lastUsedAt: str(i, 'lastUsedAt'),
    };
  }

  async touchConnection(tenantId: string, at: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall({ pk: tenantPk(tenantId), sk: MERAKI_CONNECTION_SK }),
          UpdateExpression: 'SET lastUsedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: values({ ':at': at }),
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  async deleteConnection(tenantId: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: tenantPk(tenantId), sk: MERAKI_CONNECTION_SK }),
      }),
    );
  }

  /**
   * Claims the import of a cloud capture; the existing captureId when it was imported already.
   * `expiresAt` is the capture item's at import (epoch seconds); a marker past it can be claimed
   * again.
   */
  async claimImport(
    tenantId: string,
    organizationId: string,
    merakiCaptureId: string,
    captureId: string,
    at: string,
    expiresAt: number,
  ): Promise<{ claimed: boolean; captureId: string }> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({
            pk: tenantPk(tenantId),
            sk: merakiImportSk(organizationId, merakiCaptureId),
            type: 'meraki-import',
            captureId,
            importedAt: at,
            expiresAt,
          }),
          ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(expiresAt) OR expiresAt <= :now',
          ExpressionAttributeValues: values({ ':now': this.#nowEpoch() }),
        }),
      );
      return { claimed: true, captureId };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const existing = await this.importedCaptureId(tenantId, organizationId, merakiCaptureId);
      return { claimed: false, captureId: existing ?? captureId };
    }
  }

  async importedCaptureId(
    tenantId: string,
    organizationId: string,
    merakiCaptureId: string,
  ): Promise<string | undefined> {
    const out = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: tenantPk(tenantId), sk: merakiImportSk(organizationId, merakiCaptureId) }),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const marker = unmarshall(out.Item);
    const captureId = str(marker, 'captureId');
    const now = this.#nowEpoch();
    if (captureId === undefined) return undefined;
    // Within its time the marker counts, even before its capture item is written (an import in
    // progress). Past it — DynamoDB deletes expired items days late, and the analysis restarts
    // the capture's clock a little after the import — or without a time (a marker written before
    // markers had one), it counts while its capture lives.
    if (num(marker, 'expiresAt') !== undefined && !isExpired(marker, now)) return captureId;
    return (await this.#captures.get(tenantId, captureId, now)) ? captureId : undefined;
  }

  /**
   * Lets the cloud capture be imported again, once the capture made from it (`captureId`) is
   * gone: a marker that names another capture (a later import) is left alone.
   */
  async releaseImport(
    tenantId: string,
    organizationId: string,
    merakiCaptureId: string,
    captureId: string,
  ): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: marshall({ pk: tenantPk(tenantId), sk: merakiImportSk(organizationId, merakiCaptureId) }),
          ConditionExpression: 'captureId = :id',
          ExpressionAttributeValues: values({ ':id': captureId }),
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  async putJob(tenantId: string, job: JobRecord): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall({ pk: tenantPk(tenantId), sk: merakiJobSk(job.jobId), type: 'meraki-job', ...job }),
      }),
    );
  }

  async getJob(tenantId: string, jobId: string): Promise<JobRecord | undefined> {
    const out = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: tenantPk(tenantId), sk: merakiJobSk(jobId) }),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const i = unmarshall(out.Item);
    return {
      jobId: str(i, 'jobId') ?? '',
      organizationId: str(i, 'organizationId') ?? '',
      serial: str(i, 'serial') ?? '',
      seconds: num(i, 'seconds') ?? 0,
      state: (str(i, 'state') ?? 'FAILED') as JobState,
      createdAt: str(i, 'createdAt') ?? '',
      endsAt: str(i, 'endsAt') ?? '',
      merakiCaptureId: str(i, 'merakiCaptureId') ?? '',
      mxIp: str(i, 'mxIp'),
      captureId: str(i, 'captureId'),
      verdict: str(i, 'verdict'),
      error: str(i, 'error'),
      updatedAt: str(i, 'updatedAt') ?? '',
    };
  }
}
