// The fixed 28-byte ISAKMP header (RFC 2408 3.1, RFC 7296 3.1): SPIs, next payload,
// version, exchange type, flags, message ID, length.
import { hex, u32, u8 } from './bytes.js';

export const HEADER_LENGTH = 28;

/** IKEv1 flags (RFC 2408 3.1). */
export const FLAG_V1 = { ENCRYPTION: 0x01, COMMIT: 0x02, AUTHENTICATION: 0x04 } as const;
/** IKEv2 flags (RFC 7296 3.1). */
export const FLAG_V2 = { INITIATOR: 0x08, VERSION: 0x10, RESPONSE: 0x20 } as const;

export interface IsakmpHeader {
  ispi: string;
  rspi: string;
  nextPayload: number;
  majorVersion: number;
  minorVersion: number;
  version: string;
  exchangeType: number;
  flags: number;
  messageId: string;
  length: number;
}

/** Reads the header at off; undefined when fewer than 28 bytes are left. */
export function decodeHeader(data: Uint8Array, off: number): IsakmpHeader | undefined {
  if (off < 0 || off + HEADER_LENGTH > data.length) return undefined;
  const v = u8(data, off + 17);
  const majorVersion = v >> 4;
  const minorVersion = v & 0x0f;
  return {
    ispi: hex(data, off, off + 8),
    rspi: hex(data, off + 8, off + 16),
    nextPayload: u8(data, off + 16),
    majorVersion,
    minorVersion,
    version: `${majorVersion}.${minorVersion}`,
    exchangeType: u8(data, off + 18),
    flags: u8(data, off + 19),
    messageId: hex(data, off + 20, off + 24),
    length: u32(data, off + 24),
  };
}
