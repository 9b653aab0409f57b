// TLS wire numbers -> IANA names (RFC 5246, 8446 and the TLS parameters registry).

export const TLS_CONTENT = {
  CHANGE_CIPHER_SPEC: 20,
  ALERT: 21,
  HANDSHAKE: 22,
  APPLICATION_DATA: 23,
  HEARTBEAT: 24,
} as const;

export const TLS_VERSIONS = {
  0x0300: 'SSL 3.0',
  0x0301: 'TLS 1.0',
  0x0302: 'TLS 1.1',
  0x0303: 'TLS 1.2',
  0x0304: 'TLS 1.3',
  0xfeff: 'DTLS 1.0',
  0xfefd: 'DTLS 1.2',
} as const satisfies Record<number, string>;

export const TLS_HANDSHAKE_TYPES = {
  0: 'HelloRequest',
  1: 'ClientHello',
  2: 'ServerHello',
  3: 'HelloVerifyRequest',
  4: 'NewSessionTicket',
  5: 'EndOfEarlyData',
  8: 'EncryptedExtensions',
  11: 'Certificate',
  12: 'ServerKeyExchange',
  13: 'CertificateRequest',
  14: 'ServerHelloDone',
  15: 'CertificateVerify',
  16: 'ClientKeyExchange',
  20: 'Finished',
  24: 'KeyUpdate',
  254: 'MessageHash',
} as const satisfies Record<number, string>;

export const TLS_ALERT_LEVELS = { 1: 'warning', 2: 'fatal' } as const satisfies Record<number, string>;

export const TLS_ALERT_DESCRIPTIONS = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  60: 'export_restriction',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  111: 'certificate_unobtainable',
  112: 'unrecognized_name',
  113: 'bad_certificate_status_response',
  114: 'bad_certificate_hash_value',
  115: 'unknown_psk_identity',
  116: 'certificate_required',
  120: 'no_application_protocol',
} as const satisfies Record<number, string>;

export function tlsName(table: Record<number, string>, value: number): string | undefined {
  return table[value];
}

/** RFC 5246 6.2.3: a record body is at most 2^14 + 2048 bytes (ciphertext expansion). */
export const TLS_MAX_RECORD_LENGTH = 16384 + 2048;
export const TLS_RECORD_HEADER_LENGTH = 5;
