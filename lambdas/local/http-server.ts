// The local twin's front door: /api/* becomes an API Gateway HTTP API (2.0) event for the very
// handler that runs on AWS; `/` and `/assets/*` are served from the dashboard build when present.
// Static hosting lives here only: on AWS the dashboard has its own hosting.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOn } from './listen.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ApiGatewayV2Event, ApiGatewayV2Result } from '../api/apigw-adapter.js';
import {
  APIGW_INTEGRATION_TIMEOUT_MS,
  APIGW_INTERNAL_ERROR,
  APIGW_PAYLOAD_MAX_BYTES,
  APIGW_TIMEOUT,
  LAMBDA_SYNC_RESPONSE_MAX_BYTES,
  lambdaPayloadBytes,
} from './aws-limits.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface LocalHttpOptions {
  host: string;
  port: number;
  api: (event: ApiGatewayV2Event) => Promise<ApiGatewayV2Result>;
  /** dist/dashboard: index.html + assets/. Undefined or missing: a short text page instead. */
  staticDir?: string;
  /** API Gateway's integration timeout (tests shorten it). */
  integrationTimeoutMs?: number;
}

export interface RunningHttp {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > APIGW_PAYLOAD_MAX_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function toApiGatewayEvent(req: IncomingMessage, body: Buffer): ApiGatewayV2Event {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomBytes(8).toString('hex'),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length > 0 ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
  };
}

async function serveStatic(dir: string, pathname: string, res: ServerResponse): Promise<boolean> {
  const rel = pathname === '/' ? 'index.html' : pathname.slice(1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return false;
  }
  const root = normalize(dir + sep);
  const file = normalize(join(root, decoded));
  if (!file.startsWith(root)) return false; // no escaping the directory
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
  return true;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The API handler as API Gateway + Lambda run it: a result over the limits never reaches the client. */
export async function invokeWithLimits(
  api: (event: ApiGatewayV2Event) => Promise<ApiGatewayV2Result>,
  event: ApiGatewayV2Event,
  timeoutMs = APIGW_INTEGRATION_TIMEOUT_MS,
): Promise<ApiGatewayV2Result> {
  const gateway = (e: { status: number; body: string }): ApiGatewayV2Result => ({
    statusCode: e.status,
    headers: { 'content-type': 'application/json' },
    body: e.body,
    isBase64Encoded: false,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const result = await Promise.race([api(event), timeout]);
    if (result === 'timeout') return gateway(APIGW_TIMEOUT);
    if (lambdaPayloadBytes(result) > LAMBDA_SYNC_RESPONSE_MAX_BYTES) return gateway(APIGW_INTERNAL_ERROR);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

export async function startHttp(opts: LocalHttpOptions): Promise<RunningHttp> {
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent)
        send(res, 500, 'application/json', JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } }));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://local').pathname;
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      const body = await readBody(req);
      if (!body)
        return send(
          res,
          413,
          'application/json',
          JSON.stringify({ error: { code: 'BAD_REQUEST', message: 'request body too large' } }),
        );
      const result = await invokeWithLimits(opts.api, toApiGatewayEvent(req, body), opts.integrationTimeoutMs);
      res.writeHead(result.statusCode, { ...result.headers, 'content-length': Buffer.byteLength(result.body) });
      res.end(result.body);
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && (pathname === '/' || pathname.startsWith('/assets/'))) {
      if (opts.staticDir && (await serveStatic(opts.staticDir, pathname, res))) return;
      if (pathname === '/') {
        return send(
          res,
          200,
          'text/plain; charset=utf-8',
          'vpn-doctor local twin: the API is at /api; build the dashboard with `npm run build`.\n',
        );
      }
    }
    send(res, 404, 'application/json', JSON.stringify({ error: { code: 'NOT_FOUND', message: 'not found' } }));
  }

  const port = await listenOn(server, opts.port, opts.host);
  return {
    url: `http://${opts.host}:${port}`,
    port,
    close: () => closeServer(server),
  };
}
