// Reading a request to the fake Meraki API: the body (bounded), the API key and which header
// carried it, list and time query parameters, and the JSON body's shape — with Meraki's errors.
import type { IncomingMessage } from 'node:http';
import { FakeBadRequest } from './paging.js';

/** Which header carried the key (the key itself is never logged). */
export type FakeAuth = 'bearer' | 'legacy' | 'none';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const MAX_BODY = 64 * 1024;

export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new FakeHttpError(413, 'request body too large'));
      else parts.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

export function keyOf(req: IncomingMessage): { key?: string; auth: FakeAuth } {
  const bearer = /^Bearer\s+(\S+)$/i.exec((req.headers.authorization ?? '').trim());
  if (bearer) return { key: bearer[1], auth: 'bearer' };
  const legacy = req.headers['x-cisco-meraki-api-key'];
  if (typeof legacy === 'string' && legacy) return { key: legacy, auth: 'legacy' };
  return { auth: 'none' };
}

export const list = (url: URL, name: string) =>
  url.searchParams
    .getAll(name)
    .concat(url.searchParams.getAll(`${name}[]`))
    .filter(Boolean);

export function parseTime(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  const ms = Number.isFinite(n) ? n * 1000 : Date.parse(raw);
  if (Number.isNaN(ms)) throw new FakeBadRequest(`invalid time ${raw}`);
  return ms;
}

export function parseJsonBody(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text || '{}');
  } catch {
    throw new FakeBadRequest('The request body is not valid JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new FakeBadRequest('The request body must be a JSON object');
  return body as Record<string, unknown>;
}

export function serialsOf(body: Record<string, unknown>): string[] {
  const s = body.serials;
  if (!Array.isArray(s) || s.length === 0 || !s.every((x) => typeof x === 'string'))
    throw new FakeBadRequest("'serials' must be provided");
  return s as string[];
}
