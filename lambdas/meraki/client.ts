// The Meraki Dashboard API client: the same code talks to api.meraki.com and to the local fake.
// Bearer auth, redirects to regional shards followed by hand (fetch would drop the Authorization
// header on a cross-origin hop), Link-header paging, bounded retries that honour Retry-After and
// report each wait, and typed errors naming the missing permission. Parsing lives in shared/meraki.
import { classifyStatus, describeMerakiError, retryAfterMs } from '#shared/meraki/api-errors.js';
import { parseLinkHeader } from '#shared/meraki/link-header.js';
import {
  MerakiShapeError,
  parseCapture,
  parseCaptureList,
  parseDevices,
  parseDownloadUrl,
  parseErrorBody,
  parseOrganizations,
  parseUplinkStatuses,
} from '#shared/meraki/parse.js';
import type {
  CaptureListFilter,
  MerakiCapture,
  MerakiDevice,
  MerakiDownloadUrl,
  MerakiOrganization,
  MerakiUplinkStatus,
  StartCaptureRequest,
} from '#shared/meraki/types.js';
import { MerakiApiError } from './errors.js';

export const MERAKI_BASE_URL = 'https://api.meraki.com/api/v1';

export type MerakiProgress =
  | {
      type: 'retry';
      action: string;
      attempt: number;
      waitMs: number;
      status?: number;
      reason: 'rate-limited' | 'server' | 'network';
    }
  | { type: 'redirect'; action: string; to: string };

export interface MerakiClientOptions {
  apiKey: string;
  baseUrl?: string;
  /** Attempts per call, the first included (429, 5xx and network errors are retried). */
  maxAttempts?: number;
  /** A Retry-After above this is not waited for: the call fails as rate-limited. */
  maxRetryAfterMs?: number;
  /** Backoff when the server gives no Retry-After (doubled per attempt). */
  baseDelayMs?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  maxPages?: number;
  onProgress?: (p: MerakiProgress) => void;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

interface Call {
  action: string;
  method: 'GET' | 'POST' | 'DELETE';
  path?: string;
  /** Absolute URL (a Link rel=next); must stay on the API's host. */
  url?: string;
  query?: [string, string][];
  body?: unknown;
  organizationId?: string;
  /** Safe to send again after a 5xx or a network error (a create is not). */
  idempotent: boolean;
}

interface Answer {
  status: number;
  json: unknown;
  headers: Headers;
}

const MAX_REDIRECTS = 5;
const MAX_BODY_CHARS = 8 * 1024 * 1024;

/** The domain a host's shards share: api.meraki.com -> meraki.com; an IP or a single label stays itself. */
function parentDomain(host: string): string {
  if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return host;
  return host.split('.').slice(-2).join('.');
}

export class MerakiClient {
  private readonly baseUrl: string;
  private readonly base: URL;
  private readonly o: Required<Omit<MerakiClientOptions, 'onProgress' | 'baseUrl' | 'apiKey'>> &
    Pick<MerakiClientOptions, 'onProgress'>;

  constructor(private readonly opts: MerakiClientOptions) {
    this.baseUrl = (opts.baseUrl ?? MERAKI_BASE_URL).replace(/\/+$/, '');
    this.base = new URL(this.baseUrl);
    this.o = {
      maxAttempts: opts.maxAttempts ?? 5,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 60_000,
      baseDelayMs: opts.baseDelayMs ?? 1000,
      timeoutMs: opts.timeoutMs ?? 30_000,
      maxPages: opts.maxPages ?? 50,
      onProgress: opts.onProgress,
      fetch: opts.fetch ?? fetch,
      sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      now: opts.now ?? Date.now,
    };
  }

  async organizations(): Promise<MerakiOrganization[]> {
    return parseOrganizations(
      await this.all({ action: 'list the organizations', method: 'GET', path: '/organizations', idempotent: true }),
    );
  }

  async appliances(organizationId: string): Promise<MerakiDevice[]> {
    return parseDevices(
      await this.all({
        action: 'list the MX appliances',
        method: 'GET',
        path: `/organizations/${enc(organizationId)}/devices`,
        query: [['productTypes[]', 'appliance']],
        organizationId,
        idempotent: true,
      }),
    );
  }

  async device(organizationId: string, serial: string): Promise<MerakiDevice | undefined> {
    const devices = parseDevices(
      await this.all({
        action: `look up device ${serial}`,
        method: 'GET',
        path: `/organizations/${enc(organizationId)}/devices`,
        query: [['serials[]', serial]],
        organizationId,
        idempotent: true,
      }),
    );
    return devices.find((d) => d.serial === serial);
  }

  async uplinkStatuses(organizationId: string, serials: string[] = []): Promise<MerakiUplinkStatus[]> {
    return parseUplinkStatuses(
      await this.all({
        action: 'read the MX uplink statuses',
        method: 'GET',
        path: `/organizations/${enc(organizationId)}/appliance/uplink/statuses`,
        query: serials.map((s) => ['serials[]', s] as [string, string]),
        organizationId,
        idempotent: true,
      }),
    );
  }

  async captures(organizationId: string, filter: CaptureListFilter = {}, perPage = 100): Promise<MerakiCapture[]> {
    const query: [string, string][] = [['perPage', String(perPage)]];
    for (const [name, values] of [
      ['captureIds[]', filter.captureIds],
      ['networkIds[]', filter.networkIds],
      ['serials[]', filter.serials],
      ['captureStatus[]', filter.captureStatus],
    ] as const) {
      for (const v of values ?? []) query.push([name, v]);
    }
    if (filter.t0) query.push(['t0', filter.t0]);
    if (filter.t1) query.push(['t1', filter.t1]);
    const pages = await this.pages({
      action: 'list the packet captures',
      method: 'GET',
      path: `/organizations/${enc(organizationId)}/devices/packetCapture/captures`,
      query,
      organizationId,
      idempotent: true,
    });
    return pages.flatMap((p) => parseCaptureList(p));
  }

  async capture(organizationId: string, captureId: string): Promise<MerakiCapture | undefined> {
    return (await this.captures(organizationId, { captureIds: [captureId] }, 3)).find((c) => c.captureId === captureId);
  }

  async startCapture(organizationId: string, request: StartCaptureRequest): Promise<MerakiCapture> {
    const a = await this.call({
      action: 'start a packet capture',
      method: 'POST',
      path: `/organizations/${enc(organizationId)}/devices/packetCapture/captures`,
      body: request,
      organizationId,
      idempotent: false,
    });
    return this.parsed(() => parseCapture(a.json), 'start a packet capture');
  }

  async stopCapture(organizationId: string, captureId: string, serials: string[]): Promise<MerakiCapture> {
    const a = await this.call({
      action: 'stop the packet capture',
      method: 'POST',
      path: `/organizations/${enc(organizationId)}/devices/packetCapture/captures/${enc(captureId)}/stop`,
      body: { serials },
      organizationId,
      idempotent: true,
    });
    return this.parsed(() => parseCapture(a.json), 'stop the packet capture');
  }

  async downloadUrl(organizationId: string, captureId: string): Promise<MerakiDownloadUrl> {
    const a = await this.call({
      action: 'get the capture download URL',
      method: 'POST',
      path: `/organizations/${enc(organizationId)}/devices/packetCapture/captures/${enc(captureId)}/downloadUrl/generate`,
      organizationId,
      idempotent: true,
    });
    return this.parsed(() => parseDownloadUrl(a.json), 'get the capture download URL');
  }

  async deleteCapture(organizationId: string, captureId: string): Promise<void> {
    await this.call({
      action: 'delete the packet capture',
      method: 'DELETE',
      path: `/organizations/${enc(organizationId)}/devices/packetCapture/captures/${enc(captureId)}`,
      organizationId,
      idempotent: true,
    });
  }

  private parsed<T>(fn: () => T, action: string): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof MerakiShapeError)
        throw new MerakiApiError(
          'bad-response',
          describeMerakiError('bad-response', { action, write: false, errors: [err.message] }),
        );
      throw err;
    }
  }

  /** Every page's JSON, following Link rel=next (bounded by maxPages). */
  private async pages(first: Call): Promise<unknown[]> {
    const out: unknown[] = [];
    let call: Call | undefined = first;
    for (let n = 0; call && n < this.o.maxPages; n++) {
      const a = await this.call(call);
      out.push(a.json);
      const next = parseLinkHeader(a.headers.get('link')).next;
      call = next ? { ...first, path: undefined, query: undefined, url: next } : undefined;
    }
    return out;
  }

  /** The concatenated items of every page of a list answered as a JSON array. */
  private async all(call: Call): Promise<unknown[]> {
    const pages = await this.pages(call);
    return pages.flatMap((p) => (Array.isArray(p) ? p : [p]));
  }

  private urlOf(call: Call): URL {
    if (call.url) {
      const u = new URL(call.url);
      // The key only ever goes to the API's own host (or its shards).
      if (parentDomain(u.hostname) !== parentDomain(this.base.hostname) || u.protocol !== this.base.protocol) {
        throw new MerakiApiError(
          'bad-response',
          describeMerakiError('bad-response', {
            action: call.action,
            write: false,
            errors: [`a paging link points to another host (${u.host})`],
          }),
        );
      }
      return u;
    }
    const u = new URL(this.baseUrl + call.path);
    for (const [k, v] of call.query ?? []) u.searchParams.append(k, v);
    return u;
  }

  private fail(
    kind: Parameters<typeof describeMerakiError>[0],
    call: Call,
    errors: string[],
    status?: number,
    attempts?: number,
    cause?: unknown,
  ): never {
    throw new MerakiApiError(
      kind,
      describeMerakiError(kind, {
        action: call.action,
        write: call.method !== 'GET',
        organizationId: call.organizationId,
        errors,
        attempts,
      }),
      status,
      { cause },
    );
  }

  private async call(call: Call): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      let answer: Answer;
      try {
        answer = await this.send(call);
      } catch (err) {
        if (err instanceof MerakiApiError) throw err;
        if (!call.idempotent || attempt >= this.o.maxAttempts)
          this.fail('network', call, [String((err as Error).message ?? err)], undefined, attempt, err);
        const waitMs = this.o.baseDelayMs * 2 ** (attempt - 1);
        this.o.onProgress?.({ type: 'retry', action: call.action, attempt, waitMs, reason: 'network' });
        await this.o.sleep(waitMs);
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return answer;
      const errors = parseErrorBody(answer.json);
      const kind = classifyStatus(answer.status);
      const retryable = kind === 'rate-limited' || (kind === 'server' && call.idempotent);
      if (!retryable || attempt >= this.o.maxAttempts) this.fail(kind, call, errors, answer.status, attempt);
      const told = kind === 'rate-limited' ? retryAfterMs(answer.headers.get('retry-after'), this.o.now()) : undefined;
      const waitMs = told ?? this.o.baseDelayMs * 2 ** (attempt - 1);
      if (waitMs > this.o.maxRetryAfterMs)
        this.fail(
          kind,
          call,
          [...errors, `Retry-After ${Math.round(waitMs / 1000)} s is longer than we wait`],
          answer.status,
          attempt,
        );
      this.o.onProgress?.({
        type: 'retry',
        action: call.action,
        attempt,
        waitMs,
        status: answer.status,
        reason: kind === 'rate-limited' ? 'rate-limited' : 'server',
      });
      await this.o.sleep(waitMs);
    }
  }

  /** One request, following redirects by hand so the Authorization header survives a shard hop. */
  private async send(call: Call): Promise<Answer> {
    let url = this.urlOf(call);
    let method: string = call.method;
    let body = call.body === undefined ? undefined : JSON.stringify(call.body);
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${this.opts.apiKey}`,
        accept: 'application/json',
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await this.o.fetch(url, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      if ([301, 302, 303, 307, 308].includes(res.status)) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        if (!location || hop >= MAX_REDIRECTS)
          this.fail(
            'bad-response',
            call,
            [`too many redirects or a redirect without Location (${res.status})`],
            res.status,
          );
        const next = new URL(location, url);
        if (parentDomain(next.hostname) !== parentDomain(this.base.hostname))
          this.fail('bad-response', call, [`a redirect to another host (${next.host})`], res.status);
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method !== 'GET')) {
          method = 'GET';
          body = undefined;
        }
        this.o.onProgress?.({ type: 'redirect', action: call.action, to: next.origin });
        url = next;
        continue;
      }
      const text = await res.text();
      let json: unknown;
      if (text.length > 0 && text.length <= MAX_BODY_CHARS) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      return { status: res.status, json, headers: res.headers };
    }
  }
}

const enc = encodeURIComponent;
