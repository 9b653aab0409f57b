// Signature Version 4 verification for the local twin's S3 endpoint, header and query (presigned)
// forms, as S3 documents them:
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
// The payload hash is taken as declared (x-amz-content-sha256 or UNSIGNED-PAYLOAD); S3 also
// checks a declared hash against the body, the twin does not.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query exactly as sent (req.url). */
  url: string;
  /** Header names lowercased; repeated headers joined with ','. */
  headers: Record<string, string>;
}

export type Verdict =
  | { ok: true; signedHeaders: string[]; presigned: boolean }
  | { ok: false; code: 'AccessDenied' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId' | 'ExpiredToken'; why: string };

/** How far a header-signed request's X-Amz-Date may be from now (S3: 15 minutes). */
const MAX_CLOCK_SKEW_MS = 15 * 60_000;
/** S3's upper bound for X-Amz-Expires (7 days). */
const MAX_PRESIGN_SECONDS = 604_800;

const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

function parseAmzDate(s: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

function canonicalQuery(pairs: [string, string][]): string {
  return pairs
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Verifies the request's signature against `creds`; an unsigned request is refused. */
export function verifySigV4(req: SignedRequest, creds: Credentials, now = Date.now()): Verdict {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const rawQuery = q < 0 ? '' : req.url.slice(q + 1);
  const pairs: [string, string][] = rawQuery
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? [safeDecode(p), ''] : [safeDecode(p.slice(0, eq)), safeDecode(p.slice(eq + 1))];
    });
  const query = new Map(pairs);

  let credential: string;
  let signedHeaderList: string;
  let signature: string;
  let amzDate: string | undefined;
  let payloadHash: string;
  const presigned = query.get('X-Amz-Algorithm') !== undefined;
  if (presigned) {
    if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
      return { ok: false, code: 'AccessDenied', why: 'only AWS4-HMAC-SHA256 is accepted' };
    credential = query.get('X-Amz-Credential') ?? '';
    signedHeaderList = query.get('X-Amz-SignedHeaders') ?? '';
    signature = query.get('X-Amz-Signature') ?? '';
    amzDate = query.get('X-Amz-Date');
    payloadHash = query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
    const expires = Number(query.get('X-Amz-Expires'));
    const signedAt = parseAmzDate(amzDate);
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS || signedAt === undefined)
      return { ok: false, code: 'AccessDenied', why: 'X-Amz-Date or X-Amz-Expires is missing or invalid' };
    if (now > signedAt + expires * 1000) return { ok: false, code: 'AccessDenied', why: 'Request has expired' };
  } else {
    const auth = req.headers['authorization'];
    if (!auth) return { ok: false, code: 'AccessDenied', why: 'anonymous requests are refused' };
    const m = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      auth.trim(),
    );
    if (!m) return { ok: false, code: 'AccessDenied', why: 'unsupported Authorization header' };
    [, credential, signedHeaderList, signature] = m;
    amzDate = req.headers['x-amz-date'];
    payloadHash = req.headers['x-amz-content-sha256'] ?? '';
    const signedAt = parseAmzDate(amzDate);
    if (signedAt === undefined || Math.abs(now - signedAt) > MAX_CLOCK_SKEW_MS)
      return { ok: false, code: 'AccessDenied', why: 'X-Amz-Date is missing or too far from the server time' };
    if (!payloadHash) return { ok: false, code: 'AccessDenied', why: 'x-amz-content-sha256 is required' };
  }

  const [accessKeyId, date, region, service, terminator, ...rest] = credential.split('/');
  if (rest.length > 0 || terminator !== 'aws4_request' || service !== 's3' || !region || !date)
    return { ok: false, code: 'AccessDenied', why: 'malformed credential scope' };
  if (accessKeyId !== creds.accessKeyId)
    return { ok: false, code: 'InvalidAccessKeyId', why: 'the access key id is not known to this endpoint' };
  if (!amzDate?.startsWith(date)) return { ok: false, code: 'AccessDenied', why: 'credential date does not match' };

  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) return { ok: false, code: 'AccessDenied', why: 'host must be signed' };
  const canonicalHeaders = signedHeaders
    .map((h) => `${h}:${(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    req.method,
    path,
    canonicalQuery(pairs.filter(([k]) => k !== 'X-Amz-Signature')),
    canonicalHeaders,
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const expected = createHmac('sha256', signingKey(creds.secretAccessKey, date, region, service))
    .update(stringToSign)
    .digest();
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, code: 'SignatureDoesNotMatch', why: 'the signature does not match' };
  // As S3: an x-amz-* header outside the signature (say an added x-amz-meta-mx-ip) is refused,
  // so a presigned URL cannot be given metadata it was not signed with.
  const unsigned = Object.keys(req.headers).filter(
    (h) => h.startsWith('x-amz-') && h !== 'x-amz-content-sha256' && !signedHeaders.includes(h),
  );
  if (unsigned.length > 0)
    return {
      ok: false,
      code: 'AccessDenied',
      why: `There were headers present in the request which were not signed: ${unsigned.join(', ')}`,
    };
  return { ok: true, signedHeaders, presigned };
}
