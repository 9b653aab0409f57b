// One item per diagnosed session: read back with its capture (same partition) and listed by
// client IP newest first through gsi2, whose projection leaves the session JSON out.
import { BatchWriteItemCommand, QueryCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { AnyConnectSession } from '#shared/anyconnect/types.js';
import type { SessionDiagnosis } from '#shared/report/types.js';
import { withRetry, type RetryOptions } from '../retry.js';
import { marshall, str, unmarshall, values, type DdbItem } from './attributes.js';
import { boundAnyConnectJson, boundSessionJson } from './bound-session.js';
import { allPages } from './all-pages.js';
import type { DiagnosisItem } from '#shared/api/contract.js';
import type { Page } from './capture-store.js';
import { isExpired } from './table-schema.js';
import { GSI2, diagnosisGsi2pk, diagnosisGsi2sk, sessionSk, sessionSkPrefix, tenantPk } from './keys.js';

/**
 * Sessions kept per capture in the table, whatever calls putSessions. A report holds at most
 * MAX_SESSIONS_IN_FULL (shared/report/limits.ts) in full, so the pipeline writes no more than
 * that; the sessions it only counts stay in the S3 report's summaries.
 */
export const MAX_SESSIONS_PER_CAPTURE = 1000;

export type { DiagnosisItem } from '#shared/api/contract.js';

export interface SessionWriteContext {
  tenantId: string;
  captureId: string;
  fileName: string;
  analyzedAt: string;
  expiresAt: number;
}

/** Session start as ISO 8601; the core writes epoch seconds with decimals (tshark style). */
export function sessionTimeIso(start: string): string {
  if (/^\d{1,12}(\.\d{1,9})?$/.test(start)) return new Date(Number(start) * 1000).toISOString();
  const parsed = Date.parse(start);
  return Number.isNaN(parsed) ? new Date(0).toISOString() : new Date(parsed).toISOString();
}

/** Canonical text of an IP as used in keys: IPv6 lowercased. */
export const canonicalIp = (ip: string) => ip.toLowerCase();

export class SessionStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly retry: RetryOptions,
  ) {}

  /**
   * One item per IKE and AnyConnect session, so a client's history holds both kinds; AnyConnect
   * items carry `mode: "anyconnect"` and the capture's session pages leave them out (the
   * dashboard reads them from the report).
   */
  async putSessions(
    ctx: SessionWriteContext,
    sessions: SessionDiagnosis[],
    anyconnect: AnyConnectSession[] = [],
  ): Promise<number> {
    const ike = sessions.slice(0, MAX_SESSIONS_PER_CAPTURE);
    const kept = [
      ...ike.map((s) => ({ s, extra: { data: boundSessionJson(s) } })),
      ...anyconnect
        .slice(0, MAX_SESSIONS_PER_CAPTURE - ike.length)
        .map((s) => ({ s, extra: { mode: s.mode, data: boundAnyConnectJson(s) } })),
    ];
    // The analysis makes ids unique; should one still repeat (an initiator SPI forged again after
    // its first session was retired), BatchWriteItem would refuse the whole request: written once.
    const ids = new Set<string>();
    const unique = kept.filter(({ s }) => !ids.has(s.id) && ids.add(s.id));
    const requests: WriteRequest[] = unique.map(({ s, extra }) => {
      const time = sessionTimeIso(s.start);
      const ip = canonicalIp(s.clientIp);
      return {
        PutRequest: {
          Item: marshall({
            pk: tenantPk(ctx.tenantId),
            sk: sessionSk(ctx.captureId, s.id),
            gsi2pk: diagnosisGsi2pk(ctx.tenantId, ip),
            gsi2sk: diagnosisGsi2sk(time, ctx.captureId, s.id),
            captureId: ctx.captureId,
            fileName: ctx.fileName,
            sessionId: s.id,
            clientIp: ip,
            responderIp: s.responderIp,
            verdict: s.verdict,
            stepReached: s.stepReached,
            time,
            analyzedAt: ctx.analyzedAt,
            expiresAt: ctx.expiresAt,
            ...extra,
          }),
        },
      };
    });
    await this.batchWrite(requests);
    return unique.length;
  }

  /**
   * Removes a capture's sessions, which are also its client-IP diagnoses (gsi2 indexes the same
   * items): cleanup after a failed write phase, and DELETE /api/captures/{id}. Returns how many.
   */
  async deleteSessions(tenantId: string, captureId: string): Promise<number> {
    let removed = 0;
    for await (const keys of this.captureSessionPages(tenantId, captureId, 'pk, sk')) {
      await this.batchWrite(keys.map((k) => ({ DeleteRequest: { Key: k } })));
      removed += keys.length;
    }
    return removed;
  }

  /** The pages of a capture's session items (only `projection` when given), in key order. */
  private captureSessionPages(tenantId: string, captureId: string, projection?: string): AsyncGenerator<DdbItem[]> {
    return allPages((startKey) =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: values({ ':pk': tenantPk(tenantId), ':prefix': sessionSkPrefix(captureId) }),
          ProjectionExpression: projection,
          ExclusiveStartKey: startKey,
        }),
      ),
    );
  }

  /** Writes in batches of 25, resubmitting unprocessed items with bounded backoff. */
  async batchWrite(requests: WriteRequest[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending = requests.slice(i, i + 25);
      await withRetry(async () => {
        const out = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }));
        const left = out.UnprocessedItems?.[this.tableName] ?? [];
        if (left.length > 0) {
          pending = left;
          throw Object.assign(new Error(`${left.length} items unprocessed`), {
            name: 'ProvisionedThroughputExceededException',
          });
        }
      }, this.retry);
    }
  }

  /**
   * One page of a capture's sessions in key order: at most `limit` sessions and, past the first,
   * no more than `maxBytes` of session JSON, so the response stays under Lambda's 6 MB limit
   * whatever the sessions hold. `next`: the sort key to continue after (the cursor).
   */
  async pageForCapture(
    tenantId: string,
    captureId: string,
    nowEpoch: number,
    limit: number,
    maxBytes: number,
    startKey?: DdbItem,
  ): Promise<{ sessions: SessionDiagnosis[]; lastKey?: DdbItem }> {
    const sessions: SessionDiagnosis[] = [];
    let bytes = 0;
    let exclusive = startKey;
    for (;;) {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: values({ ':pk': tenantPk(tenantId), ':prefix': sessionSkPrefix(captureId) }),
          ExclusiveStartKey: exclusive,
          Limit: limit - sessions.length + 1,
        }),
      );
      for (const raw of out.Items ?? []) {
        const item = unmarshall(raw);
        const data = str(item, 'data');
        if (!data || isExpired(item, nowEpoch) || str(item, 'mode') === 'anyconnect') continue;
        const key = { pk: raw.pk, sk: raw.sk };
        if (sessions.length >= limit || (sessions.length > 0 && bytes + data.length > maxBytes))
          return { sessions, lastKey: exclusive };
        sessions.push(JSON.parse(data) as SessionDiagnosis);
        bytes += data.length;
        exclusive = key;
      }
      if (!out.LastEvaluatedKey) return { sessions };
      exclusive = out.LastEvaluatedKey.sk ? { pk: out.LastEvaluatedKey.pk, sk: out.LastEvaluatedKey.sk } : exclusive;
    }
  }

  /** A tenant's diagnoses for one client IP, newest first. */
  async queryByClientIp(
    tenantId: string,
    clientIp: string,
    limit: number,
    nowEpoch: number,
    startKey?: DdbItem,
  ): Promise<Page<DiagnosisItem>> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI2,
        KeyConditionExpression: 'gsi2pk = :pk',
        FilterExpression: 'attribute_not_exists(expiresAt) OR expiresAt > :now',
        ExpressionAttributeValues: values({
          ':pk': diagnosisGsi2pk(tenantId, canonicalIp(clientIp)),
          ':now': nowEpoch,
        }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    // Our own analyzer wrote these rows with codes from VERDICT_CODES and GuideStep.
    const items = (out.Items ?? []).map((raw): DiagnosisItem => {
      const i = unmarshall(raw);
      return {
        captureId: str(i, 'captureId') ?? '',
        fileName: str(i, 'fileName') ?? '',
        sessionId: str(i, 'sessionId') ?? '',
        clientIp: str(i, 'clientIp') ?? '',
        responderIp: str(i, 'responderIp') ?? '',
        verdict: (str(i, 'verdict') ?? '') as DiagnosisItem['verdict'],
        stepReached: (str(i, 'stepReached') ?? '') as DiagnosisItem['stepReached'],
        time: str(i, 'time') ?? '',
        analyzedAt: str(i, 'analyzedAt') ?? '',
      };
    });
    return { items, lastKey: out.LastEvaluatedKey };
  }
}
