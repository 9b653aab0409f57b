// Opaque pagination cursors. A cursor is the query's LastEvaluatedKey, base64url-encoded; on the
// way back it is decoded and checked against the caller's own partition, so a cursor taken from
// another tenant (or forged) can never steer a query outside the caller's data.
import type { DdbItem } from './attributes.js';

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

const MAX_CURSOR_LENGTH = 2048;

export function encodeCursor(lastKey: DdbItem | undefined): string | undefined {
  if (!lastKey) return undefined;
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(lastKey)) if (v.S !== undefined) flat[k] = v.S;
  return Buffer.from(JSON.stringify(flat), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor into an ExclusiveStartKey. `expected` names exactly the attributes the key
 * must have and the values some of them must equal (the caller's partition values).
 */
export function decodeCursor(
  cursor: string,
  attributes: readonly string[],
  expected: Record<string, string>,
  expectedPrefix: Record<string, string> = {},
): DdbItem {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new InvalidCursorError('cursor is malformed');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('cursor is malformed');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InvalidCursorError('cursor is malformed');
  const obj = parsed as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  if (keys.join(',') !== [...attributes].sort().join(','))
    throw new InvalidCursorError('cursor does not belong to this query');
  const out: DdbItem = {};
  for (const name of attributes) {
    const v = obj[name];
    if (typeof v !== 'string' || v.length > 1024) throw new InvalidCursorError('cursor is malformed');
    if (name in expected && expected[name] !== v) throw new InvalidCursorError('cursor does not belong to this query');
    if (name in expectedPrefix && !v.startsWith(expectedPrefix[name]))
      throw new InvalidCursorError('cursor does not belong to this query');
    out[name] = { S: v };
  }
  return out;
}
