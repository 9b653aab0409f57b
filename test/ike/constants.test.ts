// Constant tables: wire numbers -> names as IANA (or Wireshark, for its Info column) spells
// them; an unknown value survives as its number.
import { describe, expect, it } from 'vitest';
import { EXCHANGE, exchangeName } from '#shared/ike/exchange-types.js';
import { certEncodingName } from '#shared/ike/id-types.js';
import {
  DH_GROUP,
  ENCAPSULATION_MODE,
  IKE_AUTH_METHOD,
  IKE_ENCRYPTION,
  IKE_HASH,
  ipsecAttributeName,
} from '#shared/ike/ikev1-attributes.js';
import { ikev2TransformIdName, ikev2TransformTypeName, transformIdName } from '#shared/ike/ipsec-transforms.js';
import { IKEV1_NOTIFY, IKEV2_NOTIFY } from '#shared/ike/notify-types.js';
import { PAYLOAD, payloadName } from '#shared/ike/payload-types.js';

describe('IKE constant tables', () => {
  it('exchange types of both versions', () => {
    expect(exchangeName(EXCHANGE.MAIN_MODE, 1)).toBe('Identity Protection (Main Mode)');
    expect(exchangeName(32, 1)).toBe('Quick Mode');
    expect(exchangeName(33, 1)).toBe('New Group Mode');
    expect(exchangeName(4, 1)).toBe('Aggressive');
    expect(exchangeName(34, 2)).toBe('IKE_SA_INIT');
    expect(exchangeName(38, 2)).toBe('IKE_SESSION_RESUME');
    expect(exchangeName(99, 2)).toBe('99');
  });

  it('payload types, the NAT-T drafts and Cisco fragmentation included', () => {
    expect(payloadName(PAYLOAD.SA, 1)).toBe('Security Association (SA)');
    expect(payloadName(20, 1)).toBe('NAT Discovery (NAT-D)');
    expect(payloadName(130, 1)).toBe('NAT-D (draft-ietf-ipsec-nat-t-ike-01 to 03)');
    expect(payloadName(132, 1)).toBe('Cisco-Fragmentation');
    expect(payloadName(46, 2)).toBe('Encrypted and Authenticated');
    expect(payloadName(53, 2)).toBe('Encrypted and Authenticated Fragment');
    // A number from the other version's registry is still named; unknown stays a number.
    expect(payloadName(33, 1)).toBe('Security Association');
    expect(payloadName(0, 2)).toBe('No Next Payload');
    expect(payloadName(250, 1)).toBe('250');
  });

  it("notify tables keep each registry's spelling", () => {
    expect(IKEV1_NOTIFY[18]).toBe('INVALID-ID-INFORMATION');
    expect(IKEV1_NOTIFY[24577]).toBe('REPLAY-STATUS');
    expect(IKEV1_NOTIFY[36137]).toBe('R-U-THERE-ACK');
    expect(IKEV2_NOTIFY[17]).toBe('INVALID_KE_PAYLOAD');
    expect(IKEV2_NOTIFY[16431]).toBe('SIGNATURE_HASH_ALGORITHMS');
    expect(IKEV2_NOTIFY[16406]).toBe('REDIRECT_SUPPORTED');
  });

  it('phase 1 and phase 2 attribute values, transform IDs', () => {
    expect(IKE_ENCRYPTION[7]).toBe('AES-CBC');
    expect(IKE_HASH[4]).toBe('SHA2-256');
    expect(IKE_AUTH_METHOD[1]).toBe('Pre-shared key');
    expect(IKE_AUTH_METHOD[65010]).toBe('XAUTHRespRSARevisedEncryption');
    expect(DH_GROUP[14]).toBe('2048-bit MODP group');
    expect(ENCAPSULATION_MODE[61444]).toBe('UDP-Encapsulated-Transport (draft)');
    expect(ipsecAttributeName(5)).toBe('Authentication Algorithm');
    expect(transformIdName(3, 12)).toBe('ESP_AES');
    expect(transformIdName(2, 3)).toBe('AH_SHA');
    expect(transformIdName(9, 1)).toBe('1');
    expect(ikev2TransformTypeName(4)).toBe('Diffie-Hellman Group (D-H)');
    expect(ikev2TransformIdName(1, 20)).toBe('ENCR_AES_GCM_16');
    expect(ikev2TransformIdName(5, 0)).toBe('No Extended Sequence Numbers');
    expect(certEncodingName(4)).toBe('X.509 Certificate - Signature');
  });
});
