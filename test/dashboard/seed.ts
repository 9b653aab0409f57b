// Puts captures into the twin the way any client does (POST /api/uploads, then a PUT to the
// presigned URL) and waits for the analysis, so browser tests start from analysed captures
// without driving the upload panel each time.
import { readFile } from 'node:fs/promises';
import type { CaptureDetail } from '../../lambdas/dashboard/api-types.js';
import { repoPath, type Harness } from './twin-harness.js';

export async function apiGet<T>(h: Harness, path: string, key = h.operatorKey, tenant?: string): Promise<T> {
  const res = await fetch(`${h.url}${path}`, {
    headers: { authorization: `Bearer ${key}`, ...(tenant ? { 'x-tenant-id': tenant } : {}) },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** Uploads bytes as `fileName` and resolves with the capture id once it is DONE or FAILED. */
export async function seed(
  h: Harness,
  fileName: string,
  body: Buffer,
  opts: { key?: string; tenant?: string } = {},
): Promise<string> {
  const key = opts.key ?? h.operatorKey;
  const res = await fetch(`${h.url}/api/uploads`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      ...(opts.tenant ? { 'x-tenant-id': opts.tenant } : {}),
    },
    body: JSON.stringify({ fileName, size: body.length }),
  });
  if (res.status !== 201) throw new Error(`upload ticket: ${res.status}`);
  const ticket = (await res.json()) as { captureId: string; uploadUrl: string; headers: Record<string, string> };
  const put = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body: new Uint8Array(body) });
  if (!put.ok) throw new Error(`PUT: ${put.status}`);
  for (let i = 0; i < 300; i++) {
    const d = await apiGet<CaptureDetail>(h, `/api/captures/${ticket.captureId}`, key, opts.tenant).catch(
      () => undefined,
    );
    if (d && d.capture.status !== 'PENDING') return ticket.captureId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${fileName} was not analysed in time`);
}

/** A scenario capture of test/fixtures/scenarios, uploaded under its scenario name. */
export async function seedScenario(h: Harness, scenario: string, opts: { tenant?: string } = {}): Promise<string> {
  const body = await readFile(repoPath('test/fixtures/scenarios', scenario, 'capture.pcap'));
  return seed(h, `${scenario}.pcap`, body, opts);
}
