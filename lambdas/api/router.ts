// The API's single router: method + path pattern -> route, authentication before every /api
// route, and the one place where errors become responses.
import type { Logger } from '../log.js';
import { ApiError } from './errors.js';
import { json, type HttpRequest, type HttpResponse } from './http.js';

export type RouteHandler<C> = (req: HttpRequest, params: Record<string, string>, ctx: C) => Promise<HttpResponse>;

interface Route<C> {
  method: string;
  segments: string[];
  handler: RouteHandler<C>;
}

export class Router<C> {
  private readonly routes: Route<C>[] = [];

  constructor(
    private readonly context: (req: HttpRequest) => Promise<C>,
    private readonly log: Logger,
  ) {}

  on(method: string, pattern: string, handler: RouteHandler<C>): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  async handle(req: HttpRequest): Promise<HttpResponse> {
    try {
      const found = this.match(req);
      if (!found) throw new ApiError(404, 'NOT_FOUND', 'no such endpoint');
      // Authentication happens before anything route-specific runs.
      const ctx = await this.context(req);
      return await found.route.handler(req, found.params, ctx);
    } catch (err) {
      if (err instanceof ApiError) {
        const res = json(err.status, { error: { code: err.code, message: err.message } });
        return { ...res, headers: { ...res.headers, ...err.headers } };
      }
      this.log.error('unhandled API error', { path: req.path.slice(0, 200), error: String(err) });
      return json(500, { error: { code: 'INTERNAL', message: 'internal error' } });
    }
  }

  private match(req: HttpRequest): { route: Route<C>; params: Record<string, string> } | undefined {
    const parts = req.path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== req.method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = route.segments[i];
        if (seg.startsWith(':')) {
          let value: string;
          try {
            value = decodeURIComponent(parts[i]);
          } catch {
            ok = false;
            break;
          }
          params[seg.slice(1)] = value;
        } else ok = seg === parts[i];
      }
      if (ok) return { route, params };
    }
    return undefined;
  }
}
