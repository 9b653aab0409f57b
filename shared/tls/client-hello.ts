// Server Name Indication from a ClientHello (RFC 6066 3). Bounded walk over the fields
// that precede the extensions; any inconsistency means "no SNI", never an exception.
import { TLS_EXTENSION_SERVER_NAME } from './constants.js';

/**
 * `body` is a handshake message body (after the 4-byte handshake header), clamped to the
 * record. Returns the first host_name of the server_name extension, if any.
 */
export function clientHelloServerName(body: Uint8Array): string | undefined {
  let at = 2 + 32; // client_version, random
  if (at + 1 > body.length) return undefined;
  at += 1 + body[at]; // session_id
  if (at + 2 > body.length) return undefined;
  at += 2 + u16(body, at); // cipher_suites
  if (at + 1 > body.length) return undefined;
  at += 1 + body[at]; // compression_methods
  if (at + 2 > body.length) return undefined;
  const extEnd = Math.min(body.length, at + 2 + u16(body, at));
  at += 2;
  while (at + 4 <= extEnd) {
    const type = u16(body, at);
    const len = u16(body, at + 2);
    const data = at + 4;
    if (data + len > extEnd) return undefined;
    if (type === TLS_EXTENSION_SERVER_NAME) return hostName(body, data, data + len);
    at = data + len;
  }
  return undefined;
}

function hostName(body: Uint8Array, start: number, end: number): string | undefined {
  if (start + 2 > end) return undefined;
  const listEnd = Math.min(end, start + 2 + u16(body, start));
  let at = start + 2;
  while (at + 3 <= listEnd) {
    const nameType = body[at];
    const len = u16(body, at + 1);
    if (at + 3 + len > listEnd) return undefined;
    if (nameType === 0) return asciiName(body, at + 3, at + 3 + len);
    at += 3 + len;
  }
  return undefined;
}

/** Host names are ASCII (RFC 6066); anything else is shown escaped as \xNN. */
function asciiName(body: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const c = body[i];
    out += c > 0x20 && c < 0x7f && c !== 0x5c ? String.fromCharCode(c) : '\\x' + c.toString(16).padStart(2, '0');
  }
  return out;
}

function u16(data: Uint8Array, at: number): number {
  return (data[at] << 8) | data[at + 1];
}
