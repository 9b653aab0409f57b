// The local twin's S3 endpoint: an authenticating front for s3rver, which itself accepts
// anonymous requests and keys that climb out of its directory. Every request must be signed
// (SigV4, header or presigned query) with the twin's own credentials; only the twin's bucket is
// served; keys with `.`/`..` segments (also when hidden as %2F..) are refused; a PUT that signed
// `If-None-Match: *` fails with 412 when the key exists, as on S3. Preflight OPTIONS requests are
// unsigned by definition and go to s3rver's CORS handling. s3rver never listens on a socket.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySigV4, type Credentials } from './sigv4.js';

export interface S3Backend {
  /** s3rver's Koa request listener. */
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  exists(bucket: string, key: string): Promise<boolean>;
}

function xmlError(res: ServerResponse, status: number, code: string, message: string, head: boolean): void {
  // Read the refused body to its end first: answering mid-upload makes clients see a reset.
  const req = (res as ServerResponse & { req?: IncomingMessage }).req;
  if (req && !req.readableEnded) {
    req.resume();
    req.once('end', () => sendError(res, status, code, message, head));
    return;
  }
  sendError(res, status, code, message, head);
}

function sendError(res: ServerResponse, status: number, code: string, message: string, head: boolean): void {
  const body = head
    ? ''
    : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replace(/[<>&]/g, '')}</Message></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Bucket and key of a path-style request, or why it is refused. */
export function parseS3Path(rawPath: string, bucket: string): { key: string } | { refused: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { refused: 'the path is not valid percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { refused: 'the key holds a forbidden character' };
  const [empty, first, ...rest] = decoded.split('/');
  if (empty !== '' || first !== bucket) return { refused: 'only the twin bucket is served' };
  if (rest.some((segment) => segment === '.' || segment === '..'))
    return { refused: 'keys with . or .. segments are refused' };
  return { key: rest.join('/') };
}

/** s3rver sees an anonymous request (its own signature check knows only its built-in dummy key). */
function stripAuth(req: IncomingMessage, url: string, q: number): void {
  delete req.headers.authorization;
  if (q < 0) return;
  const kept = url
    .slice(q + 1)
    .split('&')
    .filter((p) => p && !/^x-amz-/i.test(p));
  req.url = url.slice(0, q) + (kept.length > 0 ? `?${kept.join('&')}` : '');
}

export function s3Front(backend: S3Backend, bucket: string, credentials: () => Credentials) {
  const pendingConditionalPuts = new Set<string>();

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const head = req.method === 'HEAD';
    const q = url.indexOf('?');
    const path = parseS3Path(q < 0 ? url : url.slice(0, q), bucket);
    if ('refused' in path) return xmlError(res, 400, 'InvalidArgument', path.refused, head);
    if (req.method === 'OPTIONS') {
      stripAuth(req, url, q);
      return backend.listener(req, res);
    }

    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
    if (headers.authorization && /[?&]X-Amz-Algorithm=/.test(url))
      return xmlError(res, 400, 'InvalidArgument', 'Only one auth mechanism allowed', head);
    const verdict = verifySigV4({ method: req.method ?? 'GET', url, headers }, credentials());
    if (!verdict.ok) return xmlError(res, 403, verdict.code, verdict.why, head);

    stripAuth(req, url, q);

    const conditional =
      req.method === 'PUT' && req.headers['if-none-match'] === '*' && path.key !== '' && !/[?&]partNumber=/.test(url);
    if (!conditional) return backend.listener(req, res);
    // S3 conditional write: the key must not exist; a concurrent conditional write loses with 409.
    if (pendingConditionalPuts.has(path.key))
      return xmlError(res, 409, 'ConditionalRequestConflict', 'a conditional write to this key is in progress', head);
    pendingConditionalPuts.add(path.key);
    res.once('close', () => pendingConditionalPuts.delete(path.key));
    void backend.exists(bucket, path.key).then(
      (exists) => {
        if (!exists) return backend.listener(req, res);
        req.resume();
        xmlError(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', head);
      },
      () => xmlError(res, 500, 'InternalError', 'existence check failed', head),
    );
  };
}
