// TLS record layer (RFC 5246 6.2, RFC 8446 5.1) over in-order TCP stream bytes: whole
// records at the start of `stream` are parsed; a partial record waits for more bytes.
// Handshake and alert contents are read only while they are in clear.
import type { Anomaly } from '../anomaly.js';
import type { TlsRecord } from '../decode/types.js';
import { clientHelloServerName } from './client-hello.js';
import {
  TLS_CONTENT,
  TLS_HANDSHAKE,
  TLS_HANDSHAKE_TYPES,
  TLS_MAX_RECORD_LENGTH,
  TLS_RECORD_HEADER_LENGTH,
} from './constants.js';

/** Per-direction state a caller may keep between calls; records after ChangeCipherSpec are encrypted. */
export interface TlsStreamState {
  changeCipherSpecSeen: boolean;
}

export function parseTlsRecords(
  stream: Uint8Array,
  frame: number,
  state: TlsStreamState = { changeCipherSpecSeen: false },
): { records: TlsRecord[]; consumed: number; anomalies: Anomaly[] } {
  const records: TlsRecord[] = [];
  const anomalies: Anomaly[] = [];
  let at = 0;
  while (at + TLS_RECORD_HEADER_LENGTH <= stream.length) {
    const contentType = stream[at];
    const version = (stream[at + 1] << 8) | stream[at + 2];
    const length = (stream[at + 3] << 8) | stream[at + 4];
    const problem = headerProblem(contentType, version, length);
    if (problem) {
      // Not (or no longer) TLS: the caller should stop feeding this stream.
      anomalies.push({
        layer: 'tls',
        code: 'bad-record-header',
        message: `TLS record at stream offset ${at}: ${problem}.`,
        frame,
      });
      break;
    }
    const bodyStart = at + TLS_RECORD_HEADER_LENGTH;
    if (bodyStart + length > stream.length) break; // incomplete: wait for more bytes
    const body = stream.subarray(bodyStart, bodyStart + length);
    records.push(describeRecord(contentType, version, body, state));
    if (contentType === TLS_CONTENT.CHANGE_CIPHER_SPEC) state.changeCipherSpecSeen = true;
    at = bodyStart + length;
  }
  return { records, consumed: at, anomalies };
}

function headerProblem(contentType: number, version: number, length: number): string | undefined {
  if (contentType < 20 || contentType > 24) return `content type ${contentType} is not 20..24`;
  if (version < 0x0300 || version > 0x0304)
    return `version 0x${version.toString(16).padStart(4, '0')} is not SSL 3.0..TLS 1.3`;
  if (length > TLS_MAX_RECORD_LENGTH) return `length ${length} exceeds 2^14+2048`;
  return undefined;
}

function describeRecord(contentType: number, version: number, body: Uint8Array, state: TlsStreamState): TlsRecord {
  const record: TlsRecord = { contentType, version, length: body.length };
  if (contentType === TLS_CONTENT.HANDSHAKE && !state.changeCipherSpecSeen && body.length >= 1) {
    const type = body[0];
    // An unknown type in a handshake record means we are looking at ciphertext.
    if (type in TLS_HANDSHAKE_TYPES) {
      record.handshakeType = type;
      if (type === TLS_HANDSHAKE.CLIENT_HELLO && body.length >= 4) {
        const declared = (body[1] << 16) | (body[2] << 8) | body[3];
        const serverName = clientHelloServerName(body.subarray(4, Math.min(body.length, 4 + declared)));
        if (serverName !== undefined) record.serverName = serverName;
      }
    }
  } else if (contentType === TLS_CONTENT.ALERT && body.length === 2) {
    // A clear alert is exactly level + description; an encrypted one is longer (MAC, IV, tag).
    record.alert = { level: body[0], description: body[1] };
  }
  return record;
}
