// IKEv2 payloads from hand-written hex, one comment per field.
import { describe, expect, it } from 'vitest';
import { decodeIsakmp } from '#shared/ike/decode.js';
import { isError, notifyName } from '#shared/ike/notify-types.js';
import { summarizeIsakmp } from '#shared/ike/summarize.js';
import { h, message, type HeaderSpec, type PayloadSpec } from './build.js';

function decode(header: HeaderSpec, payloads: PayloadSpec[]) {
  const { messages, anomalies } = decodeIsakmp(
    message({ version: 0x20, exchange: 34, flags: 0x08, ...header }, payloads),
    7,
  );
  expect(anomalies).toEqual([]);
  return messages[0];
}

describe('IKEv2 payloads', () => {
  it('IKE_SA_INIT: SA with typed transforms, KE with group, Nonce, NAT-D notifies', () => {
    const sa = h(
      '00',
      '00',
      '002c', // proposal: last, length 44
      '01',
      '01',
      '00',
      '04', // #1, protocol IKE, SPI size 0, 4 transforms
      '03',
      '00',
      '000c',
      '01',
      '00',
      '000c',
      '800e 0100', // ENCR_AES_CBC with Key Length 256
      '03',
      '00',
      '0008',
      '02',
      '00',
      '0005', // PRF_HMAC_SHA2_256
      '03',
      '00',
      '0008',
      '03',
      '00',
      '000c', // AUTH_HMAC_SHA2_256_128
      '00',
      '00',
      '0008',
      '04',
      '00',
      '000e', // DH 2048-bit MODP
    );
    const m = decode({}, [
      { type: 33, body: sa },
      { type: 34, body: h('000e', '0000', 'ab'.repeat(256)) }, // KE: group 14, reserved, 256 bytes
      { type: 40, body: 'cd'.repeat(32) }, // Nonce
      { type: 41, body: h('00', '00', '4004', 'ee'.repeat(20)) }, // N: proto 0, SPI size 0, NAT_DETECTION_SOURCE_IP, SHA1
      { type: 41, body: h('00', '00', '4005', 'ff'.repeat(20)) }, // N: NAT_DETECTION_DESTINATION_IP
      { type: 43, body: '882fe56d6fd20dbc2251613b2ebe5beb' }, // V: strongSwan
    ]);
    expect(m).toMatchObject({
      version: '2.0',
      majorVersion: 2,
      exchangeType: 34,
      initiatorFlag: true,
      responseFlag: false,
    });
    const [saP, ke, nonce, n1, n2, v] = m.payloads;
    if (saP.type !== 'sa') throw new Error(saP.type);
    expect(saP.doi).toBeUndefined();
    // IANA "IKEv2 Transform Type n" values: ENCR_AES_CBC, PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128, MODP 2048.
    expect(saP.proposals[0].transforms.map((t) => [t.type, t.id])).toEqual([
      [1, 12],
      [2, 5],
      [3, 12],
      [4, 14],
    ]);
    expect(saP.proposals[0].transforms[0].attributes).toEqual([{ type: 14, value: 256 }]);
    expect(ke).toMatchObject({ type: 'ke', group: 14, dataLength: 256 });
    expect(nonce).toMatchObject({ type: 'nonce', dataLength: 32 });
    expect(n1).toMatchObject({ type: 'notify', protocolId: 0, spi: '', notifyType: 16388, dataHex: 'ee'.repeat(20) });
    expect(n1.type === 'notify' && n1.doi).toBeUndefined();
    expect(n2).toMatchObject({ notifyType: 16389 });
    expect(v).toMatchObject({ type: 'vendor-id', name: 'strongSwan' });
    expect(summarizeIsakmp(m)).toBe('IKE_SA_INIT MID=00 Initiator Request');
  });

  it('notify names and error classes', () => {
    expect(notifyName(14, 2)).toBe('NO_PROPOSAL_CHOSEN');
    expect(notifyName(14, 1)).toBe('NO-PROPOSAL-CHOSEN');
    expect(notifyName(16390, 2)).toBe('COOKIE');
    expect(notifyName(16430, 2)).toBe('IKEV2_FRAGMENTATION_SUPPORTED');
    expect(notifyName(36136)).toBe('R-U-THERE');
    expect(notifyName(24578)).toBe('INITIAL-CONTACT');
    expect(notifyName(12345, 2)).toBe('12345');
    expect([isError(14), isError(17), isError(16384), isError(36136), isError(0)]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('IKE_AUTH cleartext payloads: IDi, AUTH, TSi/TSr, CP, EAP, Delete', () => {
    const m = decode({ exchange: 35, messageId: '00000001' }, [
      { type: 35, body: h('01', '000000', 'c0000201') }, // IDi: ID_IPV4_ADDR 192.0.2.1
      { type: 39, body: h('02', '000000', '11'.repeat(20)) }, // AUTH: shared key MIC
      { type: 44, body: h('01', '000000', '07', '00', '0010', '0000', 'ffff', 'c0000200', 'c00002ff') }, // TSi: 1 IPv4 range, any proto, ports 0-65535
      {
        type: 45,
        body: h(
          '01',
          '000000',
          '08',
          '11',
          '0028',
          '01f4',
          '01f4',
          '20010db8000000000000000000000000',
          '20010db8ffffffffffffffffffffffff',
        ),
      }, // TSr: IPv6, UDP 500
      { type: 47, body: h('01', '000000', '0001 0000', '0003 0000') }, // CP: CFG_REQUEST, INTERNAL_IP4_ADDRESS and _DNS, empty
      { type: 48, body: h('02', '05', '0005', '01') }, // EAP: Response, id 5, length 5, Identity
      { type: 42, body: h('03', '04', '0002', 'c0ffee01', 'c0ffee02') }, // Delete: ESP, SPI size 4, 2 SPIs
    ]);
    expect(m.payloads.map(({ nextPayload: _n, length: _l, ...p }) => p)).toEqual([
      { type: 'id', payloadType: 35, idType: 1, value: '192.0.2.1' },
      { type: 'auth', payloadType: 39, method: 2, dataLength: 20 },
      {
        type: 'ts',
        payloadType: 44,
        selectors: [{ tsType: 7, protocol: 0, startPort: 0, endPort: 65535, start: '192.0.2.0', end: '192.0.2.255' }],
      },
      {
        type: 'ts',
        payloadType: 45,
        selectors: [
          {
            tsType: 8,
            protocol: 17,
            startPort: 500,
            endPort: 500,
            start: '2001:db8::',
            end: '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
          },
        ],
      },
      {
        type: 'attributes',
        payloadType: 47,
        cfgType: 1,
        attributes: [
          { type: 1, value: 0 },
          { type: 3, value: 0 },
        ],
      },
      { type: 'eap', payloadType: 48, code: 2, dataLength: 5 },
      { type: 'delete', payloadType: 42, protocolId: 3, spis: ['c0ffee01', 'c0ffee02'] },
    ]);
  });

  it('SK ends the chain; its next payload is the first inner payload', () => {
    const m = decode({ exchange: 35, flags: 0x20, messageId: '00000001', rspi: '1112131415161718' }, [
      { type: 46, body: '77'.repeat(80), next: 35 }, // SK: IV + ciphertext + ICV, inner IDi
    ]);
    expect(m.payloads).toEqual([
      { type: 'encrypted', payloadType: 46, innerNextPayload: 35, dataLength: 80, nextPayload: 35, length: 84 },
    ]);
    expect(summarizeIsakmp(m)).toBe('IKE_AUTH MID=01 Responder Response');
  });

  it('SKF carries fragment number and total (RFC 7383)', () => {
    const m = decode({ exchange: 35, messageId: '00000001' }, [
      { type: 53, body: h('0001', '0002', '88'.repeat(60)), next: 35 }, // fragment 1 of 2, inner IDi
    ]);
    expect(m.payloads[0]).toMatchObject({
      type: 'encrypted',
      payloadType: 53,
      innerNextPayload: 35,
      fragmentNumber: 1,
      totalFragments: 2,
      dataLength: 60,
    });
    expect(summarizeIsakmp(m)).toBe('IKE_AUTH MID=01 Initiator Request (fragment 1/2)');
  });
});
