// Where a tenant's Meraki API key lives: one secret per tenant, encrypted at rest, readable only by
// the service. On AWS Secrets Manager (secrets-manager-vault.ts), in the twin an AES-256-GCM file
// (file-vault.ts). The key never leaves the vault except to call Meraki.

export interface SecretVault {
  put(tenantId: string, apiKey: string): Promise<void>;
  get(tenantId: string): Promise<string | undefined>;
  delete(tenantId: string): Promise<void>;
}

/** The last characters of a key, the only part ever shown. */
export function keyHint(apiKey: string): string {
  return apiKey.length >= 8 ? apiKey.slice(-4) : '';
}

/** A Meraki API key: 40 hexadecimal characters today; anything printable of sane length accepted. */
export function isPlausibleMerakiKey(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]{20,128}$/.test(value);
}
