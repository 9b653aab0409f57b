// DTLS records of one UDP datagram (RFC 6347 4.1, RFC 4347): 13-byte headers with epoch and a
// 48-bit sequence number, several records per datagram. Handshake messages are read in epoch 0
// only (later epochs are encrypted); their 12-byte header carries message_seq and the fragment.
import type { Anomaly } from '../anomaly.js';
import type { DtlsRecord } from '../decode/types.js';
import { TLS_CONTENT, TLS_HANDSHAKE_TYPES, TLS_MAX_RECORD_LENGTH } from './constants.js';
import { describeHandshake } from './handshake.js';

export const DTLS_RECORD_HEADER_LENGTH = 13;
const DTLS_HANDSHAKE_HEADER_LENGTH = 12;
const MAX_RECORDS = 64;

/** DTLS 1.0 (0xfeff), 1.2 (0xfefd), and the pre-standard 0x0100 OpenSSL/Cisco used. */
export function isDtlsVersion(v: number): boolean {
  return v === 0xfeff || v === 0xfefd || v === 0x0100;
}

/** Cheap test of the first record header: content type 20..24, a DTLS version, a length that fits. */
export function looksLikeDtls(b: Uint8Array, start: number, end: number): boolean {
  if (end - start < DTLS_RECORD_HEADER_LENGTH) return false;
  const t = b[start];
  if (t < 20 || t > 24) return false;
  if (!isDtlsVersion((b[start + 1] << 8) | b[start + 2])) return false;
  const len = (b[start + 11] << 8) | b[start + 12];
  return start + DTLS_RECORD_HEADER_LENGTH + len <= end;
}

export function parseDtlsRecords(datagram: Uint8Array, frame: number): { records: DtlsRecord[]; anomalies: Anomaly[] } {
  const records: DtlsRecord[] = [];
  const anomalies: Anomaly[] = [];
  let at = 0;
  while (at + DTLS_RECORD_HEADER_LENGTH <= datagram.length && records.length < MAX_RECORDS) {
    const contentType = datagram[at];
    const version = (datagram[at + 1] << 8) | datagram[at + 2];
    const epoch = (datagram[at + 3] << 8) | datagram[at + 4];
    let sequence = 0;
    for (let i = 5; i < 11; i++) sequence = sequence * 256 + datagram[at + i];
    const length = (datagram[at + 11] << 8) | datagram[at + 12];
    if (contentType < 20 || contentType > 24 || !isDtlsVersion(version) || length > TLS_MAX_RECORD_LENGTH) {
      anomalies.push({
        layer: 'dtls',
        code: 'bad-record-header',
        message: `DTLS record at datagram offset ${at}: type ${contentType}, version 0x${version.toString(16)}, length ${length}.`,
        frame,
      });
      break;
    }
    const bodyStart = at + DTLS_RECORD_HEADER_LENGTH;
    if (bodyStart + length > datagram.length) {
      anomalies.push({
        layer: 'dtls',
        code: 'truncated-record',
        message: `DTLS record of ${length} bytes has ${datagram.length - bodyStart} in the datagram.`,
        frame,
      });
      break;
    }
    const body = datagram.subarray(bodyStart, bodyStart + length);
    const record: DtlsRecord = { contentType, version, epoch, sequence, length };
    if (contentType === TLS_CONTENT.HANDSHAKE && epoch === 0) handshake(record, body);
    else if (contentType === TLS_CONTENT.ALERT && length === 2) record.alert = { level: body[0], description: body[1] };
    records.push(record);
    at = bodyStart + length;
  }
  return { records, anomalies };
}

/** The first handshake message of an epoch-0 record (a fragment's fields only when it starts at 0). */
function handshake(record: DtlsRecord, body: Uint8Array): void {
  if (body.length < DTLS_HANDSHAKE_HEADER_LENGTH) return;
  const type = body[0];
  if (!(type in TLS_HANDSHAKE_TYPES)) return;
  const length = (body[1] << 16) | (body[2] << 8) | body[3];
  const messageSeq = (body[4] << 8) | body[5];
  const fragmentOffset = (body[6] << 16) | (body[7] << 8) | body[8];
  const fragmentLength = (body[9] << 16) | (body[10] << 8) | body[11];
  const end = Math.min(body.length, DTLS_HANDSHAKE_HEADER_LENGTH + fragmentLength);
  const m =
    fragmentOffset === 0
      ? describeHandshake(type, length, body.subarray(DTLS_HANDSHAKE_HEADER_LENGTH, end), { dtls: true })
      : { type, length };
  m.messageSeq = messageSeq;
  record.handshake = m;
}
