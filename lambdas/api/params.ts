// Query-parameter parsing shared by the list endpoints: strict, 400 on anything unexpected.
import { isIP } from 'node:net';
import type { DdbItem } from '../store/attributes.js';
import { InvalidCursorError, decodeCursor } from '../store/cursor.js';
import { BadRequestError } from './errors.js';
import { CAPTURE_STATUSES, type CaptureListFilter, type CaptureStatus } from '#shared/api/contract.js';
import { VERDICT_CODES, type VerdictCode } from '#shared/report/types.js';

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

/** An instant given as ISO 8601 (a date alone is midnight UTC), normalised to the stored form. */
function parseInstant(raw: string | undefined, name: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ms = raw.length <= 40 && /^\d{4}-\d{2}-\d{2}/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) throw new BadRequestError(`${name} must be an ISO 8601 date or time`);
  return new Date(ms).toISOString();
}

/** GET /api/captures filters: verdict, status, q (file name), from/to (upload time). */
export function parseCaptureFilter(query: Record<string, string>): CaptureListFilter {
  const { verdict, status, q } = query;
  if (verdict && !(VERDICT_CODES as readonly string[]).includes(verdict))
    throw new BadRequestError('verdict must be a verdict code');
  if (status && !CAPTURE_STATUSES.includes(status as CaptureStatus))
    throw new BadRequestError(`status must be one of ${CAPTURE_STATUSES.join(', ')}`);
  if (q !== undefined && q.length > 255) throw new BadRequestError('q must be at most 255 characters');
  const from = parseInstant(query.from, 'from');
  const to = parseInstant(query.to, 'to');
  if (from && to && from >= to) throw new BadRequestError('from must be before to');
  return {
    ...(verdict ? { verdict: verdict as VerdictCode } : {}),
    ...(status ? { status: status as CaptureStatus } : {}),
    ...(q?.trim() ? { q: q.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}
