// Decoded payloads that repeat byte for byte, decoded once. A capture of internet scanners or
// of clients retrying holds the same SA and vendor ID payloads thousands of times; decoding
// each again costs time, and every session keeping its own copy of the same tree costs the
// garbage collector far more. Content-addressed (the bytes, the payload type, the IKE
// version), so a hit is exactly what decoding would return; only payloads that decoded
// without an anomaly are kept, since anomalies name their frame. Callers must treat the
// payloads as read-only: one object may stand in many messages.
import type { IkePayload } from './types.js';

/** Distinct payloads remembered; past it, new ones are decoded every time (bounded memory). */
const MAX_ENTRIES = 512;
/** Longer payloads are rare and not worth a copy. */
const MAX_BYTES = 2048;

interface Entry {
  bytes: Uint8Array;
  type: number;
  major: number;
  payload: IkePayload;
}

export interface PayloadCache {
  /** The payload of these bytes (generic header included), when decoded before. */
  get(data: Uint8Array, start: number, end: number, type: number, major: number): IkePayload | undefined;
  put(data: Uint8Array, start: number, end: number, type: number, major: number, payload: IkePayload): void;
}

/** FNV-1a over the bytes, mixed with type and version, kept a small integer for the Map. */
function digest(data: Uint8Array, start: number, end: number, type: number, major: number): number {
  let h = 0x811c9dc5 ^ (type << 8) ^ major;
  for (let i = start; i < end; i++) h = Math.imul(h ^ data[i], 0x01000193);
  return h & 0x3fffffff;
}

function sameBytes(a: Uint8Array, data: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== data[start + i]) return false;
  return true;
}

export function createPayloadCache(): PayloadCache {
  const byDigest = new Map<number, Entry[]>();
  let entries = 0;
  return {
    get(data, start, end, type, major) {
      if (end - start > MAX_BYTES) return undefined;
      const list = byDigest.get(digest(data, start, end, type, major));
      if (list)
        for (const e of list)
          if (e.type === type && e.major === major && sameBytes(e.bytes, data, start, end)) return e.payload;
      return undefined;
    },
    put(data, start, end, type, major, payload) {
      if (end - start > MAX_BYTES || entries >= MAX_ENTRIES) return;
      const key = digest(data, start, end, type, major);
      const entry = { bytes: data.slice(start, end), type, major, payload };
      const list = byDigest.get(key);
      if (list) list.push(entry);
      else byDigest.set(key, [entry]);
      entries++;
    },
  };
}
