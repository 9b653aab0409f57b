// `.vpn-doctor/local.json`: where the running twin listens, read by `vpn-doctor ... --local`.
// It holds no secret. The twin's S3 credentials (its S3 endpoint refuses anything not signed with
// them) are made at first start and kept in `credentials.json`, readable by the owner only.
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Credentials } from './sigv4.js';

const CREDENTIALS_FILE = 'credentials.json';
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

/** The twin's credentials, created (0600) on first use. */
export async function ensureLocalCredentials(dataDir: string): Promise<Credentials> {
  const existing = await readLocalCredentials(dataDir).catch(() => undefined);
  if (existing) return existing;
  const creds = {
    accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, CREDENTIALS_FILE);
  await writeFile(path, JSON.stringify(creds) + '\n', { mode: 0o600 });
  await chmod(path, 0o600);
  return creds;
}

export async function readLocalCredentials(dataDir: string): Promise<Credentials> {
  const path = join(dataDir, CREDENTIALS_FILE);
  const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<Credentials>;
  if (typeof parsed.accessKeyId !== 'string' || typeof parsed.secretAccessKey !== 'string')
    throw new Error(`${path} is not a credentials file`);
  return { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey };
}
