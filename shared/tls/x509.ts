// X.509 certificates from a TLS Certificate message, reduced to what a capture can judge:
// names, validity, subjectAltName, key type, CA flag.
//
// Parser: @peculiar/asn1-x509 (with @peculiar/asn1-schema and asn1js), chosen by measurement
// on this project's machine (Node 20, the leaf and intermediate of the anyconnect-success capture,
// 5,000 parses each after warm-up, bundled with esbuild --platform=neutral --minify):
//   @peculiar/asn1-x509  120 KB minified (31 KB gzip), ~4.2 ms/cert, no Node API, no polyfill
//   pkijs                415 KB (90 KB gzip),          ~11 ms/cert
//   @peculiar/x509       232 KB (60 KB gzip),          ~12 ms/cert, needs reflect-metadata
// (absolute times under a load average of 11-13 on 2 cores; the ratios held over two runs.)
// All three run without Node APIs; the schema parser is the smallest and the fastest.
//
// Certificates are hostile input and parsing is the costliest thing the TLS decoder does, so a
// reader remembers what it parsed (the MX's chain repeats in every session) and parses a bounded
// number of distinct certificates per capture.
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  id_ce_basicConstraints,
  id_ce_subjectAltName,
  Name,
  SubjectAlternativeName,
} from '@peculiar/asn1-x509';
import type { CertificateFacts } from '../decode/types.js';
import { DN_ATTRIBUTE_NAMES } from '../asn1/dn-attribute-names.js';

export interface CertificateReaderLimits {
  /** Distinct certificates parsed per reader (capture); later new ones get an error entry. */
  maxParsed: number;
  /** Certificates longer than this are not parsed. */
  maxBytes: number;
}

const DEFAULT_LIMITS: CertificateReaderLimits = { maxParsed: 512, maxBytes: 32 * 1024 };

const EC_CURVES: Record<string, string> = {
  '06082a8648ce3d030107': 'P-256',
  '06052b81040022': 'P-384',
  '06052b81040023': 'P-521',
};

export interface CertificateReader {
  read(der: Uint8Array): CertificateFacts;
}

export function createCertificateReader(limits: Partial<CertificateReaderLimits> = {}): CertificateReader {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const seen = new Map<string, { der: Uint8Array; facts: CertificateFacts }>();
  let parsed = 0;
  return {
    read(der: Uint8Array): CertificateFacts {
      if (der.length > lim.maxBytes) return failed(der, `certificate of ${der.length} bytes not parsed (limit)`);
      const key = fingerprint(der);
      const known = seen.get(key);
      if (known && sameBytes(known.der, der)) return known.facts;
      if (parsed >= lim.maxParsed) return failed(der, `more than ${lim.maxParsed} distinct certificates: not parsed`);
      parsed++;
      const facts = parseCertificate(der);
      seen.set(key, { der: der.slice(), facts });
      return facts;
    },
  };
}

/** Never throws: a certificate the parser refuses comes back with `error`. */
export function parseCertificate(der: Uint8Array): CertificateFacts {
  let cert: Certificate;
  try {
    // asn1-schema reads an ArrayBuffer; copy the certificate's bytes out of the stream buffer.
    cert = AsnConvert.parse(der.slice().buffer, Certificate);
  } catch (e) {
    return failed(der, `not an X.509 certificate: ${e instanceof Error ? e.message.slice(0, 120) : 'parse error'}`);
  }
  const tbs = cert.tbsCertificate;
  const subject = nameString(tbs.subject);
  const issuer = nameString(tbs.issuer);
  const facts: CertificateFacts = {
    subject,
    issuer,
    sans: [],
    selfIssued: subject === issuer,
    isCA: false,
    serial: hex(new Uint8Array(tbs.serialNumber)),
    length: der.length,
  };
  const notBefore = isoTime(tbs.validity.notBefore.getTime());
  const notAfter = isoTime(tbs.validity.notAfter.getTime());
  if (notBefore) facts.notBefore = notBefore;
  if (notAfter) facts.notAfter = notAfter;
  const keyType = publicKeyType(tbs.subjectPublicKeyInfo.algorithm.algorithm, tbs.subjectPublicKeyInfo);
  if (keyType) facts.keyType = keyType;
  for (const ext of tbs.extensions ?? []) {
    try {
      if (ext.extnID === id_ce_subjectAltName) {
        const ipSans: string[] = [];
        for (const g of AsnConvert.parse(ext.extnValue, SubjectAlternativeName)) {
          if (g.dNSName !== undefined) facts.sans.push(printable(g.dNSName));
          else if (g.iPAddress !== undefined) ipSans.push(printable(g.iPAddress));
        }
        if (ipSans.length) facts.ipSans = ipSans;
      } else if (ext.extnID === id_ce_basicConstraints) {
        facts.isCA = AsnConvert.parse(ext.extnValue, BasicConstraints).cA;
      }
    } catch {
      // A malformed extension leaves its facts out; the rest of the certificate stands.
    }
  }
  return facts;
}

function failed(der: Uint8Array, error: string): CertificateFacts {
  return { subject: '', issuer: '', sans: [], selfIssued: false, isCA: false, serial: '', length: der.length, error };
}

/** A DER Name (a CertificateRequest's CA) as `TYPE=value, …`; undefined when it is no Name. */
export function distinguishedName(der: Uint8Array): string | undefined {
  try {
    return nameString(AsnConvert.parse(der.slice().buffer, Name));
  } catch {
    return undefined;
  }
}

/** `TYPE=value` in wire order, as tshark and the scenario READMEs list them. */
function nameString(name: Name): string {
  const parts: string[] = [];
  for (const rdn of name)
    for (const atv of rdn) parts.push(`${DN_ATTRIBUTE_NAMES[atv.type] ?? atv.type}=${printable(atv.value.toString())}`);
  return parts.join(', ');
}

function isoTime(d: Date): string | undefined {
  const t = d.getTime();
  return Number.isFinite(t) ? new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

function publicKeyType(
  oid: string,
  spki: { algorithm: { parameters?: ArrayBuffer | null }; subjectPublicKey: ArrayBuffer },
): string | undefined {
  switch (oid) {
    case '1.2.840.113549.1.1.1': {
      const bits = rsaModulusBits(new Uint8Array(spki.subjectPublicKey));
      return bits ? `RSA ${bits}` : 'RSA';
    }
    case '1.2.840.10045.2.1': {
      const p = spki.algorithm.parameters;
      const curve = p ? EC_CURVES[hex(new Uint8Array(p))] : undefined;
      return curve ? `EC ${curve}` : 'EC';
    }
    case '1.3.101.112':
      return 'Ed25519';
    case '1.3.101.113':
      return 'Ed448';
    case '1.2.840.113549.1.1.10':
      return 'RSA-PSS';
    default:
      return oid;
  }
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, ... }: the modulus length in bits. */
function rsaModulusBits(b: Uint8Array): number | undefined {
  let at = 0;
  const header = (tag: number): number | undefined => {
    if (b[at] !== tag) return undefined;
    at++;
    let len = b[at++];
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n > 3) return undefined;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[at++];
    }
    return at + len <= b.length ? len : undefined;
  };
  if (header(0x30) === undefined) return undefined;
  let len = header(0x02);
  if (len === undefined || len === 0) return undefined;
  while (len > 1 && b[at] === 0) {
    at++;
    len--;
  }
  let top = b[at];
  let bits = (len - 1) * 8;
  while (top > 0) {
    bits++;
    top >>= 1;
  }
  return bits;
}

/** Control characters, backslashes and non-ASCII shown as \\xNN / \\uNNNN: names are hostile text. */
function printable(s: string): string {
  let out = '';
  for (const ch of s.slice(0, 256)) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c < 0x7f && c !== 0x5c) out += ch;
    else if (c < 0x100) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0xa0 && c !== 0x2028 && c !== 0x2029 && !(c >= 0xd800 && c < 0xe000)) out += ch;
    else out += '\\u' + c.toString(16).padStart(4, '0');
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
  return s;
}

/** FNV-1a over the bytes plus the length: a cache key, not a security hash (facts are recomputable). */
function fingerprint(b: Uint8Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < b.length; i++) {
    h1 = Math.imul(h1 ^ b[i], 0x01000193);
    h2 = Math.imul(h2 ^ b[i], 0x5bd1e995);
  }
  return `${b.length}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}
