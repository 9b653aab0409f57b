// Importing one capture from the Meraki cloud: the service asks for a short-lived download URL,
// streams the file straight into captures/{tenant}/{captureId}/{file} (never through a browser)
// and records the capture with where it came from and the MX's WAN address (mxIp). The bucket's
// event then starts the analysis like any upload. A cloud capture is imported at most once.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { PutItemCommand, DeleteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { capturePhase } from '#shared/meraki/capture-status.js';
import type { MerakiCapture } from '#shared/meraki/types.js';
import { captureObjectKey, safeFileName } from '#shared/tenancy/ids.js';
import { MX_IP_METADATA } from '../storage/object-store.js';
import { marshall } from '../store/attributes.js';
import { DEFAULT_UPLOAD_GRACE_SECONDS } from '../config.js';
import { PENDING_GSI3PK, captureListGsi1pk, captureListGsi1sk, captureSk, dueGsi3sk, tenantPk } from '../store/keys.js';
import type { MerakiClient } from './client.js';
import { MerakiApiError } from './errors.js';
import type { MerakiStore } from './meraki-store.js';
import { expiryEpochSeconds } from '../store/table-schema.js';

/** The whole download (answer and body) ends within this, streamed to S3 as it comes. */
const DOWNLOAD_TIMEOUT_SECONDS = 60;
/**
 * When the sweeper gives up on an import that left no file: its function was stopped mid-way
 * (on AWS the API's runs it, out of time after 25 s) before the catch below could clean up. The
 * capture then turns FAILED like an upload that never came, and can be deleted and imported again.
 */
export const IMPORT_DUE_SECONDS = DOWNLOAD_TIMEOUT_SECONDS + DEFAULT_UPLOAD_GRACE_SECONDS;

export interface ImportDeps {
  dynamo: DynamoDBClient;
  s3: S3Client;
  tableName: string;
  bucketName: string;
  store: MerakiStore;
  maxCaptureBytes: number;
  retentionDays: number;
  now: () => Date;
  newCaptureId: () => string;
  fetch?: typeof fetch;
}

export interface ImportSource {
  tenantId: string;
  organizationId: string;
  capture: MerakiCapture;
  mxIp?: string;
}

export interface ImportResult {
  merakiCaptureId: string;
  captureId: string;
  status: 'imported' | 'already-imported';
  size?: number;
}

/** Reads the body, failing beyond `max` bytes or past the declared length. */
async function* bounded(body: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > max)
      throw new MerakiApiError('bad-response', `the capture file is larger than the limit of ${max} bytes`);
    yield chunk;
  }
}

async function download(url: string, deps: ImportDeps): Promise<{ body: Readable | Buffer; size: number }> {
  // A presigned link: no Meraki key goes with it.
  const res = await (deps.fetch ?? fetch)(url, {
    redirect: 'follow',
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_SECONDS * 1000),
  });
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new MerakiApiError(
      'bad-response',
      `downloading the capture file answered ${res.status}${res.status === 403 ? ' (the download link expired or was refused)' : ''}`,
      res.status,
    );
  }
  const declared = Number(res.headers.get('content-length'));
  const stream = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  if (Number.isSafeInteger(declared) && declared > 0) {
    if (declared > deps.maxCaptureBytes) {
      stream.destroy();
      throw new MerakiApiError(
        'bad-response',
        `the capture file is ${declared} bytes, beyond the limit of ${deps.maxCaptureBytes} bytes`,
      );
    }
    return { body: Readable.from(bounded(stream, declared)), size: declared };
  }
  // No length announced: read it whole, bounded, since S3 needs the length up front.
  const parts: Uint8Array[] = [];
  for await (const chunk of bounded(stream, deps.maxCaptureBytes)) parts.push(chunk);
  const whole = Buffer.concat(parts);
  return { body: whole, size: whole.length };
}

export async function importCapture(client: MerakiClient, src: ImportSource, deps: ImportDeps): Promise<ImportResult> {
  const { tenantId, organizationId, capture } = src;
  const existing = await deps.store.importedCaptureId(tenantId, organizationId, capture.captureId);
  if (existing) return { merakiCaptureId: capture.captureId, captureId: existing, status: 'already-imported' };
  const phase = capturePhase(capture.status);
  if (phase === 'failed') {
    throw new MerakiApiError(
      'bad-request',
      `the Meraki capture ${capture.captureId} failed on the Meraki side${capture.errorMessage ? `: ${capture.errorMessage}` : ''}; take a new one`,
    );
  }
  if (phase === 'running')
    throw new MerakiApiError(
      'bad-request',
      `the Meraki capture ${capture.captureId} is still running (status ${capture.status})`,
    );

  const now = deps.now();
  const expiresAt = expiryEpochSeconds(now, deps.retentionDays);
  const claim = await deps.store.claimImport(
    tenantId,
    organizationId,
    capture.captureId,
    deps.newCaptureId(),
    now.toISOString(),
    expiresAt,
  );
  if (!claim.claimed)
    return { merakiCaptureId: capture.captureId, captureId: claim.captureId, status: 'already-imported' };
  const captureId = claim.captureId;
  const fileName = safeFileName(`${capture.name || `meraki-${capture.captureId}`}.pcap`);
  const key = captureObjectKey(tenantId, captureId, fileName);
  const itemKey = { pk: tenantPk(tenantId), sk: captureSk(captureId) };
  try {
    const { url } = await client.downloadUrl(organizationId, capture.captureId);
    const file = await download(url, deps);
    const uploadedAt = deps.now().toISOString();
    // The capture is listed (PENDING) before its bytes land, as an upload is.
    await deps.dynamo.send(
      new PutItemCommand({
        TableName: deps.tableName,
        Item: marshall({
          ...itemKey,
          gsi1pk: captureListGsi1pk(tenantId),
          gsi1sk: captureListGsi1sk(uploadedAt, captureId),
          captureId,
          fileName,
          size: file.size,
          status: 'PENDING',
          uploadedAt,
          expiresAt,
          source: 'meraki',
          mxIp: src.mxIp,
          merakiCaptureId: capture.captureId,
          merakiOrganizationId: organizationId,
          merakiSerial: capture.serial,
          merakiNetworkId: capture.networkId,
          merakiName: capture.name.slice(0, 200),
          gsi3pk: PENDING_GSI3PK,
          gsi3sk: dueGsi3sk(Math.floor(now.getTime() / 1000) + IMPORT_DUE_SECONDS),
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucketName,
        Key: key,
        Body: file.body,
        ContentLength: file.size,
        ContentType: 'application/vnd.tcpdump.pcap',
        // The analyzer reads the MX's address from this metadata (lambdas/storage/object-store.ts).
        ...(src.mxIp ? { Metadata: { [MX_IP_METADATA]: src.mxIp } } : {}),
      }),
    );
    return { merakiCaptureId: capture.captureId, captureId, status: 'imported', size: file.size };
  } catch (err) {
    // Leave nothing behind: a later attempt starts afresh.
    await deps.dynamo
      .send(new DeleteItemCommand({ TableName: deps.tableName, Key: marshall(itemKey) }))
      .catch(() => undefined);
    await deps.store.releaseImport(tenantId, organizationId, capture.captureId, captureId).catch(() => undefined);
    throw err;
  }
}
