// Environment parsing and client construction in one place (the composition root). Handlers get
// their dependencies from here; nothing deeper reads process.env or builds a client.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

export interface AwsEndpoints {
  region?: string;
  /** Override endpoints (the local twin); undefined on AWS. */
  s3Endpoint?: string;
  dynamoEndpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface AnalyzeConfig {
  tableName: string;
  bucketName: string;
  maxCaptureBytes: number;
  retentionDays: number;
  leaseSeconds: number;
}

export interface ApiConfig {
  tableName: string;
  bucketName: string;
  maxUploadBytes: number;
  uploadUrlTtlSeconds: number;
  retentionDays: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function required(env: Env, name: string): string {
  const v = env[name];
  if (!v) throw new ConfigError(`environment variable ${name} is required`);
  return v;
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new ConfigError(`environment variable ${name} must be a positive integer`);
  return n;
}

export const DEFAULT_MAX_CAPTURE_BYTES = 2 * 1024 ** 3;
export const DEFAULT_RETENTION_DAYS = 90;

export function analyzeConfigFromEnv(env: Env): AnalyzeConfig {
  return {
    tableName: required(env, 'TABLE_NAME'),
    bucketName: required(env, 'BUCKET_NAME'),
    maxCaptureBytes: positiveInt(env, 'MAX_CAPTURE_BYTES', DEFAULT_MAX_CAPTURE_BYTES),
    retentionDays: positiveInt(env, 'RETENTION_DAYS', DEFAULT_RETENTION_DAYS),
    // Longer than the Lambda timeout (max 900 s): a live claim is never taken over.
    leaseSeconds: positiveInt(env, 'CLAIM_LEASE_SECONDS', 960),
  };
}

export function apiConfigFromEnv(env: Env): ApiConfig {
  return {
    tableName: required(env, 'TABLE_NAME'),
    bucketName: required(env, 'BUCKET_NAME'),
    maxUploadBytes: positiveInt(env, 'MAX_UPLOAD_BYTES', DEFAULT_MAX_CAPTURE_BYTES),
    uploadUrlTtlSeconds: positiveInt(env, 'UPLOAD_URL_TTL_SECONDS', 900),
    retentionDays: positiveInt(env, 'RETENTION_DAYS', DEFAULT_RETENTION_DAYS),
  };
}

/** SDK retries: standard mode with a few more attempts than the default 3, for throttling bursts. */
const MAX_SDK_ATTEMPTS = 5;

export function createDynamoClient(e: AwsEndpoints = {}): DynamoDBClient {
  return new DynamoDBClient({
    region: e.region,
    endpoint: e.dynamoEndpoint,
    credentials: e.credentials,
    maxAttempts: MAX_SDK_ATTEMPTS,
    retryMode: 'standard',
  });
}

export function createS3Client(e: AwsEndpoints = {}): S3Client {
  return new S3Client({
    region: e.region,
    endpoint: e.s3Endpoint,
    credentials: e.credentials,
    forcePathStyle: e.s3Endpoint !== undefined,
    maxAttempts: MAX_SDK_ATTEMPTS,
    retryMode: 'standard',
    // With the default (WHEN_SUPPORTED) streamed uploads are sent aws-chunked with a trailing
    // checksum, which s3rver stores verbatim, and presigned URLs carry an empty-body checksum.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
