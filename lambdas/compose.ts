// Wiring of adapters into the two handlers' dependencies, shared by the Lambda entry points and
// the local twin (which passes clients pointed at its emulators): one implementation, two hosts.
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { newCaptureId } from '#shared/tenancy/ids.js';
import type { AnalyzeDeps, AnalyzeFn } from './analyze/process-capture.js';
import type { ApiDeps } from './api/context.js';
import { RateLimiter } from './api/rate-limit.js';
import { noMetrics } from './telemetry.js';
import type { AnalyzeConfig, ApiConfig } from './config.js';
import type { Logger } from './log.js';
import { DEFAULT_WRITE_RETRY, type RetryOptions } from './retry.js';
import { MerakiStore } from './meraki/meraki-store.js';
import { CaptureStore } from './store/capture-store.js';
import { SessionStore } from './store/session-store.js';
import { TenantStore } from './store/tenant-store.js';
import { ObjectStore } from './storage/object-store.js';

export interface Clients {
  dynamo: DynamoDBClient;
  s3: S3Client;
}

export function composeAnalyze(
  config: AnalyzeConfig,
  clients: Clients,
  analyze: AnalyzeFn,
  log: Logger,
  writeRetry: RetryOptions = DEFAULT_WRITE_RETRY,
): AnalyzeDeps {
  return {
    config,
    captures: new CaptureStore(clients.dynamo, config.tableName),
    sessions: new SessionStore(clients.dynamo, config.tableName, writeRetry),
    objects: new ObjectStore(clients.s3, config.bucketName),
    analyze,
    now: () => new Date(),
    writeRetry,
    log,
  };
}

export function composeApi(config: ApiConfig, clients: Clients, log: Logger, metrics = noMetrics): ApiDeps {
  const now = () => new Date();
  return {
    config,
    tenants: new TenantStore(clients.dynamo, config.tableName),
    captures: new CaptureStore(clients.dynamo, config.tableName),
    sessions: new SessionStore(clients.dynamo, config.tableName, DEFAULT_WRITE_RETRY),
    objects: new ObjectStore(clients.s3, config.bucketName),
    merakiImports: new MerakiStore(clients.dynamo, config.tableName, now),
    now,
    newCaptureId: () => newCaptureId(Date.now(), randomBytes(16)),
    rateLimiter: config.rateLimits ? new RateLimiter(clients.dynamo, config.tableName, config.rateLimits) : undefined,
    metrics,
    log,
  };
}
