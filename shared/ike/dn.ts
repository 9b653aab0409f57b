// A small, bounded DER reader for X.501 Distinguished Names (ID_DER_ASN1_DN): enough to show
// "C=US, O=Example, CN=vpn.example.com". Anything it does not understand returns undefined
// and the caller shows hex instead.
import { safeText } from './bytes.js';
import { DN_ATTRIBUTE_NAMES } from '../asn1/dn-attribute-names.js';

const MAX_RDNS = 32;

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** One DER TLV at off (definite lengths up to 4 bytes), inside [off, limit). */
function readTlv(data: Uint8Array, off: number, limit: number): Tlv | undefined {
  if (off + 2 > limit) return undefined;
  const tag = data[off];
  let len = data[off + 1];
  let p = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + data[p + i];
    p += n;
  }
  if (p + len > limit) return undefined;
  return { tag, start: p, end: p + len };
}

function oidText(data: Uint8Array, start: number, end: number): string | undefined {
  if (start >= end || end - start > 32) return undefined;
  const first = data[start];
  const parts = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let v = 0;
  for (let i = start + 1; i < end; i++) {
    v = v * 128 + (data[i] & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER / 128) return undefined;
    if (!(data[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

function stringValue(data: Uint8Array, t: Tlv): string {
  if (t.tag === 0x1e) {
    // BMPString: UTF-16BE.
    let s = '';
    for (let i = t.start; i + 1 < t.end; i += 2) s += String.fromCharCode((data[i] << 8) | data[i + 1]);
    return safeText(new TextEncoder().encode(s), 0, Number.MAX_SAFE_INTEGER);
  }
  return safeText(data, t.start, t.end);
}

export function decodeDn(data: Uint8Array, start: number, end: number): string | undefined {
  const seq = readTlv(data, start, end);
  if (!seq || seq.tag !== 0x30 || seq.end !== end) return undefined;
  const rdns: string[] = [];
  let off = seq.start;
  while (off < seq.end) {
    if (rdns.length >= MAX_RDNS) return undefined;
    const set = readTlv(data, off, seq.end);
    if (!set || set.tag !== 0x31) return undefined;
    let inner = set.start;
    while (inner < set.end) {
      const atv = readTlv(data, inner, set.end);
      if (!atv || atv.tag !== 0x30) return undefined;
      const oid = readTlv(data, atv.start, atv.end);
      if (!oid || oid.tag !== 0x06) return undefined;
      const value = readTlv(data, oid.end, atv.end);
      if (!value) return undefined;
      const o = oidText(data, oid.start, oid.end);
      if (!o) return undefined;
      rdns.push(`${DN_ATTRIBUTE_NAMES[o] ?? o}=${stringValue(data, value)}`);
      if (rdns.length > MAX_RDNS) return undefined;
      inner = atv.end;
    }
    off = set.end;
  }
  return rdns.join(', ');
}
