// TLS record layer (RFC 5246 6.2, RFC 8446 5.1) over in-order TCP stream bytes: whole
// records at the start of `stream` are parsed; a partial record waits for more bytes.
// Handshake and alert contents are read only while they are in clear.
import type { Anomaly } from '../anomaly.js';
import type { TlsRecord } from '../decode/types.js';
import { TLS_CONTENT, TLS_HANDSHAKE_TYPES, TLS_MAX_RECORD_LENGTH, TLS_RECORD_HEADER_LENGTH } from './constants.js';
import { describeHandshake, type HandshakeContext } from './handshake.js';
import type { CertificateReader } from './x509.js';

/** A handshake message split over records is kept up to this size (a long certificate chain). */
const MAX_PARTIAL_HANDSHAKE = 64 * 1024;

/** Per-direction state a caller may keep between calls; records after ChangeCipherSpec are encrypted. */
export interface TlsStreamState {
  changeCipherSpecSeen: boolean;
  /** The start of a handshake message that continues in the next handshake record. */
  partialHandshake?: Uint8Array;
}

export function parseTlsRecords(
  stream: Uint8Array,
  frame: number,
  state: TlsStreamState = { changeCipherSpecSeen: false },
  certificates?: CertificateReader,
): { records: TlsRecord[]; consumed: number; anomalies: Anomaly[] } {
  const ctx: HandshakeContext = { dtls: false, certificates };
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
    records.push(describeRecord(contentType, version, body, state, ctx));
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

function describeRecord(
  contentType: number,
  version: number,
  body: Uint8Array,
  state: TlsStreamState,
  ctx: HandshakeContext,
): TlsRecord {
  const record: TlsRecord = { contentType, version, length: body.length };
  if (contentType === TLS_CONTENT.HANDSHAKE && !state.changeCipherSpecSeen && body.length >= 1) {
    const messages = handshakeMessages(body, state, ctx);
    if (messages.length > 0) {
      record.handshakeType = messages[0].type;
      record.handshakes = messages;
      const sni = messages.find((m) => m.serverName !== undefined)?.serverName;
      if (sni !== undefined) record.serverName = sni;
    }
  } else if (contentType === TLS_CONTENT.ALERT && body.length === 2) {
    // A clear alert is exactly level + description; an encrypted one is longer (MAC, IV, tag).
    record.alert = { level: body[0], description: body[1] };
  }
  return record;
}

/**
 * The messages this record completes. A message that runs past the record is kept (bounded) and
 * completed by the next handshake record. An unknown type means ciphertext: nothing is read.
 */
function handshakeMessages(body: Uint8Array, state: TlsStreamState, ctx: HandshakeContext) {
  let data = body;
  if (state.partialHandshake) {
    data = new Uint8Array(state.partialHandshake.length + body.length);
    data.set(state.partialHandshake);
    data.set(body, state.partialHandshake.length);
    state.partialHandshake = undefined;
  }
  const messages = [];
  let at = 0;
  while (at + 4 <= data.length) {
    const type = data[at];
    // An unknown type in a handshake record means we are looking at ciphertext.
    if (!(type in TLS_HANDSHAKE_TYPES)) return messages;
    const length = (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];
    if (at + 4 + length > data.length) break;
    messages.push(describeHandshake(type, length, data.subarray(at + 4, at + 4 + length), ctx));
    at += 4 + length;
  }
  if (
    at < data.length &&
    data.length - at <= MAX_PARTIAL_HANDSHAKE &&
    (data.length - at < 4 || data[at] in TLS_HANDSHAKE_TYPES)
  )
    state.partialHandshake = data.slice(at);
  return messages;
}
