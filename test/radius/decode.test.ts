import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRadius } from '#shared/radius/decode.js';
import { oracleColumn, udpPayloads } from './pcap-udp.js';

const PUBLIC = join(import.meta.dirname, '../fixtures/public');
const RADIUS_FIXTURES = readdirSync(PUBLIC).filter((f) => /radius/i.test(f) && /\.pcap$/.test(f));

function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/#.*$/gm, '').replace(/\s+/g, ''), 'hex'));
}

// Access-Reject with a hostile Reply-Message, NAS-IP-Address, a vendor-specific attribute
// and a Message-Authenticator.
const ACCESS_REJECT = hex(`
  03                                # code 3 Access-Reject
  2a                                # identifier 42
  004d                              # length 77
  00112233445566778899aabbccddeeff  # response authenticator
  12 0f 626164 1b5b324a 0a 70617373 07  # Reply-Message (18) len 15: "bad", ESC[2J, LF, "pass", BEL
  04 06 c0000201                    # NAS-IP-Address (4) 192.0.2.1
  1b 06 00000e10                    # Session-Timeout (27) 3600
  1a 0c 00000009 01 06 61626364     # Vendor-Specific (26): vendor 9 (Cisco), sub-attr 1 "abcd"
  50 12 0102030405060708090a0b0c0d0e0f10  # Message-Authenticator (80)
`);

describe('decodeRadius on hand-made packets', () => {
  it('decodes header fields and typed attribute values', () => {
    const { message, anomalies } = decodeRadius(ACCESS_REJECT, 7);
    expect(anomalies).toEqual([]);
    expect(message).toMatchObject({
      code: 3,
      identifier: 42,
      length: 77,
      authenticator: '00112233445566778899aabbccddeeff',
    });
    expect(message!.attributes).toEqual([
      { type: 18, name: 'Reply-Message', value: 'bad\\x1b[2J\\x0apass\\x07' },
      { type: 4, name: 'NAS-IP-Address', value: '192.0.2.1' },
      { type: 27, name: 'Session-Timeout', number: 3600 },
      { type: 26, name: 'Vendor-Specific', vendorId: 9, hex: '010661626364' },
      { type: 80, name: 'Message-Authenticator', hex: '0102030405060708090a0b0c0d0e0f10' },
    ]);
    expect(message!.replyMessage).toBe('bad\\x1b[2J\\x0apass\\x07');
    expect(message!.nasIp).toBe('192.0.2.1');
    expect(message!.hasMessageAuthenticator).toBe(true);
    expect(message!.hasEapMessage).toBe(false);
  });

  it('stops at an attribute whose length overruns the packet and reports it', () => {
    const bad = ACCESS_REJECT.slice();
    bad[20 + 15 + 1] = 0xff; // NAS-IP-Address length 255
    const { message, anomalies } = decodeRadius(bad, 3);
    expect(message!.attributes.map((a) => a.type)).toEqual([18]);
    expect(anomalies).toEqual([expect.objectContaining({ layer: 'radius', code: 'bad-attribute-length', frame: 3 })]);
  });

  it('rejects an attribute length below 2 instead of looping', () => {
    const bad = ACCESS_REJECT.slice();
    bad[21] = 0x00; // Reply-Message length 0
    const { message, anomalies } = decodeRadius(bad, 1);
    expect(message!.attributes).toEqual([]);
    expect(anomalies[0].code).toBe('bad-attribute-length');
  });

  it('reports a packet shorter than its header without a message', () => {
    const { message, anomalies } = decodeRadius(ACCESS_REJECT.subarray(0, 19), 1);
    expect(message).toBeUndefined();
    expect(anomalies[0].code).toBe('truncated-header');
  });

  it('ignores padding after the Length field', () => {
    const padded = new Uint8Array([...ACCESS_REJECT, 0xde, 0xad]);
    const { message, anomalies } = decodeRadius(padded, 1);
    expect(anomalies).toEqual([]);
    expect(message!.attributes).toHaveLength(5);
  });
});

describe('decodeRadius against the tshark oracle', () => {
  it.each(RADIUS_FIXTURES)('%s: radius.code of every frame', (file) => {
    const expected = oracleColumn(join(PUBLIC, 'oracle', `${file}.tsv`), 'radius.code');
    const datagrams = udpPayloads(join(PUBLIC, file));
    expect(datagrams.length).toBe(expected.size);
    for (const d of datagrams) {
      const { message } = decodeRadius(d.payload, d.frame);
      expect(String(message?.code ?? ''), `frame ${d.frame}`).toBe(expected.get(d.frame));
    }
  });

  it('flags the malformed RFC 5447 packet that tshark marks as malformed', () => {
    const [d] = udpPayloads(join(PUBLIC, 'tcpdump__radius_rfc5447_invalid_length.pcap'));
    const malformed = oracleColumn(
      join(PUBLIC, 'oracle', 'tcpdump__radius_rfc5447_invalid_length.pcap.tsv'),
      '_ws.malformed',
    );
    expect(malformed.get(1)).toContain('Malformed Packet: RADIUS');
    const { message, anomalies } = decodeRadius(d.payload, d.frame);
    expect(anomalies.map((a) => a.code)).toEqual(['truncated-packet']);
    expect(message!.userName).toBe('luser');
    expect(message!.attributes.map((a) => a.name)).toEqual([
      'User-Name',
      'MIP6-Feature-Vector',
      'MIP6-Home-Link-Prefix',
    ]);
  });

  it('reads user, NAS address, EAP and Message-Authenticator from a real EAP exchange', () => {
    const frames = udpPayloads(join(PUBLIC, 'tcpdump__RADIUS.pcap')).map(
      (d) => decodeRadius(d.payload, d.frame).message!,
    );
    expect(frames[0]).toMatchObject({
      userName: 'John.McGuirk',
      nasIp: '10.0.0.1',
      hasEapMessage: true,
      hasMessageAuthenticator: true,
    });
    expect(frames[1].replyMessage).toBe('Hello, %u');
    expect(frames[3].code).toBe(2);
  });
});

describe('decodeRadius on hostile bytes', () => {
  const real = udpPayloads(join(PUBLIC, 'zeek__radius_localhost.pcap')).map((d) => d.payload);

  it('never throws on random bytes and keeps every value within the packet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const { message, anomalies } = decodeRadius(bytes, 1);
        if (bytes.length < 20) expect(message).toBeUndefined();
        for (const a of anomalies) expect(a.layer).toBe('radius');
        const attrBytes = (message?.attributes ?? []).reduce((n) => n + 2, 0);
        expect(attrBytes).toBeLessThanOrEqual(Math.max(0, bytes.length - 20));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on truncations and byte mutations of real packets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...real),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (packet, cut, mutations) => {
          const bytes = packet.slice(0, cut % (packet.length + 1));
          for (const [at, v] of mutations) if (bytes.length) bytes[at % bytes.length] = v;
          const { message } = decodeRadius(bytes, 1);
          for (const a of message?.attributes ?? []) {
            if (a.value !== undefined) expect(a.value).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
