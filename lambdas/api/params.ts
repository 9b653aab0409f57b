// Query-parameter parsing shared by the list endpoints: strict, 400 on anything unexpected.
import { isIP } from 'node:net';
import type { DdbItem } from '../store/attributes.js';
import { InvalidCursorError, decodeCursor } from '../store/cursor.js';
import { BadRequestError } from './errors.js';

export function parseLimit(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,4}$/.test(raw)) throw new BadRequestError('limit must be an integer');
  const n = Number(raw);
  if (n < 1 || n > max) throw new BadRequestError(`limit must be between 1 and ${max}`);
  return n;
}

export function parseCursor(
  raw: string | undefined,
  attributes: readonly string[],
  expected: Record<string, string>,
  expectedPrefix: Record<string, string> = {},
): DdbItem | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    return decodeCursor(raw, attributes, expected, expectedPrefix);
  } catch (err) {
    if (err instanceof InvalidCursorError) throw new BadRequestError(`invalid cursor: ${err.message}`);
    throw err;
  }
}

/** An IP address from a query parameter or body field named `field`: 400 unless IPv4 or IPv6. */
export function parseIp(raw: unknown, field = 'clientIp'): string {
  if (raw === undefined || raw === null || raw === '') throw new BadRequestError(`${field} is required`);
  const ip = typeof raw === 'string' ? raw.trim() : '';
  if (ip.length > 45 || isIP(ip) === 0) throw new BadRequestError(`${field} is not a valid IPv4 or IPv6 address`);
  return ip;
}
