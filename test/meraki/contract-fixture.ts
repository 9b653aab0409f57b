// The Meraki contract (test/fixtures/meraki/contract.json) as typed data for the tests, and the
// structural comparison "has the shape of the documented example" used against the fake and the
// client's parsing alike.
import { readFileSync } from 'node:fs';

export interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
  body?: { required: string[]; example: Record<string, unknown> };
  response: { status: number; example?: unknown; exampleOf?: string };
}

export interface ContractExchange {
  name: string;
  key: 'full' | 'readOnly' | 'wrong' | null;
  legacyHeader?: boolean;
  given?: 'rateLimitOnce';
  request: { method: string; path: string; query?: [string, string][]; body?: unknown; bodyOf?: string };
  expect: {
    status: number;
    shapeOf?: string;
    items?: number;
    link?: string[];
    retryAfter?: boolean;
    fetchUrl?: 'pcap';
  };
}

export interface Contract {
  spec: { version: string };
  errors: { body: unknown };
  rateLimit: { body: unknown; header: string };
  pagination: { example: string };
  operations: ContractOperation[];
  replay: {
    keys: { full: string; readOnly: string };
    world: { organizationId: string; hiddenOrganizationId: string; mx: string; notMx: string };
    exchanges: ContractExchange[];
  };
}

export const CONTRACT: Contract = JSON.parse(readFileSync('test/fixtures/meraki/contract.json', 'utf8'));

export function operation(id: string): ContractOperation {
  const op = CONTRACT.operations.find((o) => o.operationId === id);
  if (!op) throw new Error(`no operation ${id} in the contract`);
  return op;
}

/** The documented example response of an operation (following `exampleOf`). */
export function exampleOf(id: string): unknown {
  if (id === 'errors') return CONTRACT.errors.body;
  const op = operation(id);
  return op.response.exampleOf ? exampleOf(op.response.exampleOf) : op.response.example;
}

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Differences between `actual` and the shape of `example`: every key of the example must be
 * present with the same JSON type (a null in the example accepts anything), every array element
 * must have the shape of the example's first element.
 */
export function shapeDiff(actual: unknown, example: unknown, path = '$'): string[] {
  if (example === null) return [];
  if (kind(actual) !== kind(example)) return [`${path}: ${kind(actual)} where the contract has ${kind(example)}`];
  if (Array.isArray(example)) {
    if (example.length === 0) return [];
    return (actual as unknown[]).flatMap((a, i) => shapeDiff(a, example[0], `${path}[${i}]`));
  }
  if (typeof example === 'object') {
    const a = actual as Record<string, unknown>;
    return Object.entries(example as Record<string, unknown>).flatMap(([k, v]) =>
      k in a ? shapeDiff(a[k], v, `${path}.${k}`) : [`${path}.${k}: missing`],
    );
  }
  return [];
}
