// Environment parsing and client construction in one place (the composition root). Handlers get
// their dependencies from here; nothing deeper reads process.env or builds a client.
import { DEFAULT_RATE_LIMITS, type RateLimits } from './api/rate-limit.js';
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
  /** A capture whose analysis was started this often without finishing is FAILED by the sweeper. */
  maxAttempts: number;
}

export interface ApiConfig {
  tableName: string;
  bucketName: string;
  maxUploadBytes: number;
  uploadUrlTtlSeconds: number;
  /** After the upload URL's end, how long the sweeper waits for the object before FAILED. */
  uploadGraceSeconds: number;
  retentionDays: number;
  /** null: no rate limiting (tests of the twin that poll fast). */
  rateLimits: RateLimits | null;
  /** Reports larger than this are not sent through the API but redirected to S3. */
  maxInlineReportBytes: number;
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

/**
 * The largest capture accepted for upload and analysis, for AWS (CDK) and the twin alike: 2 GiB,
 * room for the 1 GB captures MSPs take (the core streams them in ~120 MB of memory).
 */
export const DEFAULT_MAX_CAPTURE_BYTES = 2 * 1024 ** 3;
export const DEFAULT_RETENTION_DAYS = 90;

/** The analyze function's timeout (CDK sets it from this). */
export const ANALYZE_TIMEOUT_SECONDS = 300;
/**
 * A claim's lease: the function's timeout plus a margin for clock skew. An invocation cannot
 * outlive its timeout, so a lease past it belongs to a dead invocation and may be taken over.
 */
export const DEFAULT_LEASE_SECONDS = ANALYZE_TIMEOUT_SECONDS + 60;
/** How often the sweeper runs (EventBridge rule on AWS, a timer in the twin). */
export const SWEEP_INTERVAL_SECONDS = 300;
export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_UPLOAD_URL_TTL_SECONDS = 900;
export const DEFAULT_UPLOAD_GRACE_SECONDS = 300;
/** Lambda's responses stop at 6 MB (the body base64-encoded or not): 5 MiB leaves room for headers. */
export const MAX_INLINE_REPORT_BYTES = 5 * 1024 * 1024;

export function analyzeConfigFromEnv(env: Env): AnalyzeConfig {
  return {
    tableName: required(env, 'TABLE_NAME'),
    bucketName: required(env, 'BUCKET_NAME'),
    maxCaptureBytes: positiveInt(env, 'MAX_CAPTURE_BYTES', DEFAULT_MAX_CAPTURE_BYTES),
    retentionDays: positiveInt(env, 'RETENTION_DAYS', DEFAULT_RETENTION_DAYS),
    leaseSeconds: positiveInt(env, 'CLAIM_LEASE_SECONDS', DEFAULT_LEASE_SECONDS),
    maxAttempts: positiveInt(env, 'MAX_ATTEMPTS', DEFAULT_MAX_ATTEMPTS),
  };
}

export function apiConfigFromEnv(env: Env): ApiConfig {
  return {
    tableName: required(env, 'TABLE_NAME'),
    bucketName: required(env, 'BUCKET_NAME'),
    maxUploadBytes: positiveInt(env, 'MAX_UPLOAD_BYTES', DEFAULT_MAX_CAPTURE_BYTES),
    uploadUrlTtlSeconds: positiveInt(env, 'UPLOAD_URL_TTL_SECONDS', DEFAULT_UPLOAD_URL_TTL_SECONDS),
    uploadGraceSeconds: positiveInt(env, 'UPLOAD_GRACE_SECONDS', DEFAULT_UPLOAD_GRACE_SECONDS),
    retentionDays: positiveInt(env, 'RETENTION_DAYS', DEFAULT_RETENTION_DAYS),
    rateLimits: {
      perKey: positiveInt(env, 'RATE_LIMIT_PER_KEY', DEFAULT_RATE_LIMITS.perKey),
      perTenant: positiveInt(env, 'RATE_LIMIT_PER_TENANT', DEFAULT_RATE_LIMITS.perTenant),
      windowSeconds: DEFAULT_RATE_LIMITS.windowSeconds,
    },
    maxInlineReportBytes: MAX_INLINE_REPORT_BYTES,
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
