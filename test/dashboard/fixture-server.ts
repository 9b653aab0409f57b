// A tiny test-only stand-in for the local twin, for developing the dashboard alone: serves
// dist/dashboard and answers the HTTP API contract from an in-memory store. Uploads go to a
// second loopback port (a different origin, like s3rver) so CORS and CSP connect-src are real.
// The browser tests run against the real local twin; this is only a development aid.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AnalysisReport } from '../../shared/report/types.js';
import type { CaptureItem, DiagnosisItem, Me } from '../../lambdas/dashboard/api-types.js';

type Analyze = (bytes: Uint8Array, fileName: string) => Promise<AnalysisReport>;
interface Tenant { me: Me; captures: { item: CaptureItem; report?: AnalysisReport }[] }

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

async function body(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

function json(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  const b = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(b);
}
const fail = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { error: { code, message } });

export async function startFixtureServer(opts: { staticDir: string; keys: Record<string, Me>; analyze: Analyze }) {
  const tenants = new Map<string, Tenant>();
  for (const me of Object.values(opts.keys)) for (const t of [{ tenantId: me.tenantId, name: me.tenantName }, ...me.tenants]) {
    if (!tenants.has(t.tenantId)) tenants.set(t.tenantId, { me: { tenantId: t.tenantId, tenantName: t.name, operator: false, tenants: [t] }, captures: [] });
  }
  const pendingUploads = new Map<string, { tenant: Tenant; item: CaptureItem }>();
  let origin = '';

  const upload = createServer(async (req, res) => {
    const cors = { 'access-control-allow-origin': origin, 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': '*' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const id = req.url?.slice(1) ?? '';
    const up = pendingUploads.get(id);
    if (req.method !== 'PUT' || !up) return void res.writeHead(403, cors).end();
    const bytes = await body(req);
    pendingUploads.delete(id);
    res.writeHead(200, cors).end();
    void opts.analyze(bytes, up.item.fileName).then(
      (report) => {
        Object.assign(up.item, { status: 'DONE', analyzedAt: new Date().toISOString(), frames: report.capture.frames, start: report.capture.start, end: report.capture.end, verdict: report.verdict, sessions: report.sessions.length });
        const rec = up.tenant.captures.find((c) => c.item === up.item);
        if (rec) rec.report = report;
      },
      (e: unknown) => Object.assign(up.item, { status: 'FAILED', error: e instanceof Error ? e.message : String(e) }),
    );
  });
  await new Promise<void>((r) => upload.listen(0, '127.0.0.1', r));
  const uploadOrigin = `http://127.0.0.1:${(upload.address() as AddressInfo).port}`;

  const page = <T>(items: T[], cursor: string | null, limit: string | null) => {
    const start = Number(cursor ?? 0) || 0;
    const n = Math.min(Math.max(Number(limit ?? 25) || 25, 1), 100);
    const slice = items.slice(start, start + n);
    return { items: slice, cursor: start + n < items.length ? String(start + n) : undefined };
  };

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const me = auth ? opts.keys[auth[1]!] : undefined;
    if (!me) return fail(res, 401, 'UNAUTHORIZED', 'missing or invalid API key');
    const wanted = req.headers['x-tenant-id'];
    const tenantId = typeof wanted === 'string' && me.operator && me.tenants.some((t) => t.tenantId === wanted) ? wanted : me.tenantId;
    if (typeof wanted === 'string' && tenantId !== wanted) return fail(res, 404, 'NOT_FOUND', 'not found');
    const tenant = tenants.get(tenantId)!;
    const p = url.pathname;
    if (p === '/api/me') return json(res, 200, me);
    if (p === '/api/captures' && req.method === 'GET') return json(res, 200, page([...tenant.captures].reverse().map((c) => c.item), url.searchParams.get('cursor'), url.searchParams.get('limit')));
    const m = /^\/api\/captures\/([^/]+)(\/report)?$/.exec(p);
    if (m) {
      const rec = tenant.captures.find((c) => c.item.captureId === decodeURIComponent(m[1]!));
      if (!rec) return fail(res, 404, 'NOT_FOUND', 'not found');
      if (m[2]) return rec.report ? json(res, 200, rec.report) : fail(res, 404, 'NOT_FOUND', 'no report yet');
      return json(res, 200, { capture: rec.item, sessions: rec.report?.sessions ?? [] });
    }
    if (p === '/api/diagnoses') {
      const ip = url.searchParams.get('clientIp') ?? '';
      if (!/^[0-9a-fA-F:.]{2,45}$/.test(ip)) return fail(res, 400, 'BAD_REQUEST', 'invalid clientIp');
      const items: DiagnosisItem[] = [];
      for (const c of tenant.captures) for (const s of c.report?.sessions ?? []) if (s.clientIp === ip)
        items.push({ captureId: c.item.captureId, fileName: c.item.fileName, sessionId: s.id, clientIp: s.clientIp, responderIp: s.responderIp, verdict: s.verdict, stepReached: s.stepReached, time: new Date(Number(s.start) * 1000).toISOString(), analyzedAt: c.item.analyzedAt ?? '' });
      items.sort((a, b) => b.time.localeCompare(a.time));
      return json(res, 200, page(items, url.searchParams.get('cursor'), url.searchParams.get('limit')));
    }
    if (p === '/api/uploads' && req.method === 'POST') {
      const b = JSON.parse((await body(req)).toString() || '{}') as { fileName?: string; size?: number };
      if (typeof b.fileName !== 'string' || typeof b.size !== 'number') return fail(res, 400, 'BAD_REQUEST', 'fileName and size required');
      const item: CaptureItem = { captureId: randomUUID(), fileName: b.fileName, size: b.size, status: 'PENDING', uploadedAt: new Date().toISOString() };
      tenant.captures.push({ item });
      pendingUploads.set(item.captureId, { tenant, item });
      return json(res, 200, { captureId: item.captureId, key: `captures/${tenantId}/${item.captureId}/x`, uploadUrl: `${uploadOrigin}/${item.captureId}`, method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, expiresIn: 900 });
    }
    return fail(res, 404, 'NOT_FOUND', 'not found');
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/')) return void (await api(req, res, url));
    const rel = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    const file = normalize(join(opts.staticDir, rel));
    if (!file.startsWith(opts.staticDir)) return void res.writeHead(404).end();
    try {
      const data = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: async () => {
      server.closeAllConnections();
      upload.closeAllConnections();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => upload.close(r))]);
    },
  };
}
