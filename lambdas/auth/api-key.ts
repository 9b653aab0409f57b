// API keys: `vd_` + 32 random bytes in base64url. Only the SHA-256 of a key is ever stored; the
// key itself is shown once, when it is created.
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PATTERN = /^vd_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): string {
  return `vd_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The public handle of a key: enough of its hash to name it, nothing that helps guess it. */
export function keyIdOf(keyHash: string): string {
  return keyHash.slice(0, 12);
}

export function isWellFormedApiKey(key: string): boolean {
  return API_KEY_PATTERN.test(key);
}
