// API Gateway HTTP API (payload format 2.0) <-> the plain request/response of the core.
import type { HttpRequest, HttpResponse } from './http.js';

export interface ApiGatewayV2Event {
  version?: string;
  routeKey?: string;
  rawPath: string;
  rawQueryString?: string;
  cookies?: string[];
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  requestContext: {
    http: { method: string; path: string; protocol?: string; sourceIp?: string; userAgent?: string };
    [k: string]: unknown;
  };
  body?: string;
  isBase64Encoded?: boolean;
}

export interface ApiGatewayV2Result {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

export function fromApiGatewayEvent(event: ApiGatewayV2Event): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  const query: Record<string, string> = {};
  // Parse the raw string ourselves: API Gateway joins repeated parameters with commas.
  for (const [k, v] of new URLSearchParams(event.rawQueryString ?? '')) if (!(k in query)) query[k] = v;
  const body =
    event.body === undefined
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  return { method: event.requestContext.http.method.toUpperCase(), path: event.rawPath, query, headers, body };
}

export function toApiGatewayResult(res: HttpResponse): ApiGatewayV2Result {
  return { statusCode: res.status, headers: res.headers, body: res.body, isBase64Encoded: false };
}

/** The Lambda-shaped handler over any core with `handle(req)`: used by AWS and the local twin. */
export function apiGatewayHandler(core: { handle(req: HttpRequest): Promise<HttpResponse> }) {
  return async (event: ApiGatewayV2Event): Promise<ApiGatewayV2Result> =>
    toApiGatewayResult(await core.handle(fromApiGatewayEvent(event)));
}
