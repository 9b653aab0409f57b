// DTLS record parsing and the certificate reader on hostile bytes: never an exception, bounded
// output, and the reader's cache and limit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDtlsRecords } from '#shared/tls/dtls.js';
import { createCertificateReader, parseCertificate } from '#shared/tls/x509.js';

function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/#.*$/gm, '').replace(/\s+/g, ''), 'hex'));
}

// anyconnect-success frame 22: the DTLS 1.2 ClientHello (UDP payload), cut after the suites.
const CLIENT_HELLO = hex(`
  16 fefd 0000 000000000000 008d   # Handshake, DTLS 1.2, epoch 0, seq 0, length 141
  01 000081 0000 000000 000081     # ClientHello, length 129, message_seq 0, fragment 0+129
  fefd ${'22'.repeat(32)}          # client_version, random
  20 ${'ab'.repeat(32)}            # session_id (32)
  00                               # cookie: empty
  0002 009d                        # one suite
  01 00                            # compression
  ${'00'.repeat(55)}               # (rest of the body, zeros: no extensions that parse)
`);

describe('parseDtlsRecords', () => {
  it('reads a DTLS 1.2 ClientHello with its session ID and suite', () => {
    const { records, anomalies } = parseDtlsRecords(CLIENT_HELLO, 22);
    expect(anomalies).toEqual([]);
    expect(records[0]).toMatchObject({ contentType: 22, version: 0xfefd, epoch: 0, sequence: 0, length: 141 });
    expect(records[0].handshake).toMatchObject({
      type: 1,
      version: 0xfefd,
      sessionIdLength: 32,
      cookieLength: 0,
      cipherSuites: [0x009d],
      messageSeq: 0,
    });
  });

  it('never throws and stays bounded on random bytes and mutations', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const { records } = parseDtlsRecords(bytes, 1);
        expect(records.length).toBeLessThanOrEqual(64);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (cut, mutations) => {
          const bytes = CLIENT_HELLO.slice(0, cut % (CLIENT_HELLO.length + 1));
          for (const [at, v] of mutations) if (bytes.length) bytes[at % bytes.length] = v;
          parseDtlsRecords(bytes, 1);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('certificates', () => {
  it('garbage is an error entry, not an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const c = parseCertificate(bytes);
        if (c.error) expect(c.subject).toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('parses a real leaf, remembers it, and stops parsing new ones past its limit', () => {
    // The leaf of anyconnect-success frame 9 (openssl ca: CN first), from the capture's bytes.
    const pcap = readFileSync(join(import.meta.dirname, '../fixtures/scenarios/anyconnect-success/capture.pcap'));
    const start = pcap.indexOf(Buffer.from('308203', 'hex'));
    const len = pcap.readUInt16BE(start + 2) + 4;
    const der = new Uint8Array(pcap.subarray(start, start + len));
    const reader = createCertificateReader({ maxParsed: 1 });
    const leaf = reader.read(der);
    expect(leaf).toMatchObject({
      subject: 'CN=vpn.example.com, O=Example Lab',
      issuer: 'CN=Example Lab Issuing CA 1, O=Example Lab',
      notBefore: '2026-11-01T00:00:00Z',
      notAfter: '2027-11-01T00:00:00Z',
      sans: ['vpn.example.com'],
      keyType: 'RSA 2048',
      selfIssued: false,
      isCA: false,
    });
    expect(reader.read(der.slice())).toBe(leaf);
    const other = der.slice();
    other[other.length - 1] ^= 1;
    expect(reader.read(other).error).toMatch(/not parsed/);
  });
});
