// Wiring of the Meraki integration for the API Lambda, the local twin and the CLI.
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { newCaptureId } from '#shared/tenancy/ids.js';
import type { Logger } from '../log.js';
import { CaptureStore } from '../store/capture-store.js';
import type { MerakiClientOptions } from './client.js';
import { MerakiStore } from './meraki-store.js';
import type { SecretVault } from './secret-vault.js';
import { MerakiService } from './service.js';

export interface MerakiWiring {
  dynamo: DynamoDBClient;
  s3: S3Client;
  tableName: string;
  bucketName: string;
  vault: SecretVault;
  baseUrl: string;
  maxCaptureBytes: number;
  retentionDays: number;
  log: Logger;
  clientOptions?: Partial<Omit<MerakiClientOptions, 'apiKey' | 'baseUrl'>>;
}

/** What the API routes need. */
export interface MerakiApiDeps {
  service: MerakiService;
  captures: CaptureStore;
}

export function composeMeraki(w: MerakiWiring): MerakiApiDeps {
  const now = () => new Date();
  const service = new MerakiService({
    dynamo: w.dynamo,
    s3: w.s3,
    tableName: w.tableName,
    bucketName: w.bucketName,
    store: new MerakiStore(w.dynamo, w.tableName, now),
    vault: w.vault,
    baseUrl: w.baseUrl,
    maxCaptureBytes: w.maxCaptureBytes,
    retentionDays: w.retentionDays,
    log: w.log,
    clientOptions: w.clientOptions,
    now,
    newCaptureId: () => newCaptureId(Date.now(), randomBytes(16)),
  });
  return { service, captures: new CaptureStore(w.dynamo, w.tableName) };
}
