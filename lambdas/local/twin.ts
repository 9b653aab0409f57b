// The embedded local twin: the same two handlers as on AWS, with real SDK clients pointed at
// s3rver and dynalite on loopback. S3 events become real S3 event records for the analyze
// handler (via a local async-invoke with retries and a DLQ); a node:http server turns requests
// into API Gateway events for the API handler and serves the dashboard.
import { mkdir, writeFile, chmod } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { createAnalyzeHandler } from '../analyze/analyze-app.js';
import type { AnalyzeFn } from '../analyze/process-capture.js';
import type { AnalyzeEvent } from '../analyze/analyze-app.js';
import type { S3Event } from '../analyze/s3-event.js';
import type { SweepEvent } from '../analyze/sweeper.js';
import { apiGatewayHandler } from '../api/apigw-adapter.js';
import { createApi } from '../api/app.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../api/rate-limit.js';
import { createKey, createTenant } from '../auth/key-admin.js';
import { composeAnalyze, composeApi } from '../compose.js';
import {
  DEFAULT_LEASE_SECONDS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_CAPTURE_BYTES,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_UPLOAD_GRACE_SECONDS,
  DEFAULT_UPLOAD_URL_TTL_SECONDS,
  MAX_INLINE_REPORT_BYTES,
  SWEEP_INTERVAL_SECONDS,
  createDynamoClient,
  createS3Client,
} from '../config.js';
import type { Logger } from '../log.js';
import { DEFAULT_WRITE_RETRY, type RetryOptions } from '../retry.js';
import { TenantStore } from '../store/tenant-store.js';
import { AsyncInvoker } from './async-invoker.js';
import { startDynamo, startS3, type RunningDynamo } from './emulators.js';
import { startHttp } from './http-server.js';
import { merakiForTwin, type TwinMerakiOptions } from './meraki-twin.js';
import { toS3Event } from './s3-event-bridge.js';
import type { Credentials } from './sigv4.js';
import { LOCAL_REGION, ensureLocalCredentials, writeLocalState, type LocalState } from './state.js';
import { ensureTable } from './table.js';

/** How long stopping waits for running invocations to finish. */
const STOP_WAIT_MS = 10_000;

export interface TwinOptions {
  analyze: AnalyzeFn;
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  httpPort?: number;
  s3Port?: number;
  dynamoPort?: number;
  dashboardDir?: string;
  bucket?: string;
  table?: string;
  maxCaptureBytes?: number;
  maxUploadBytes?: number;
  retentionDays?: number;
  leaseSeconds?: number;
  maxAttempts?: number;
  uploadUrlTtlSeconds?: number;
  uploadGraceSeconds?: number;
  /** How often the sweeper runs (it also runs once at start, taking over every lease). */
  sweepIntervalMs?: number;
  /** null turns rate limiting off (tests that poll fast). */
  rateLimits?: RateLimits | null;
  /** Below Lambda's limit only in tests that want the S3 redirect without a 5 MB report. */
  maxInlineReportBytes?: number;
  /** Local async-invoke retry delays (Lambda retries twice, after about 1 and 2 minutes). */
  retryDelaysMs?: number[];
  writeRetry?: RetryOptions;
  concurrency?: number;
  /** false: S3 events are not delivered (benchmarks that drive the handler themselves). */
  deliverEvents?: boolean;
  /** The Meraki integration (issue 12): the Dashboard API's base URL (the fake in tests). */
  meraki?: TwinMerakiOptions;
  log: Logger;
}

export interface Twin {
  state: LocalState;
  apiUrl: string;
  clients: { dynamo: DynamoDBClient; s3: S3Client };
  /** The twin's own S3 credentials (its S3 endpoint refuses anything else). */
  credentials: Credentials;
  /** The operator key created on first start (printed once); undefined on later starts. */
  firstKey?: string;
  /** Resolves when every delivered S3 event has been handled (or dead-lettered). */
  idle(): Promise<void>;
  /** Delivers an S3 event to the analyze handler, as S3 would (used for redelivery tests). */
  deliver(event: S3Event): void;
  /** Runs the sweeper now (as the schedule does). */
  sweep(event?: Partial<SweepEvent>): void;
  stopDynamo(): Promise<void>;
  startDynamo(): Promise<void>;
  redrive(): Promise<number>;
  stop(): Promise<void>;
}

export const LOCAL_TENANT_ID = 'local';
export const LOCAL_MSP_ID = 'local-msp';

export async function startTwin(opts: TwinOptions): Promise<Twin> {
  const host = opts.host ?? '127.0.0.1';
  const dataDir = resolve(opts.dataDir);
  const bucket = opts.bucket ?? 'vpn-doctor-local';
  const table = opts.table ?? 'vpn-doctor-local';
  const httpPortWanted = opts.httpPort ?? 8080;
  await mkdir(join(dataDir, 's3'), { recursive: true });
  await mkdir(join(dataDir, 'dynamodb'), { recursive: true });

  const dynamoPath = join(dataDir, 'dynamodb');
  let dynamo: RunningDynamo | undefined = await startDynamo({ host, port: opts.dynamoPort ?? 4567, path: dynamoPath });
  const dynamoPort = dynamo.port;
  // The dashboard origin may PUT to presigned URLs. With a random HTTP port the origin is only
  // known after listening, so a wildcard is used for port 0 (tests).
  const corsOrigins =
    httpPortWanted === 0 ? ['*'] : [`http://${host}:${httpPortWanted}`, `http://localhost:${httpPortWanted}`];
  const credentials = await ensureLocalCredentials(dataDir);
  const s3 = await startS3({
    host,
    port: opts.s3Port ?? 4566,
    directory: join(dataDir, 's3'),
    bucket,
    corsOrigins,
    credentials,
  });

  const endpoints = {
    region: LOCAL_REGION,
    credentials,
    s3Endpoint: s3.endpoint,
    dynamoEndpoint: dynamo.endpoint,
  };
  const clients = { dynamo: createDynamoClient(endpoints), s3: createS3Client(endpoints) };
  await ensureTable(clients.dynamo, table);

  const retentionDays = opts.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const writeRetry = opts.writeRetry ?? DEFAULT_WRITE_RETRY;
  const analyzeHandler = createAnalyzeHandler(
    composeAnalyze(
      {
        tableName: table,
        bucketName: bucket,
        maxCaptureBytes: opts.maxCaptureBytes ?? DEFAULT_MAX_CAPTURE_BYTES,
        retentionDays,
        leaseSeconds: opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
        maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      },
      clients,
      opts.analyze,
      opts.log,
      writeRetry,
    ),
  );
  const invoker = new AsyncInvoker<AnalyzeEvent>(analyzeHandler, {
    dlqDir: join(dataDir, 'dlq'),
    queueDir: join(dataDir, 'queue'),
    retryDelaysMs: opts.retryDelaysMs ?? [1000, 2000],
    concurrency: opts.concurrency ?? 2,
    log: opts.log,
  });
  s3.onEvent((raw) => {
    const event = toS3Event(raw, LOCAL_REGION);
    if (event && opts.deliverEvents !== false) invoker.invoke(event);
  });

  const apiDeps = composeApi(
    {
      tableName: table,
      bucketName: bucket,
      maxUploadBytes: opts.maxUploadBytes ?? DEFAULT_MAX_CAPTURE_BYTES,
      uploadUrlTtlSeconds: opts.uploadUrlTtlSeconds ?? DEFAULT_UPLOAD_URL_TTL_SECONDS,
      uploadGraceSeconds: opts.uploadGraceSeconds ?? DEFAULT_UPLOAD_GRACE_SECONDS,
      retentionDays,
      // null (not ??): tests that poll fast turn the limiter off.
      rateLimits: opts.rateLimits === undefined ? DEFAULT_RATE_LIMITS : opts.rateLimits,
      maxInlineReportBytes: opts.maxInlineReportBytes ?? MAX_INLINE_REPORT_BYTES,
    },
    clients,
    opts.log,
  );
  apiDeps.meraki = await merakiForTwin(
    opts.meraki ?? {},
    dataDir,
    clients,
    table,
    bucket,
    { maxCaptureBytes: opts.maxCaptureBytes ?? DEFAULT_MAX_CAPTURE_BYTES, retentionDays },
    opts.log,
  );
  const api = apiGatewayHandler(createApi(apiDeps, 0)); // no key cache locally: a revocation from the CLI bites at once
  const http = await startHttp({ host, port: httpPortWanted, api, staticDir: opts.dashboardDir });

  const firstKey = await bootstrap(new TenantStore(clients.dynamo, table), dataDir);
  const state: LocalState = {
    version: 1,
    region: LOCAL_REGION,
    bucket,
    table,
    s3Endpoint: s3.endpoint,
    dynamoEndpoint: dynamo.endpoint,
    apiUrl: http.url,
    tenantId: LOCAL_TENANT_ID,
    mspId: LOCAL_MSP_ID,
  };
  await writeLocalState(dataDir, state);
  // Events an earlier process accepted but did not finish run now; the first sweep takes over
  // the claims it held (it is gone, so are its invocations); dead letters get another chance.
  await invoker.resume();
  const sweepNow = (event: Partial<SweepEvent> = {}) => invoker.invoke({ ...event, action: 'sweep' }, false);
  sweepNow({ takeOverLeases: true });
  const sweepTimer = setInterval(sweepNow, opts.sweepIntervalMs ?? SWEEP_INTERVAL_SECONDS * 1000);
  sweepTimer.unref();
  await invoker.redrive();

  return {
    state,
    apiUrl: http.url,
    clients,
    credentials,
    firstKey,
    idle: () => invoker.idle(),
    sweep: sweepNow,
    deliver: (event) => invoker.invoke(event),
    redrive: () => invoker.redrive(),
    stopDynamo: async () => {
      await dynamo?.close();
      dynamo = undefined;
    },
    startDynamo: async () => {
      dynamo ??= await startDynamo({ host, port: dynamoPort, path: dynamoPath });
    },
    stop: async () => {
      clearInterval(sweepTimer);
      invoker.stop();
      // Invocations already running (a sweep every 500 ms in tests) finish before the emulators
      // close under them: a request reaching a closed dynalite throws outside any promise.
      // Bounded, so a stuck invocation cannot hold the shutdown.
      await invoker.idle(STOP_WAIT_MS);
      await http.close();
      await s3.close();
      await dynamo?.close();
      clients.dynamo.destroy();
      clients.s3.destroy();
    },
  };
}

/** First start: a local tenant and an operator key, shown once and kept only as a hash. */
async function bootstrap(tenants: TenantStore, dataDir: string): Promise<string | undefined> {
  if (await tenants.getTenant(LOCAL_TENANT_ID)) return undefined;
  const now = new Date();
  await createTenant(tenants, { tenantId: LOCAL_TENANT_ID, name: 'Local tenant', mspId: LOCAL_MSP_ID }, now);
  const created = await createKey(
    tenants,
    { tenantId: LOCAL_TENANT_ID, role: 'operator', label: 'local first start' },
    now,
  );
  const path = join(dataDir, 'first-key.txt');
  await writeFile(path, created.key + '\n', { mode: 0o600 });
  await chmod(path, 0o600);
  return created.key;
}
