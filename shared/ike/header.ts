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

/**
 * SPIs and message IDs as text, remembered by value: every message of a session repeats them,
 * so most lookups return the string made for the session's first message (no allocation, and
 * one string per SPI however many messages keep it). A fixed table: bounded, and a value that
 * lands on a taken slot just replaces it. Referentially transparent, like the hex it caches.
 */
const ID_SLOTS = 4096;
const slotHi = new Int32Array(ID_SLOTS);
const slotLo = new Int32Array(ID_SLOTS);
const slotText: string[] = new Array<string>(ID_SLOTS).fill('');

function i32(data: Uint8Array, off: number): number {
  return (data[off] << 24) | (data[off + 1] << 16) | (data[off + 2] << 8) | data[off + 3];
}

/** hex() of the 8-byte SPI or 4-byte message ID at `off` (inside the data: the header is whole). */
function idHex(data: Uint8Array, off: number, length: 4 | 8): string {
  const hi = length === 8 ? i32(data, off) : 0;
  const lo = i32(data, off + length - 4);
  const slot = (Math.imul(hi ^ (lo >>> 7), 0x9e3779b1) ^ lo ^ length) & (ID_SLOTS - 1);
  const text = slotText[slot];
  if (text.length === 2 * length && slotHi[slot] === hi && slotLo[slot] === lo) return text;
  const made = hex(data, off, off + length);
  slotHi[slot] = hi;
  slotLo[slot] = lo;
  slotText[slot] = made;
  return made;
}

/** "major.minor" of each version byte, made once: a string per message would be garbage. */
const VERSION_TEXT = Array.from({ length: 256 }, (_, v) => `${v >> 4}.${v & 0x0f}`);

/** Reads the header at off; undefined when fewer than 28 bytes are left. */
export function decodeHeader(data: Uint8Array, off: number): IsakmpHeader | undefined {
  if (off < 0 || off + HEADER_LENGTH > data.length) return undefined;
  const v = u8(data, off + 17);
  const majorVersion = v >> 4;
  const minorVersion = v & 0x0f;
  return {
    ispi: idHex(data, off, 8),
    rspi: idHex(data, off + 8, 8),
    nextPayload: u8(data, off + 16),
    majorVersion,
    minorVersion,
    version: VERSION_TEXT[v],
    exchangeType: u8(data, off + 18),
    flags: u8(data, off + 19),
    messageId: idHex(data, off + 20, 4),
    length: u32(data, off + 24),
  };
}
