// Starts a real local twin for a test file: s3rver, dynalite and the HTTP front on random
// loopback ports, data in a temp directory, the real analyzeCapture.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import type { CaptureItem } from '#shared/api/contract.js';
import { analyzeCapture } from '#shared/analyze.js';
import { silentLogger } from '../../lambdas/log.js';
import { startTwin, type Twin, type TwinOptions } from '../../lambdas/local/twin.js';

export interface Harness {
  twin: Twin;
  dataDir: string;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<TwinOptions> = {}): Promise<Harness> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dataDir = await mkdtemp(join(tmpdir(), 'vd-twin-'));
  const twin = await startTwin({
    analyze: analyzeCapture,
    dataDir,
    httpPort: 0,
    s3Port: 0,
    dynamoPort: 0,
    log: silentLogger,
    retryDelaysMs: [400, 800],
    writeRetry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
    // Tests poll fast (two counter writes per request would slow dynalite); fair-use.test.ts sets limits.
    rateLimits: null,
    ...overrides,
  });
  return {
    twin,
    dataDir,
    close: async () => {
      await twin.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function api(
  twin: Twin,
  path: string,
  key: string | undefined,
  init: { method?: string; body?: unknown; tenant?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (init.tenant) headers['x-tenant-id'] = init.tenant;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(twin.apiUrl + path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

export async function putCapture(twin: Twin, key: string, body: Uint8Array): Promise<void> {
  await twin.clients.s3.send(new PutObjectCommand({ Bucket: twin.state.bucket, Key: key, Body: body }));
}

/** Polls the API until the capture has left PENDING (the analysis runs on the S3 event). */
export async function waitForCapture(twin: Twin, key: string, captureId: string, tenant?: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api(twin, `/api/captures/${captureId}`, key, { tenant });
    if (res.status === 200 && res.json.capture.status !== 'PENDING') return res.json;
    if (Date.now() > deadline) throw new Error(`capture ${captureId} still ${res.status} ${res.text.slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every capture the list returns for `query`, page by page (`limit` a page), in the order served. */
export async function listEveryPage(twin: Twin, key: string, query: string, limit: number): Promise<CaptureItem[]> {
  const items: CaptureItem[] = [];
  let cursor: string | undefined;
  do {
    const res = await api(
      twin,
      `/api/captures?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      key,
    );
    expect(res.status, res.text).toBe(200);
    items.push(...(res.json.items as CaptureItem[]));
    cursor = res.json.cursor;
  } while (cursor);
  return items;
}
