// Identifiers that end up in S3 keys and DynamoDB keys. Pure validation: every id comes from
// a request or an object key, so it is checked against a strict charset and length before use.

/** Tenant ids: lowercase letters, digits and inner hyphens, 3..40 characters. */
export const TENANT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/;

/** Capture ids: URL- and key-safe, 8..64 characters (ours are 26-character time-sortable ids). */
export const CAPTURE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export const MAX_FILE_NAME_LENGTH = 200;

export function isTenantId(value: unknown): value is string {
  return typeof value === 'string' && TENANT_ID_PATTERN.test(value);
}

export function isCaptureId(value: unknown): value is string {
  return typeof value === 'string' && CAPTURE_ID_PATTERN.test(value);
}

/** A file name safe as the last segment of an object key: no path, bounded, plain characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '')
    .slice(0, MAX_FILE_NAME_LENGTH);
  return cleaned.length > 0 ? cleaned : 'capture.pcap';
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A 26-character id whose first 10 characters encode the time in milliseconds, so ids sort
 * by creation time (the ULID layout). Time and randomness are passed in: no clock here.
 */
export function newCaptureId(nowMs: number, random: Uint8Array): string {
  let time = '';
  let t = Math.max(0, Math.floor(nowMs));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD[(random[i % random.length] ?? 0) % 32];
  return time + rand;
}

/** `captures/{tenantId}/{captureId}/{fileName}`, the only layout the analyze Lambda accepts. */
export function captureObjectKey(tenantId: string, captureId: string, fileName: string): string {
  return `captures/${tenantId}/${captureId}/${safeFileName(fileName)}`;
}

export interface ParsedCaptureKey {
  tenantId: string;
  captureId: string;
  fileName: string;
}

/** Parses a decoded object key; undefined when it does not follow the layout or an id is invalid. */
export function parseCaptureKey(key: string): ParsedCaptureKey | undefined {
  if (key.length > 1024) return undefined;
  const parts = key.split('/');
  if (parts.length !== 4 || parts[0] !== 'captures') return undefined;
  const [, tenantId, captureId, fileName] = parts;
  if (!isTenantId(tenantId) || !isCaptureId(captureId)) return undefined;
  if (fileName.length === 0 || fileName.length > 255) return undefined;
  return { tenantId, captureId, fileName };
}

/** The report's S3 key. */
export function resultObjectKey(tenantId: string, captureId: string): string {
  return `results/${tenantId}/${captureId}.json`;
}
