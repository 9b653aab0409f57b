// `.vpn-doctor/local.json`: where the running twin listens, read by `vpn-doctor ... --local`.
// Holds no secret: the emulators' credentials are fixed dummies and keys are stored hashed.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const LOCAL_REGION = 'us-east-1';
export const DEFAULT_DATA_DIR = '.vpn-doctor';

/** The data directory: the --data-dir option, else VPN_DOCTOR_DATA_DIR, else .vpn-doctor (npm start and --local alike). */
export function localDataDir(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag ?? (env.VPN_DOCTOR_DATA_DIR || DEFAULT_DATA_DIR);
}

export interface LocalState {
  version: 1;
  region: string;
  bucket: string;
  table: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  apiUrl: string;
  tenantId: string;
  mspId: string;
}

export async function writeLocalState(dataDir: string, state: LocalState): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'local.json'), JSON.stringify(state, null, 2) + '\n');
}

export async function readLocalState(dataDir: string): Promise<LocalState> {
  const path = join(dataDir, 'local.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new Error(`${path} not found: start the local twin first (npm start)`);
  }
  let state: LocalState;
  try {
    state = JSON.parse(text) as LocalState;
  } catch (err) {
    throw new Error(`${path} is not valid JSON (${(err as Error).message}): delete it and restart the local twin`);
  }
  if (state?.version !== 1 || !state.bucket || !state.table)
    throw new Error(`${path} is not a vpn-doctor local state file: delete it and restart the local twin`);
  return state;
}
