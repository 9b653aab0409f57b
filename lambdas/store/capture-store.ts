// Capture items: one per uploaded object, PENDING -> DONE | FAILED. The analyze Lambda claims a
// capture with a conditional write keyed on the object's identity (bucket, key, version/ETag), so
// an S3 event delivered twice is analysed and written once.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { CaptureItem, ClientVerdictCount } from '#shared/api/contract.js';
import {
  MAX_FILTER_EXAMINED,
  hasItemFilter,
  matchesFilter,
  uploadRange,
  type CaptureListFilter,
} from './capture-filter.js';
import { marshall, namesIn, unmarshall, values, type DdbItem, type Scalar } from './attributes.js';
import { isExpired } from './table-schema.js';
import { gsi1Key, toDueCapture, toRecord, type DueCapture } from './capture-record.js';
import {
  GSI1,
  GSI3,
  PENDING_GSI3PK,
  captureListGsi1pk,
  captureListGsi1sk,
  captureSk,
  dueGsi3sk,
  tenantPk,
} from './keys.js';

export type { CaptureStatus } from '#shared/api/contract.js';
export type { DueCapture } from './capture-record.js';

/** The API's CaptureItem (shared/api/contract.ts) plus the pipeline's bookkeeping. */
export interface CaptureRecord extends CaptureItem {
  attempts?: number;
  /** The stored object, once its upload was claimed for analysis. */
  objectKey?: string;
  /** Imported from the Meraki cloud: the organization (with merakiCaptureId, its import marker). */
  merakiOrganizationId?: string;
}

export interface ClaimInput {
  tenantId: string;
  captureId: string;
  fileName: string;
  size: number;
  objectKey: string;
  /** Hash of bucket, key and version id (or ETag): the identity of this object version. */
  objectTag: string;
  uploadedAt: string;
  nowEpoch: number;
  leaseSeconds: number;
  expiresAt: number;
}

export type ClaimResult =
  /** `reclaimed`: the item had been processed before (another version, a retryable failure). */
  'claimed' | 'reclaimed' | 'already-processed' | 'in-progress';

export interface DoneInput {
  frames: number;
  start?: string;
  end?: string;
  verdict: string;
  clientVerdicts: ClientVerdictCount[];
  sessions: number;
  analyzedAt: string;
}

export interface Page<T> {
  items: T[];
  lastKey?: DdbItem;
}

export const MAX_ERROR_LENGTH = 500;

export class CaptureStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /**
   * Records a PENDING capture when an upload URL is handed out, so the list shows it at once.
   * `dueEpoch`: when the sweeper gives up on the upload (the URL's end plus grace).
   */
  async registerUpload(
    tenantId: string,
    captureId: string,
    fileName: string,
    size: number,
    uploadedAt: string,
    expiresAt: number,
    dueEpoch: number,
    mxIp?: string,
  ): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall({
          pk: tenantPk(tenantId),
          sk: captureSk(captureId),
          gsi1pk: captureListGsi1pk(tenantId),
          gsi1sk: captureListGsi1sk(uploadedAt, captureId),
          captureId,
          fileName,
          size,
          gsi3pk: PENDING_GSI3PK,
          gsi3sk: dueGsi3sk(dueEpoch),
          status: 'PENDING',
          uploadedAt,
          expiresAt,
          ...(mxIp ? { mxIp } : {}),
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async claim(input: ClaimInput): Promise<ClaimResult> {
    const update =
      'SET #status = :pending, #captureId = :cid, #fileName = if_not_exists(#fileName, :fn), #size = :size, ' +
      '#objectKey = :okey, #objectTag = :tag, #leaseUntil = :lease, #uploadedAt = if_not_exists(#uploadedAt, :up), ' +
      '#gsi1pk = :g1pk, #gsi1sk = if_not_exists(#gsi1sk, :g1sk), #expiresAt = :exp, ' +
      '#gsi3pk = :g3pk, #gsi3sk = :g3sk ' +
      'REMOVE #error, #retryable, #verdict, #clientVerdicts, #frames, #start, #end, #sessions, #analyzedAt ' +
      'ADD #attempts :one';
    // Free, or a new version of the object, or a lease that ran out, or a failure worth retrying.
    const condition =
      'attribute_not_exists(#pk) OR attribute_not_exists(#objectTag) OR #objectTag <> :tag OR ' +
      '(#status = :pending AND #leaseUntil < :now) OR (#status = :failed AND #retryable = :true)';
    try {
      const out = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall({ pk: tenantPk(input.tenantId), sk: captureSk(input.captureId) }),
          UpdateExpression: update,
          ConditionExpression: condition,
          ReturnValues: 'UPDATED_OLD',
          ExpressionAttributeNames: namesIn(update, condition),
          ExpressionAttributeValues: values({
            ':pending': 'PENDING',
            ':failed': 'FAILED',
            ':true': true,
            ':cid': input.captureId,
            ':fn': input.fileName,
            ':size': input.size,
            ':okey': input.objectKey,
            ':tag': input.objectTag,
            ':lease': input.nowEpoch + input.leaseSeconds,
            ':up': input.uploadedAt,
            ':now': input.nowEpoch,
            ':g1pk': captureListGsi1pk(input.tenantId),
            ':g1sk': captureListGsi1sk(input.uploadedAt, input.captureId),
            ':g3pk': PENDING_GSI3PK,
            ':g3sk': dueGsi3sk(input.nowEpoch + input.leaseSeconds),
            ':exp': input.expiresAt,
            ':one': 1,
          }),
        }),
      );
      return out.Attributes?.objectTag ? 'reclaimed' : 'claimed';
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const current = await this.getRaw(input.tenantId, input.captureId, true);
      return current?.status === 'PENDING' ? 'in-progress' : 'already-processed';
    }
  }

  /** Completes a claim; a no-op (false) when another delivery has taken the claim over. */
  async markDone(tenantId: string, captureId: string, objectTag: string, done: DoneInput): Promise<boolean> {
    return this.finish(
      tenantId,
      captureId,
      objectTag,
      'SET #status = :done, #analyzedAt = :at, #frames = :frames, #verdict = :verdict, #sessions = :sessions, ' +
        '#clientVerdicts = :clientVerdicts' +
        (done.start ? ', #start = :start' : '') +
        (done.end ? ', #end = :end' : '') +
        ' REMOVE #leaseUntil, #gsi3pk, #gsi3sk',
      {
        ':done': 'DONE',
        ':at': done.analyzedAt,
        ':frames': done.frames,
        ':verdict': done.verdict,
        ':sessions': done.sessions,
        ':clientVerdicts': JSON.stringify(done.clientVerdicts),
        ...(done.start ? { ':start': done.start } : {}),
        ...(done.end ? { ':end': done.end } : {}),
      },
    );
  }

  /** Records a failure with its reason; `retryable` lets a redelivered event claim it again. */
  async markFailed(
    tenantId: string,
    captureId: string,
    objectTag: string,
    reason: string,
    retryable: boolean,
    analyzedAt: string,
    frames?: number,
  ): Promise<boolean> {
    return this.finish(
      tenantId,
      captureId,
      objectTag,
      'SET #status = :failed, #error = :err, #retryable = :retryable, #analyzedAt = :at' +
        (frames !== undefined ? ', #frames = :frames' : '') +
        ' REMOVE #leaseUntil, #gsi3pk, #gsi3sk',
      {
        ':failed': 'FAILED',
        ':err': reason.slice(0, MAX_ERROR_LENGTH),
        ':retryable': retryable,
        ':at': analyzedAt,
        ...(frames !== undefined ? { ':frames': frames } : {}),
      },
    );
  }

  /** An upload URL that was never used: FAILED, unless the object arrived (and was claimed) meanwhile. */
  async failUnreceived(tenantId: string, captureId: string, reason: string, at: string): Promise<boolean> {
    const update =
      'SET #status = :failed, #error = :err, #retryable = :false, #analyzedAt = :at REMOVE #gsi3pk, #gsi3sk';
    const condition = '#status = :pending AND attribute_not_exists(#objectTag)';
    return this.conditional(tenantId, captureId, update, condition, {
      ':failed': 'FAILED',
      ':err': reason.slice(0, MAX_ERROR_LENGTH),
      ':false': false,
      ':at': at,
      ':pending': 'PENDING',
    });
  }

  /** Ends the lease of a claim whose holder is known to be dead (the twin after a restart). */
  async expireLease(tenantId: string, captureId: string, objectTag: string): Promise<boolean> {
    return this.conditional(
      tenantId,
      captureId,
      'SET #leaseUntil = :zero, #gsi3sk = :due',
      '#status = :pending AND #objectTag = :tag',
      { ':zero': 0, ':due': dueGsi3sk(0), ':pending': 'PENDING', ':tag': objectTag },
    );
  }

  /** PENDING captures due at `nowEpoch` (oldest due first), from the sparse gsi3. */
  async listDue(nowEpoch: number, limit: number): Promise<DueCapture[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI3,
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk <= :due',
        ExpressionAttributeValues: values({ ':pk': PENDING_GSI3PK, ':due': dueGsi3sk(nowEpoch) }),
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((raw) => toDueCapture(unmarshall(raw)));
  }

  private async conditional(
    tenantId: string,
    captureId: string,
    update: string,
    condition: string,
    vals: Record<string, Scalar>,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall({ pk: tenantPk(tenantId), sk: captureSk(captureId) }),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: namesIn(update, condition),
          ExpressionAttributeValues: values(vals),
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  private async finish(
    tenantId: string,
    captureId: string,
    objectTag: string,
    update: string,
    vals: Record<string, Scalar>,
  ): Promise<boolean> {
    return this.conditional(tenantId, captureId, update, '#objectTag = :tag AND #status = :pendingState', {
      ...vals,
      ':tag': objectTag,
      ':pendingState': 'PENDING',
    });
  }

  async get(tenantId: string, captureId: string, nowEpoch: number): Promise<CaptureRecord | undefined> {
    const item = await this.getRaw(tenantId, captureId, false);
    if (!item || isExpired(item, nowEpoch)) return undefined;
    return toRecord(item);
  }

  private async getRaw(
    tenantId: string,
    captureId: string,
    consistent: boolean,
  ): Promise<Record<string, Scalar> | undefined> {
    const out = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: tenantPk(tenantId), sk: captureSk(captureId) }),
        ConsistentRead: consistent,
      }),
    );
    return out.Item ? unmarshall(out.Item) : undefined;
  }

  /**
   * A tenant's captures, newest first (gsi1), optionally filtered. Filtered, it reads on until it
   * has `limit` matches or has examined MAX_FILTER_EXAMINED captures; the key it returns is the
   * last capture examined, so the next page continues right after it.
   */
  async list(
    tenantId: string,
    limit: number,
    nowEpoch: number,
    startKey?: DdbItem,
    filter: CaptureListFilter = {},
  ): Promise<Page<CaptureRecord>> {
    const range = uploadRange(filter);
    const items: CaptureRecord[] = [];
    let key = startKey;
    let examined = 0;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI1,
          KeyConditionExpression: 'gsi1pk = :pk' + (range ? ' AND gsi1sk BETWEEN :low AND :high' : ''),
          // dynalite has no TTL: expired items are filtered here (on AWS they also linger up to ~48 h).
          FilterExpression: 'attribute_not_exists(expiresAt) OR expiresAt > :now',
          ExpressionAttributeValues: values({
            ':pk': captureListGsi1pk(tenantId),
            ':now': nowEpoch,
            ...(range ? { ':low': range.low, ':high': range.high } : {}),
          }),
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: key,
        }),
      );
      examined += out.ScannedCount ?? 0;
      for (const raw of out.Items ?? []) {
        const record = toRecord(unmarshall(raw));
        if (!matchesFilter(record, filter)) continue;
        items.push(record);
        if (items.length === limit) {
          const last = raw === out.Items?.at(-1) ? out.LastEvaluatedKey : gsi1Key(raw);
          return { items, lastKey: last };
        }
      }
      key = out.LastEvaluatedKey;
    } while (key && hasItemFilter(filter) && examined < MAX_FILTER_EXAMINED);
    return { items, lastKey: key };
  }

  /** Deletes the capture item (its sessions and objects are removed before, by the caller). */
  async remove(tenantId: string, captureId: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: tenantPk(tenantId), sk: captureSk(captureId) }),
      }),
    );
  }
}
