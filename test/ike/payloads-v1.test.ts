// IKEv1 payloads from hand-written hex, one comment per field.
import { describe, expect, it } from 'vitest';
import { decodeIsakmp } from '#shared/ike/decode.js';
import type { IkePayload } from '#shared/ike/types.js';
import { h, message } from './build.js';

function only(payloads: { type: number; body: string }[], header = {}): IkePayload[] {
  const { messages, anomalies } = decodeIsakmp(message(header, payloads), 1);
  expect(anomalies).toEqual([]);
  expect(messages).toHaveLength(1);
  return messages[0].payloads;
}

const PHASE1_SA = h(
  '00000001', // DOI: IPsec
  '00000001', // situation: SIT_IDENTITY_ONLY
  // proposal
  '00',
  '00',
  '003e', // next payload NONE, reserved, length 62
  '01',
  '01',
  '00',
  '01', // proposal #1, protocol ISAKMP, SPI size 0, 1 transform
  // transform
  '00',
  '00',
  '0036', // next payload NONE, reserved, length 54
  '01',
  '01',
  '0000', // transform #1, KEY_IKE, reserved
  '8001 0005', // TV encryption algorithm: 3DES-CBC
  '8002 0002', // TV hash: SHA
  '8003 fde9', // TV authentication method: 65001 XAUTHInitPreShared
  '8004 0002', // TV group: 1024-bit MODP
  '800b 0001', // TV life type: seconds
  '000c 0004 00007080', // TLV life duration, 4 bytes: 28800
  '000e 0002 0100', // TLV key length, 2 bytes: 256
  '0011 0008 0102030405060708', // TLV block size with 8 bytes: kept as hex
);

describe('IKEv1 payloads', () => {
  it('SA: DOI, situation, proposal, transform and TV/TLV attributes', () => {
    const [sa] = only([{ type: 1, body: PHASE1_SA }]);
    expect(sa).toEqual({
      type: 'sa',
      payloadType: 1,
      doi: 1,
      situation: 1,
      nextPayload: 0,
      length: 74,
      proposals: [
        {
          nextPayload: 0,
          number: 1,
          protocolId: 1,
          spi: '',
          transforms: [
            {
              nextPayload: 0,
              number: 1,
              id: 1,
              attributes: [
                { type: 1, value: 5 },
                { type: 2, value: 2 },
                { type: 3, value: 65001 },
                { type: 4, value: 2 },
                { type: 11, value: 1 },
                { type: 12, value: 28800 },
                { type: 14, value: 256 },
                { type: 17, hex: '0102030405060708' },
              ],
            },
          ],
        },
      ],
    });
  });

  it('SA phase 2: ESP proposal with SPI, two transforms, encapsulation mode', () => {
    const body = h(
      '00000001',
      '00000001', // DOI IPsec, situation identity only
      '00',
      '00',
      '002c', // proposal: last, length 44
      '01',
      '03',
      '04',
      '02', // #1, PROTO_IPSEC_ESP, SPI size 4, 2 transforms
      'c0ffee01', // SPI
      '03',
      '00',
      '0010',
      '01',
      '0c',
      '0000', // transform: more follow, length 16, #1 ESP_AES
      '8004 f003', // TV encapsulation mode 61443 (draft UDP-Encapsulated-Tunnel)
      '8006 0080', // TV key length 128
      '00',
      '00',
      '0010',
      '02',
      '03',
      '0000', // transform: last, length 16, #2 ESP_3DES
      '8004 0003', // TV encapsulation mode UDP-Encapsulated-Tunnel
      '8005 0002', // TV authentication algorithm HMAC-SHA
    );
    const [sa] = only([{ type: 1, body }], { exchange: 32 });
    if (sa.type !== 'sa') throw new Error(sa.type);
    const [p] = sa.proposals;
    expect(p.spi).toBe('c0ffee01');
    // ESP transform IDs (IANA "IPsec ESP Transform Identifiers"): 12 ESP_AES, 3 ESP_3DES.
    expect(p.transforms.map((t) => [t.nextPayload, t.id])).toEqual([
      [3, 12],
      [0, 3],
    ]);
    expect(p.transforms[0].attributes).toEqual([
      { type: 4, value: 61443 },
      { type: 6, value: 128 },
    ]);
  });

  it('KE, Nonce, HASH, SIG, NAT-D (20 and 130), NAT-OA (21 and 131)', () => {
    const payloads = only([
      { type: 4, body: 'aa'.repeat(128) }, // KE: 128 bytes of public value
      { type: 10, body: 'bb'.repeat(20) }, // nonce: 20 bytes
      { type: 8, body: '00112233445566778899aabbccddeeff00112233' }, // HASH: 20 bytes
      { type: 9, body: 'cc'.repeat(40) }, // SIG: 40 bytes
      { type: 20, body: '0f'.repeat(20) }, // NAT-D (RFC 3947)
      { type: 130, body: 'f0'.repeat(16) }, // NAT-D (draft)
      { type: 21, body: h('01', '000000', 'c0000201') }, // NAT-OA: ID_IPV4_ADDR, reserved, 192.0.2.1
      { type: 131, body: h('05', '000000', '20010db8000000000000000000000001') }, // NAT-OA draft: IPv6
    ]);
    expect(payloads.map(({ nextPayload: _n, length: _l, ...p }) => p)).toEqual([
      { type: 'ke', payloadType: 4, dataLength: 128 },
      { type: 'nonce', payloadType: 10, dataLength: 20 },
      { type: 'hash', payloadType: 8, hex: '00112233445566778899aabbccddeeff00112233' },
      { type: 'sig', payloadType: 9, dataLength: 40 },
      { type: 'natd', payloadType: 20, hex: '0f'.repeat(20) },
      { type: 'natd', payloadType: 130, hex: 'f0'.repeat(16) },
      { type: 'nat-oa', payloadType: 21, idType: 1, value: '192.0.2.1' },
      { type: 'nat-oa', payloadType: 131, idType: 5, value: '2001:db8::1' },
    ]);
    expect(payloads.map((p) => p.nextPayload)).toEqual([10, 8, 9, 20, 130, 21, 131, 0]);
  });

  it('CERT and CR', () => {
    const [cert, cr] = only([
      { type: 6, body: h('04', '3082000a') }, // encoding 4 X.509 signature, 4 bytes of data
      { type: 7, body: h('04') }, // CR: X.509 signature, no authority
    ]);
    expect(cert).toMatchObject({ type: 'cert', encoding: 4, dataLength: 4 });
    expect(cr).toMatchObject({ type: 'cr', encoding: 4, dataLength: 0 });
  });

  it('Notify: DOI, protocol, SPI (the two cookies), type, data', () => {
    const [n] = only(
      [
        {
          type: 11,
          body: h(
            '00000001', // DOI IPsec
            '01', // protocol ISAKMP
            '10', // SPI size 16
            '000e', // NO-PROPOSAL-CHOSEN
            '0102030405060708',
            '1112131415161718', // SPI: initiator and responder cookies
            'beef', // notification data
          ),
        },
      ],
      { exchange: 5 },
    );
    expect(n).toMatchObject({
      type: 'notify',
      doi: 1,
      protocolId: 1,
      spi: '01020304050607081112131415161718',
      notifyType: 14,
      dataHex: 'beef',
    });
  });

  it('Delete: DOI, protocol, SPI size, SPIs', () => {
    const [d] = only(
      [
        {
          type: 12,
          body: h(
            '00000001', // DOI IPsec
            '03', // PROTO_IPSEC_ESP
            '04', // SPI size 4
            '0002', // 2 SPIs
            'c0ffee01',
            'c0ffee02',
          ),
        },
      ],
      { exchange: 5 },
    );
    expect(d).toMatchObject({ type: 'delete', protocolId: 3, spis: ['c0ffee01', 'c0ffee02'] });
  });

  it('Vendor ID: known names, unknown has none', () => {
    const [a, b, c] = only([
      { type: 13, body: '4a131c81070358455c5728f20e95452f' }, // RFC 3947
      { type: 13, body: '1e2b516905991c7d7c96fcbfb587e46100000009' }, // MS NT5 ISAKMPOAKLEY v9
      { type: 13, body: '0123456789' }, // unknown
    ]);
    expect(a).toMatchObject({ type: 'vendor-id', name: 'RFC 3947 Negotiation of NAT-Traversal in the IKE' });
    expect(b).toMatchObject({
      type: 'vendor-id',
      name: 'MS NT5 ISAKMPOAKLEY',
      hex: '1e2b516905991c7d7c96fcbfb587e46100000009',
    });
    expect(c).toEqual({ type: 'vendor-id', payloadType: 13, hex: '0123456789', nextPayload: 0, length: 9 });
  });

  it('Attribute payload (mode-config / XAUTH): type, identifier, attributes', () => {
    const [a] = only(
      [
        {
          type: 14,
          body: h(
            '01', // ISAKMP_CFG_REQUEST
            '00', // reserved
            'abcd', // identifier
            'c088 0000', // TV XAUTH_TYPE (16520): Generic
            '4089 0000', // TLV XAUTH_USER_NAME (16521), empty
            '408a 0000', // TLV XAUTH_USER_PASSWORD (16522), empty
          ),
        },
      ],
      { exchange: 6, messageId: '11223344' },
    );
    expect(a).toMatchObject({
      type: 'attributes',
      payloadType: 14,
      cfgType: 1,
      identifier: 0xabcd,
      attributes: [
        { type: 16520, value: 0 },
        { type: 16521, value: 0 },
        { type: 16522, value: 0 },
      ],
    });
  });

  it('Cisco fragmentation (132): id, number, last flag', () => {
    const [f] = only([{ type: 132, body: h('0007', '02', '01', 'dead') }]); // id 7, fragment 2, last, 2 data bytes
    expect(f).toMatchObject({ type: 'fragment', payloadType: 132, id: 7, number: 2, last: true, dataLength: 2 });
  });

  it('an encrypted message (E flag) keeps its header and an opaque body', () => {
    const { messages } = decodeIsakmp(
      message({ flags: 0x01, rspi: 'a1a2a3a4a5a6a7a8', first: 5 }, [{ type: 5, body: '99'.repeat(36) }]),
      3,
    );
    expect(messages[0]).toMatchObject({
      encrypted: true,
      nextPayload: 5,
      flags: 1,
      payloads: [],
      encryptedLength: 40,
      version: '1.0',
      majorVersion: 1,
    });
  });
});
