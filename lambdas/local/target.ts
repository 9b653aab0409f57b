// Where the admin commands (`vpn-doctor tenant|key|upload`) act: the running local twin
// (`--local`, endpoints from .vpn-doctor/local.json) or AWS (default credential chain, table and
// bucket from flags or VPN_DOCTOR_TABLE / VPN_DOCTOR_BUCKET). Same SDK code either way.
import { createDynamoClient, createS3Client, type AwsEndpoints } from '../config.js';
import type { Clients } from '../compose.js';
import { readLocalCredentials, readLocalState } from './state.js';

export interface TargetFlags {
  local: boolean;
  dataDir: string;
  table?: string;
  bucket?: string;
  region?: string;
}

export interface Target {
  clients: Clients;
  table: string;
  bucket?: string;
  /** Defaults a local target offers (the first-start tenant and its MSP). */
  defaultTenantId?: string;
  defaultMspId?: string;
  describe: string;
  close(): void;
}

export class TargetError extends Error {
  override name = 'TargetError';
}

export async function resolveTarget(flags: TargetFlags, env: Record<string, string | undefined>): Promise<Target> {
  let endpoints: AwsEndpoints;
  let table: string | undefined;
  let bucket: string | undefined;
  let defaults: { tenantId?: string; mspId?: string } = {};
  let describe: string;
  if (flags.local) {
    const state = await readLocalState(flags.dataDir);
    endpoints = {
      region: state.region,
      credentials: await readLocalCredentials(flags.dataDir),
      s3Endpoint: state.s3Endpoint,
      dynamoEndpoint: state.dynamoEndpoint,
    };
    table = flags.table ?? state.table;
    bucket = flags.bucket ?? state.bucket;
    defaults = { tenantId: state.tenantId, mspId: state.mspId };
    describe = `local twin (${state.apiUrl})`;
  } else {
    endpoints = { region: flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION };
    table = flags.table ?? env.VPN_DOCTOR_TABLE;
    bucket = flags.bucket ?? env.VPN_DOCTOR_BUCKET;
    describe = `AWS table ${table ?? '?'}`;
  }
  if (!table) throw new TargetError('no table: pass --local, --table NAME or set VPN_DOCTOR_TABLE');
  const clients = { dynamo: createDynamoClient(endpoints), s3: createS3Client(endpoints) };
  return {
    clients,
    table,
    bucket,
    defaultTenantId: defaults.tenantId,
    defaultMspId: defaults.mspId,
    describe,
    close: () => {
      clients.dynamo.destroy();
      clients.s3.destroy();
    },
  };
}

export const TARGET_OPTIONS = ['--table', '--bucket', '--region', '--data-dir'] as const;
export const TARGET_USAGE = `target:
  --local            the running local twin (endpoints from <data-dir>/local.json)
  --data-dir DIR     the local twin's data directory (default VPN_DOCTOR_DATA_DIR or .vpn-doctor)
  --table NAME       DynamoDB table on AWS (or VPN_DOCTOR_TABLE); default AWS credential chain
  --bucket NAME      S3 bucket on AWS (or VPN_DOCTOR_BUCKET)
  --region REGION    AWS region (or AWS_REGION)`;
