import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTlsRecords } from '#shared/tls/records.js';

function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/#.*$/gm, '').replace(/\s+/g, ''), 'hex'));
}

// A TLS 1.2 ClientHello carrying SNI "dc1.example.com" (the global catalog of the guide).
const CLIENT_HELLO = hex(`
  16 0301 0062                     # record: Handshake, TLS 1.0 record version, length 98
  01 00005e                        # handshake: ClientHello, length 94
  0303                             # client_version TLS 1.2
  ${'11'.repeat(32)}               # random
  00                               # session_id: empty
  0004 c02f 009c                   # cipher_suites: 2 suites
  01 00                            # compression_methods: null
  0031                             # extensions length 49
  000a 0004 0002 001d              # supported_groups: x25519
  0000 0014 0012 00 000f 6463312e6578616d706c652e636f6d  # server_name: host_name "dc1.example.com"
  000d 0004 0002 0401              # signature_algorithms
  0017 0000                        # extended_master_secret
  ff01 0001 00                     # renegotiation_info
`);

const SERVER_FLIGHT = hex(`
  16 0303 0004 0e000000            # Handshake: ServerHelloDone (14)
  14 0303 0001 01                  # ChangeCipherSpec
  16 0303 0010 ${'00'.repeat(16)}  # encrypted Finished: looks like HelloRequest (0) but is ciphertext
  15 0303 001a ${'ab'.repeat(26)}  # encrypted Alert (length 26)
`);

const CLEAR_ALERT = hex(`
  15 0303 0002 02 30               # Alert: fatal (2), unknown_ca (48)
`);

describe('parseTlsRecords', () => {
  it('reads the ClientHello type and its SNI', () => {
    const { records, consumed, anomalies } = parseTlsRecords(CLIENT_HELLO, 5);
    expect(anomalies).toEqual([]);
    expect(consumed).toBe(CLIENT_HELLO.length);
    expect(records).toEqual([
      {
        contentType: 22,
        version: 0x0301,
        length: 98,
        handshakeType: 1,
        serverName: 'dc1.example.com',
        handshakes: [
          {
            type: 1,
            length: 94,
            version: 0x0303,
            sessionIdLength: 0,
            sessionId: '',
            cipherSuites: [0xc02f, 0x009c],
            serverName: 'dc1.example.com',
          },
        ],
      },
    ]);
  });

  it('stops reading handshake and alert contents after ChangeCipherSpec', () => {
    const { records, consumed } = parseTlsRecords(SERVER_FLIGHT, 6);
    expect(consumed).toBe(SERVER_FLIGHT.length);
    expect(records).toEqual([
      { contentType: 22, version: 0x0303, length: 4, handshakeType: 14, handshakes: [{ type: 14, length: 0 }] },
      { contentType: 20, version: 0x0303, length: 1 },
      { contentType: 22, version: 0x0303, length: 16 },
      { contentType: 21, version: 0x0303, length: 26 },
    ]);
  });

  it('keeps the encryption state across calls when the caller passes it', () => {
    const state = { changeCipherSpecSeen: false };
    parseTlsRecords(SERVER_FLIGHT.subarray(0, 15), 1, state);
    expect(state.changeCipherSpecSeen).toBe(true);
    const later = parseTlsRecords(hex('16 0303 0004 00000000'), 2, state);
    expect(later.records[0].handshakeType).toBeUndefined();
  });

  it('reassembles a handshake message split over two records and lists it at the second', () => {
    // The ClientHello body (94 bytes) cut after 40 bytes of the message: two handshake records.
    const message = CLIENT_HELLO.subarray(5);
    const split = new Uint8Array([
      ...hex('16 0303 0028'),
      ...message.subarray(0, 40),
      ...hex('16 0303'),
      (message.length - 40) >> 8,
      (message.length - 40) & 0xff,
      ...message.subarray(40),
    ]);
    const state = { changeCipherSpecSeen: false };
    const { records } = parseTlsRecords(split, 1, state);
    expect(records).toHaveLength(2);
    expect(records[0].handshakes).toBeUndefined();
    expect(records[1].handshakes?.[0]).toMatchObject({ type: 1, serverName: 'dc1.example.com' });
    expect(state).toEqual({ changeCipherSpecSeen: false });
  });

  it('reads a clear alert', () => {
    expect(parseTlsRecords(CLEAR_ALERT, 1).records).toEqual([
      { contentType: 21, version: 0x0303, length: 2, alert: { level: 2, description: 48 } },
    ]);
  });

  it('waits for the rest of a partial record and consumes only whole records', () => {
    const stream = new Uint8Array([...CLEAR_ALERT, ...CLIENT_HELLO.subarray(0, 50)]);
    const { records, consumed, anomalies } = parseTlsRecords(stream, 1);
    expect(records).toHaveLength(1);
    expect(consumed).toBe(CLEAR_ALERT.length);
    expect(anomalies).toEqual([]);
  });

  it('flags bytes that are not a TLS record header', () => {
    const http = new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n');
    const { records, consumed, anomalies } = parseTlsRecords(http, 3);
    expect(records).toEqual([]);
    expect(consumed).toBe(0);
    expect(anomalies).toEqual([expect.objectContaining({ layer: 'tls', code: 'bad-record-header', frame: 3 })]);
    const huge = parseTlsRecords(hex('17 0303 ffff'), 1);
    expect(huge.anomalies[0].message).toContain('exceeds');
  });

  it('finds no SNI in a ClientHello whose extension lengths lie', () => {
    const lying = CLIENT_HELLO.slice();
    // record 5, handshake 4, version 2, random 32, session 1, suites 6, compression 2,
    // extensions length 2, supported_groups 8, server_name type 2: low byte of its length.
    lying[5 + 4 + 2 + 32 + 1 + 6 + 2 + 2 + 8 + 2 + 1] = 0x7f;
    const { records } = parseTlsRecords(lying, 1);
    expect(records[0]).toMatchObject({ handshakeType: 1 });
    expect(records[0].serverName).toBeUndefined();
  });

  it('never throws on random bytes, truncations or mutations', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const { records, consumed } = parseTlsRecords(bytes, 1);
        expect(consumed).toBe(records.reduce((n, r) => n + 5 + r.length, 0));
        expect(consumed).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 2000 },
    );
    const all = new Uint8Array([...CLIENT_HELLO, ...SERVER_FLIGHT, ...CLEAR_ALERT]);
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (cut, mutations) => {
          const bytes = all.slice(0, cut % (all.length + 1));
          for (const [at, v] of mutations) if (bytes.length) bytes[at % bytes.length] = v;
          const { records } = parseTlsRecords(bytes, 1);
          for (const r of records) if (r.serverName) expect(r.serverName).not.toMatch(/[\x00-\x20\x7f-\uffff]/);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
