// The plain request/response the API core speaks; adapters (API Gateway, node:http) convert.
export interface HttpRequest {
  method: string;
  path: string;
  /** Single-valued query parameters, already decoded. */
  query: Record<string, string>;
  /** Header names lowercased. */
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function json(status: number, value: unknown): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(value),
  };
}

/** Already-serialised JSON (the stored report), passed through without a parse/stringify round. */
export function rawJson(status: number, body: string): HttpResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body };
}
