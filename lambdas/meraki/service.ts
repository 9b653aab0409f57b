// The Meraki integration of one deployment: connections per tenant, listing and importing cloud
// captures, and capture-and-diagnose jobs. Used by the API routes and the CLI alike; every call
// names the tenant, and a tenant only ever reaches its own key and its own organizations.
import { mxWanIp } from '#shared/meraki/wan-ip.js';
import type { CaptureListFilter, MerakiCapture } from '#shared/meraki/types.js';
import type { Logger } from '../log.js';
import { MerakiClient, type MerakiClientOptions, type MerakiProgress } from './client.js';
import { MerakiApiError, MerakiInputError, MerakiNotConnectedError, MerakiNotFoundError } from './errors.js';
import { importCapture, type ImportDeps, type ImportResult } from './import-capture.js';
import type { ConnectionRecord, MerakiOrgRef } from './meraki-store.js';
import { isPlausibleMerakiKey, keyHint, type SecretVault } from './secret-vault.js';

export interface MerakiServiceDeps extends ImportDeps {
  vault: SecretVault;
  baseUrl: string;
  log: Logger;
  clientOptions?: Partial<Omit<MerakiClientOptions, 'apiKey' | 'baseUrl'>>;
}

export interface ConnectionView {
  keyLast4: string;
  organizations: MerakiOrgRef[];
  createdAt: string;
  lastUsedAt?: string;
}

export interface CloudCaptureView extends MerakiCapture {
  /** Our capture id when it has been imported already. */
  importedCaptureId?: string;
}

export interface ApplianceView {
  serial: string;
  name: string;
  model: string;
  networkId: string;
  wanIp?: string;
}

export type ImportOutcome = ImportResult | { merakiCaptureId: string; status: 'failed'; error: string };

export const MAX_IMPORT_BATCH = 20;

const view = (c: ConnectionRecord): ConnectionView => ({
  keyLast4: c.keyLast4,
  organizations: c.organizations,
  createdAt: c.createdAt,
  lastUsedAt: c.lastUsedAt,
});

export class MerakiService {
  constructor(readonly deps: MerakiServiceDeps) {}

  /** A client with the tenant's key; the connection's last use is recorded. */
  async clientFor(
    tenantId: string,
    onProgress?: (p: MerakiProgress) => void,
  ): Promise<{ client: MerakiClient; connection: ConnectionRecord }> {
    const connection = await this.deps.store.getConnection(tenantId);
    const apiKey = connection ? await this.deps.vault.get(tenantId) : undefined;
    if (!connection || !apiKey) throw new MerakiNotConnectedError();
    await this.deps.store.touchConnection(tenantId, this.deps.now().toISOString());
    return {
      client: new MerakiClient({
        ...this.deps.clientOptions,
        apiKey,
        baseUrl: this.deps.baseUrl,
        onProgress: onProgress ?? this.deps.clientOptions?.onProgress,
      }),
      connection,
    };
  }

  /** Checks the key against Meraki (the organizations it reaches), then stores it in the vault. */
  async connect(tenantId: string, apiKey: unknown, organizationIds?: string[]): Promise<ConnectionView> {
    if (!isPlausibleMerakiKey(apiKey))
      throw new MerakiInputError('apiKey must be a Meraki Dashboard API key (20-128 printable characters)');
    const client = new MerakiClient({ ...this.deps.clientOptions, apiKey, baseUrl: this.deps.baseUrl });
    const reachable = await client.organizations();
    let organizations = reachable.map((o) => ({ id: o.id, name: o.name }));
    if (organizationIds && organizationIds.length > 0) {
      const missing = organizationIds.filter((id) => !reachable.some((o) => o.id === id));
      if (missing.length > 0)
        throw new MerakiInputError(
          `the API key does not reach organization ${missing.join(', ')} (it reaches ${reachable.map((o) => o.id).join(', ') || 'none'})`,
        );
      organizations = organizations.filter((o) => organizationIds.includes(o.id));
    }
    if (organizations.length === 0) throw new MerakiInputError('the API key reaches no organization');
    const now = this.deps.now().toISOString();
    await this.deps.vault.put(tenantId, apiKey);
    const record: ConnectionRecord = { keyLast4: keyHint(apiKey), organizations, createdAt: now, lastUsedAt: now };
    await this.deps.store.putConnection(tenantId, record);
    this.deps.log.info('meraki connection stored', { tenantId, organizations: organizations.length });
    return view(record);
  }

  async connection(tenantId: string): Promise<ConnectionView | undefined> {
    const c = await this.deps.store.getConnection(tenantId);
    return c ? view(c) : undefined;
  }

  async disconnect(tenantId: string): Promise<void> {
    await this.deps.vault.delete(tenantId);
    await this.deps.store.deleteConnection(tenantId);
    this.deps.log.info('meraki connection removed', { tenantId });
  }

  /** The organization must be one the tenant connected; anything else is "not found". */
  private requireOrg(connection: ConnectionRecord, organizationId: string): void {
    if (!connection.organizations.some((o) => o.id === organizationId))
      throw new MerakiNotFoundError("no such organization in this tenant's Meraki connection");
  }

  async listCaptures(
    tenantId: string,
    organizationId: string,
    filter: CaptureListFilter = {},
  ): Promise<CloudCaptureView[]> {
    const { client, connection } = await this.clientFor(tenantId);
    this.requireOrg(connection, organizationId);
    const captures = await client.captures(organizationId, filter);
    return Promise.all(
      captures.map(async (c) => ({
        ...c,
        importedCaptureId: await this.deps.store.importedCaptureId(tenantId, organizationId, c.captureId),
      })),
    );
  }

  async appliances(tenantId: string, organizationId: string): Promise<ApplianceView[]> {
    const { client, connection } = await this.clientFor(tenantId);
    this.requireOrg(connection, organizationId);
    const [devices, statuses] = await Promise.all([
      client.appliances(organizationId),
      client.uplinkStatuses(organizationId),
    ]);
    return devices.map((d) => ({
      serial: d.serial,
      name: d.name,
      model: d.model,
      networkId: d.networkId,
      wanIp: mxWanIp(statuses.find((s) => s.serial === d.serial)),
    }));
  }

  /** The MX's WAN address; undefined (not an error) when the uplink statuses cannot be read. */
  async wanIpOf(client: MerakiClient, organizationId: string, serial: string | undefined): Promise<string | undefined> {
    if (!serial) return undefined;
    try {
      return mxWanIp((await client.uplinkStatuses(organizationId, [serial])).find((s) => s.serial === serial));
    } catch (err) {
      if (err instanceof MerakiApiError) return undefined;
      throw err;
    }
  }

  async importCaptures(
    tenantId: string,
    organizationId: string,
    merakiCaptureIds: string[],
    onProgress?: (p: MerakiProgress) => void,
  ): Promise<ImportOutcome[]> {
    const ids = [...new Set(merakiCaptureIds)];
    if (ids.length === 0 || ids.length > MAX_IMPORT_BATCH || !ids.every((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id))) {
      throw new MerakiInputError(`captureIds: 1 to ${MAX_IMPORT_BATCH} Meraki capture ids`);
    }
    const { client, connection } = await this.clientFor(tenantId, onProgress);
    this.requireOrg(connection, organizationId);
    const found = await client.captures(organizationId, { captureIds: ids });
    const wanIps = new Map<string, string | undefined>();
    const outcomes: ImportOutcome[] = [];
    for (const id of ids) {
      const capture = found.find((c) => c.captureId === id);
      if (!capture) {
        const already = await this.deps.store.importedCaptureId(tenantId, organizationId, id);
        outcomes.push(
          already
            ? { merakiCaptureId: id, captureId: already, status: 'already-imported' }
            : {
                merakiCaptureId: id,
                status: 'failed',
                error:
                  'not in the Meraki cloud: it was deleted, or replaced by newer captures (the cloud keeps about 10)',
              },
        );
        continue;
      }
      try {
        const serial = capture.serial;
        if (serial && !wanIps.has(serial)) wanIps.set(serial, await this.wanIpOf(client, organizationId, serial));
        const result = await importCapture(
          client,
          { tenantId, organizationId, capture, mxIp: serial ? wanIps.get(serial) : undefined },
          this.deps,
        );
        this.deps.log.info('meraki capture imported', {
          tenantId,
          organizationId,
          merakiCaptureId: id,
          captureId: result.captureId,
          status: result.status,
        });
        outcomes.push(result);
      } catch (err) {
        if (!(err instanceof MerakiApiError)) throw err;
        this.deps.log.warn('meraki import failed', { tenantId, organizationId, merakiCaptureId: id, kind: err.kind });
        outcomes.push({ merakiCaptureId: id, status: 'failed', error: err.message });
      }
    }
    return outcomes;
  }
}
