// Resolves a presented API key to its principal: one hashed lookup, revoked keys refused.
import type { TenantStore } from '../store/tenant-store.js';
import { hashApiKey, isWellFormedApiKey } from './api-key.js';

export interface Principal {
  keyId: string;
  /** The key's own ("home") tenant. */
  tenantId: string;
  mspId: string;
  operator: boolean;
}

export async function authenticate(key: string, tenants: TenantStore): Promise<Principal | undefined> {
  if (!isWellFormedApiKey(key)) return undefined;
  const record = await tenants.getApiKey(hashApiKey(key));
  if (!record || record.revokedAt) return undefined;
  return { keyId: record.keyId, tenantId: record.tenantId, mspId: record.mspId, operator: record.role === 'operator' };
}
