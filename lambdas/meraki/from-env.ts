// The Meraki integration of the API Lambda on AWS: keys in Secrets Manager under
// MERAKI_SECRET_PREFIX, the Dashboard API at MERAKI_BASE_URL (default api.meraki.com).
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Clients } from '../compose.js';
import type { ApiConfig } from '../config.js';
import { DEFAULT_MAX_CAPTURE_BYTES } from '../config.js';
import type { Logger } from '../log.js';
import { MERAKI_BASE_URL } from './client.js';
import { composeMeraki, type MerakiApiDeps } from './compose.js';
import { DEFAULT_SECRET_PREFIX, SecretsManagerVault } from './secrets-manager-vault.js';

export function merakiFromEnv(
  env: Record<string, string | undefined>,
  config: ApiConfig,
  clients: Clients,
  log: Logger,
): MerakiApiDeps {
  return composeMeraki({
    dynamo: clients.dynamo,
    s3: clients.s3,
    tableName: config.tableName,
    bucketName: config.bucketName,
    vault: new SecretsManagerVault(new SecretsManagerClient({}), env.MERAKI_SECRET_PREFIX || DEFAULT_SECRET_PREFIX),
    baseUrl: env.MERAKI_BASE_URL || MERAKI_BASE_URL,
    maxCaptureBytes: Math.min(config.maxUploadBytes, DEFAULT_MAX_CAPTURE_BYTES),
    retentionDays: config.retentionDays,
    log,
    // A poll must answer within API Gateway's 30 s: fewer, shorter retries than the CLI's.
    clientOptions: { maxAttempts: 3, maxRetryAfterMs: 5_000, timeoutMs: 8_000 },
  });
}
