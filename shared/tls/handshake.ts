// TLS/DTLS handshake message bodies in clear (RFC 5246 7.4, RFC 8446 4.1-4.4, RFC 6347 4.2):
// ClientHello (versions, session ID, suites, SNI, ALPN, supported_versions), ServerHello,
// HelloVerifyRequest, the Certificate chain and the CAs a CertificateRequest names. Every read
// is bounds-checked; a field that does not fit is left out, never guessed.
import type { TlsHandshakeMessage } from '../decode/types.js';
import { distinguishedName, type CertificateReader } from './x509.js';

export const HANDSHAKE = {
  CLIENT_HELLO: 1,
  SERVER_HELLO: 2,
  HELLO_VERIFY_REQUEST: 3,
  CERTIFICATE: 11,
  SERVER_KEY_EXCHANGE: 12,
  CERTIFICATE_REQUEST: 13,
  SERVER_HELLO_DONE: 14,
  CLIENT_KEY_EXCHANGE: 16,
  FINISHED: 20,
} as const;

const EXT_SERVER_NAME = 0;
const EXT_ALPN = 16;
const EXT_SUPPORTED_VERSIONS = 43;
const MAX_SUITES = 256;
const MAX_CERTIFICATES = 10;
const MAX_ACCEPTED_ISSUERS = 16;

export interface HandshakeContext {
  dtls: boolean;
  certificates?: CertificateReader;
}

/** `body` is the message body (after its header), clamped to what was received. */
export function describeHandshake(
  type: number,
  declaredLength: number,
  body: Uint8Array,
  ctx: HandshakeContext,
): TlsHandshakeMessage {
  const m: TlsHandshakeMessage = { type, length: declaredLength };
  switch (type) {
    case HANDSHAKE.CLIENT_HELLO:
      hello(m, body, true, ctx.dtls);
      break;
    case HANDSHAKE.SERVER_HELLO:
      hello(m, body, false, ctx.dtls);
      break;
    case HANDSHAKE.HELLO_VERIFY_REQUEST:
      if (body.length >= 3) {
        m.version = u16(body, 0);
        m.cookieLength = body[2];
      }
      break;
    case HANDSHAKE.CERTIFICATE:
      if (ctx.certificates) certificates(m, body, ctx.certificates);
      break;
    case HANDSHAKE.CERTIFICATE_REQUEST:
      if (ctx.certificates) acceptedIssuers(m, body);
      break;
  }
  return m;
}

function hello(m: TlsHandshakeMessage, b: Uint8Array, client: boolean, dtls: boolean): void {
  if (b.length < 2) return;
  m.version = u16(b, 0);
  let at = 2 + 32;
  if (at + 1 > b.length) return;
  const sidLen = b[at];
  if (at + 1 + sidLen > b.length || sidLen > 32) return;
  m.sessionIdLength = sidLen;
  m.sessionId = hex(b, at + 1, at + 1 + sidLen);
  at += 1 + sidLen;
  if (client && dtls) {
    if (at + 1 > b.length) return;
    m.cookieLength = b[at];
    at += 1 + b[at];
  }
  if (client) {
    if (at + 2 > b.length) return;
    const len = u16(b, at);
    if (at + 2 + len > b.length) return;
    const suites: number[] = [];
    for (let i = at + 2; i + 1 < at + 2 + len && suites.length < MAX_SUITES; i += 2) suites.push(u16(b, i));
    m.cipherSuites = suites;
    at += 2 + len;
    if (at + 1 > b.length) return;
    at += 1 + b[at]; // compression methods
  } else {
    if (at + 3 > b.length) return;
    m.cipherSuite = u16(b, at);
    at += 3; // suite, compression method
  }
  if (at + 2 > b.length) return;
  const extEnd = Math.min(b.length, at + 2 + u16(b, at));
  at += 2;
  while (at + 4 <= extEnd) {
    const type = u16(b, at);
    const len = u16(b, at + 2);
    const start = at + 4;
    const end = start + len;
    if (end > extEnd) return;
    if (type === EXT_SERVER_NAME && client) {
      const name = serverName(b, start, end);
      if (name !== undefined) m.serverName = name;
    } else if (type === EXT_SUPPORTED_VERSIONS) {
      const versions: number[] = [];
      if (client) {
        const listEnd = Math.min(end, start + 1 + (b[start] ?? 0));
        for (let i = start + 1; i + 2 <= listEnd; i += 2) versions.push(u16(b, i));
      } else if (len >= 2) {
        versions.push(u16(b, start));
      }
      m.supportedVersions = versions;
    } else if (type === EXT_ALPN && len >= 2) {
      const listEnd = Math.min(end, start + 2 + u16(b, start));
      const names: string[] = [];
      for (let i = start + 2; i < listEnd && names.length < 16;) {
        const n = b[i];
        if (i + 1 + n > listEnd) break;
        names.push(ascii(b, i + 1, i + 1 + n));
        i += 1 + n;
      }
      m.alpn = names;
    }
    at = end;
  }
}

function serverName(b: Uint8Array, start: number, end: number): string | undefined {
  if (start + 2 > end) return undefined;
  const listEnd = Math.min(end, start + 2 + u16(b, start));
  let at = start + 2;
  while (at + 3 <= listEnd) {
    const nameType = b[at];
    const len = u16(b, at + 1);
    if (at + 3 + len > listEnd) return undefined;
    if (nameType === 0) return ascii(b, at + 3, at + 3 + len);
    at += 3 + len;
  }
  return undefined;
}

/** TLS 1.2 Certificate: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>. */
function certificates(m: TlsHandshakeMessage, b: Uint8Array, reader: CertificateReader): void {
  if (b.length < 3) return;
  const listEnd = Math.min(b.length, 3 + ((b[0] << 16) | (b[1] << 8) | b[2]));
  const out = [];
  let at = 3;
  while (at + 3 <= listEnd && out.length < MAX_CERTIFICATES) {
    const len = (b[at] << 16) | (b[at + 1] << 8) | b[at + 2];
    if (at + 3 + len > listEnd) break;
    out.push(reader.read(b.subarray(at + 3, at + 3 + len)));
    at += 3 + len;
  }
  m.certificates = out;
}

/**
 * TLS 1.2 CertificateRequest (RFC 5246 7.4.4): certificate_types<1..2^8-1>,
 * supported_signature_algorithms<2..2^16-2>, certificate_authorities<0..2^16-1> of
 * DistinguishedName<1..2^16-1>: the CAs whose client certificates the server accepts.
 */
function acceptedIssuers(m: TlsHandshakeMessage, b: Uint8Array): void {
  if (b.length < 1) return;
  let at = 1 + b[0];
  if (at + 2 > b.length) return;
  at += 2 + u16(b, at);
  if (at + 2 > b.length) return;
  const end = Math.min(b.length, at + 2 + u16(b, at));
  at += 2;
  const out: string[] = [];
  while (at + 2 <= end && out.length < MAX_ACCEPTED_ISSUERS) {
    const len = u16(b, at);
    if (at + 2 + len > end) break;
    const dn = distinguishedName(b.subarray(at + 2, at + 2 + len));
    if (dn !== undefined) out.push(dn);
    at += 2 + len;
  }
  m.acceptedIssuers = out;
}

/** Host names and ALPN ids are ASCII; anything else is shown escaped as \xNN. */
function ascii(b: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const c = b[i];
    out += c > 0x20 && c < 0x7f && c !== 0x5c ? String.fromCharCode(c) : '\\x' + c.toString(16).padStart(2, '0');
  }
  return out;
}

function hex(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
  return s;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}
