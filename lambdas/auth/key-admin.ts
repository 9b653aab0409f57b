// Creating tenants and keys: the operations behind `vpn-doctor tenant|key` and the local twin's
// first start. The key is returned once to the caller and never stored.
import { isTenantId } from '#shared/tenancy/ids.js';
import type { KeyRole, TenantRecord, TenantStore } from '../store/tenant-store.js';
import { generateApiKey, hashApiKey, keyIdOf } from './api-key.js';

export class AdminInputError extends Error {
  override name = 'AdminInputError';
}

export async function createTenant(
  store: TenantStore,
  input: { tenantId: string; name: string; mspId: string },
  now: Date,
): Promise<TenantRecord> {
  if (!isTenantId(input.tenantId))
    throw new AdminInputError('tenant id: 3-40 characters of a-z, 0-9 and inner hyphens');
  if (!isTenantId(input.mspId)) throw new AdminInputError('MSP id: 3-40 characters of a-z, 0-9 and inner hyphens');
  const name = input.name.trim().slice(0, 200) || input.tenantId;
  const tenant = { tenantId: input.tenantId, name, mspId: input.mspId, createdAt: now.toISOString() };
  await store.createTenant(tenant);
  return tenant;
}

export interface CreatedKey {
  key: string;
  keyId: string;
  tenantId: string;
  role: KeyRole;
}

export async function createKey(
  store: TenantStore,
  input: { tenantId: string; role: KeyRole; label?: string },
  now: Date,
): Promise<CreatedKey> {
  const tenant = isTenantId(input.tenantId) ? await store.getTenant(input.tenantId) : undefined;
  if (!tenant) throw new AdminInputError(`no tenant ${input.tenantId}`);
  const key = generateApiKey();
  const keyHash = hashApiKey(key);
  const keyId = keyIdOf(keyHash);
  await store.putApiKey({
    keyHash,
    keyId,
    tenantId: tenant.tenantId,
    mspId: tenant.mspId,
    role: input.role,
    label: (input.label ?? '').slice(0, 200),
    createdAt: now.toISOString(),
  });
  return { key, keyId, tenantId: tenant.tenantId, role: input.role };
}

/** Revokes by the key itself or by its key id (then the tenant must be named). */
export async function revokeKey(
  store: TenantStore,
  input: { keyOrId: string; tenantId?: string },
  now: Date,
): Promise<string> {
  let keyHash: string | undefined;
  if (input.keyOrId.startsWith('vd_')) keyHash = hashApiKey(input.keyOrId);
  else {
    if (!input.tenantId) throw new AdminInputError('revoking by key id needs --tenant');
    const keys = await store.listKeysOfTenant(input.tenantId);
    keyHash = keys.find((k) => k.keyId === input.keyOrId)?.keyHash;
  }
  if (!keyHash || !(await store.revokeKey(keyHash, now.toISOString()))) throw new AdminInputError('no such key');
  return keyIdOf(keyHash);
}
