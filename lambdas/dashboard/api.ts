// The API client: bearer key, optional X-Tenant-Id, JSON errors as ApiError. The key lives in
// memory and sessionStorage (see session.ts); it never goes into a URL.
import type { AnalysisReport } from '#shared/report/types.js';
import type {
  CaptureDeleted,
  CaptureDetail,
  CaptureItem,
  CaptureListFilter,
  DiagnosisItem,
  FrameDetail,
  Me,
  Page,
  UploadRequest,
  UploadTicket,
} from './api-types.js';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Credentials {
  apiKey: string;
  /** Tenant an operator acts for; undefined = the key's home tenant. */
  tenantId?: string;
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || code;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body?.error?.code === 'string') code = body.error.code;
    if (typeof body?.error?.message === 'string') message = body.error.message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, code, message);
}

export class Api {
  constructor(
    private readonly creds: () => Credentials,
    /** Called when a signed-in request is refused (key revoked or expired). */
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  private headers(withTenant: boolean): Record<string, string> {
    const c = this.creds();
    const h: Record<string, string> = { Authorization: `Bearer ${c.apiKey}`, Accept: 'application/json' };
    if (withTenant && c.tenantId) h['X-Tenant-Id'] = c.tenantId;
    return h;
  }

  private async send(method: string, path: string, body?: unknown, withTenant = true): Promise<Response> {
    const headers = this.headers(withTenant);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) {
      const err = await errorOf(res);
      if (err.status === 401 && path !== '/api/me') this.onUnauthorized();
      throw err;
    }
    return res;
  }

  /** A JSON request for the pages that keep their own endpoints (views/meraki.ts). */
  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.json<T>(method, path, body);
  }

  private async json<T>(method: string, path: string, body?: unknown, withTenant = true): Promise<T> {
    return (await (await this.send(method, path, body, withTenant)).json()) as T;
  }

  /** Who the key is; asked without X-Tenant-Id so an operator always gets its tenant list. */
  me(): Promise<Me> {
    return this.json<Me>('GET', '/api/me', undefined, false);
  }

  captures(cursor?: string, limit = 25, filter: CaptureListFilter = {}): Promise<Page<CaptureItem>> {
    const q = new URLSearchParams({ limit: String(limit) });
    for (const [k, v] of Object.entries(filter)) if (v) q.set(k, String(v));
    if (cursor) q.set('cursor', cursor);
    return this.json('GET', `/api/captures?${q}`);
  }

  /** Removes the capture, its report and its diagnoses (tenant-scoped; 409 while PENDING). */
  deleteCapture(id: string): Promise<CaptureDeleted> {
    return this.json('DELETE', `/api/captures/${encodeURIComponent(id)}`);
  }

  /** The capture with all its sessions, fetched page by page (each page fits a Lambda response). */
  async capture(id: string): Promise<CaptureDetail> {
    const path = `/api/captures/${encodeURIComponent(id)}`;
    const first = await this.json<CaptureDetail>('GET', path);
    const sessions = [...first.sessions];
    for (let cursor = first.cursor; cursor;) {
      const page = await this.json<CaptureDetail>('GET', `${path}?${new URLSearchParams({ cursor })}`);
      sessions.push(...page.sessions);
      cursor = page.cursor;
    }
    sessions.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return { capture: first.capture, sessions };
  }

  report(id: string): Promise<AnalysisReport> {
    return this.json('GET', `/api/captures/${encodeURIComponent(id)}/report`);
  }

  async reportBlob(id: string): Promise<Blob> {
    return (await this.send('GET', `/api/captures/${encodeURIComponent(id)}/report`)).blob();
  }

  /** One frame decoded on demand: its ISAKMP payloads as a packet-details tree. */
  frame(id: string, frame: number): Promise<FrameDetail> {
    return this.json('GET', `/api/captures/${encodeURIComponent(id)}/frames/${frame}`);
  }

  diagnoses(clientIp: string, cursor?: string, limit = 50): Promise<Page<DiagnosisItem>> {
    const q = new URLSearchParams({ clientIp, limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    return this.json('GET', `/api/diagnoses?${q}`);
  }

  createUpload(fileName: string, size: number, mxIp?: string): Promise<UploadTicket> {
    const body: UploadRequest = { fileName, size, ...(mxIp ? { mxIp } : {}) };
    return this.json('POST', '/api/uploads', body);
  }
}

/** PUTs the file to the presigned URL with XMLHttpRequest, for upload progress events. */
export function putWithProgress(
  ticket: UploadTicket,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.method || 'PUT', ticket.uploadUrl);
    for (const [k, v] of Object.entries(ticket.headers ?? {})) {
      // The browser sets these itself and refuses them from scripts.
      if (/^(host|content-length)$/i.test(k)) continue;
      xhr.setRequestHeader(k, v);
    }
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && ev.total > 0) onProgress(ev.loaded / ev.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new ApiError(xhr.status, `HTTP_${xhr.status}`, `storage answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'upload failed (network or CORS)'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'upload aborted'));
    xhr.send(file);
  });
}
