// Minimal marshalling between flat records and DynamoDB AttributeValues. Our items hold only
// strings, numbers and booleans (nested data is stored as a JSON string), so this is all we need
// and it keeps @aws-sdk/lib-dynamodb out of the bundle.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Scalar = string | number | boolean;
export type FlatItem = Record<string, Scalar | undefined>;
export type DdbItem = Record<string, AttributeValue>;

export function toAttribute(value: Scalar): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  return { BOOL: value };
}

export function marshall(item: FlatItem): DdbItem {
  const out: DdbItem = {};
  for (const [k, v] of Object.entries(item)) if (v !== undefined) out[k] = toAttribute(v);
  return out;
}

export function unmarshall(item: DdbItem | undefined): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  if (!item) return out;
  for (const [k, v] of Object.entries(item)) {
    if (v.S !== undefined) out[k] = v.S;
    else if (v.N !== undefined) out[k] = Number(v.N);
    else if (v.BOOL !== undefined) out[k] = v.BOOL;
  }
  return out;
}

export function str(item: Record<string, Scalar>, key: string): string | undefined {
  const v = item[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(item: Record<string, Scalar>, key: string): number | undefined {
  const v = item[key];
  return typeof v === 'number' ? v : undefined;
}

/** Builds `:v0, :v1…` value placeholders for an expression. */
export function values(map: Record<string, Scalar>): DdbItem {
  const out: DdbItem = {};
  for (const [k, v] of Object.entries(map)) out[k] = toAttribute(v);
  return out;
}

/**
 * Expression attribute names for every `#name` in the expressions: we write every attribute as
 * `#attr` (many of ours — size, status, error, start, end, name — are DynamoDB reserved words).
 */
export function namesIn(...expressions: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of expressions) for (const m of e.matchAll(/#(\w+)/g)) out[m[0]] = m[1];
  return out;
}
