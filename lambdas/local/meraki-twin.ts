// The Meraki integration inside the local twin: keys in an encrypted file vault under the data
// directory, the Dashboard API at `baseUrl` (the fake with `npm start -- --meraki-fake`).
// `<dataDir>/meraki/endpoint.json` tells `vpn-doctor meraki ... --local` where that is.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clients } from '../compose.js';
import type { Logger } from '../log.js';
import { MERAKI_BASE_URL, type MerakiClientOptions } from '../meraki/client.js';
import { composeMeraki, type MerakiApiDeps } from '../meraki/compose.js';
import { FileVault } from '../meraki/file-vault.js';

export interface TwinMerakiOptions {
  baseUrl?: string;
  clientOptions?: Partial<Omit<MerakiClientOptions, 'apiKey' | 'baseUrl'>>;
}

export async function merakiForTwin(
  opts: TwinMerakiOptions,
  dataDir: string,
  clients: Clients,
  table: string,
  bucket: string,
  limits: { maxCaptureBytes: number; retentionDays: number },
  log: Logger,
): Promise<MerakiApiDeps> {
  const baseUrl = opts.baseUrl ?? MERAKI_BASE_URL;
  await mkdir(join(dataDir, 'meraki'), { recursive: true, mode: 0o700 });
  await writeFile(join(dataDir, 'meraki', 'endpoint.json'), JSON.stringify({ baseUrl }) + '\n');
  return composeMeraki({
    dynamo: clients.dynamo,
    s3: clients.s3,
    tableName: table,
    bucketName: bucket,
    vault: new FileVault(dataDir),
    baseUrl,
    ...limits,
    log,
    clientOptions: opts.clientOptions,
  });
}

export async function twinMerakiBaseUrl(dataDir: string): Promise<string | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    return (JSON.parse(await readFile(join(dataDir, 'meraki', 'endpoint.json'), 'utf8')) as { baseUrl?: string })
      .baseUrl;
  } catch {
    return undefined;
  }
}
