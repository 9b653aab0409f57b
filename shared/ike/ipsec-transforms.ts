// IKEv1 protocol and transform IDs (RFC 2407 4.4, IANA "IPSEC ESP/AH/IPCOMP Transform
// Identifiers"), and the IKEv2 transform types and IDs (IANA "IKEv2 Transform Type n").
import { nameOf, type NameTable } from './lookup.js';

export const PROTOCOL_V1 = { 1: 'PROTO_ISAKMP', 2: 'PROTO_IPSEC_AH', 3: 'PROTO_IPSEC_ESP', 4: 'PROTO_IPCOMP' } as const;
export const PROTOCOL_V2 = { 1: 'IKE', 2: 'AH', 3: 'ESP' } as const;

export const PROTOCOL = { ISAKMP: 1, AH: 2, ESP: 3, IPCOMP: 4 } as const;

export const ISAKMP_TRANSFORM = { 1: 'KEY_IKE' } as const;

export const ESP_TRANSFORM = {
  1: 'ESP_DES_IV64',
  2: 'ESP_DES',
  3: 'ESP_3DES',
  4: 'ESP_RC5',
  5: 'ESP_IDEA',
  6: 'ESP_CAST',
  7: 'ESP_BLOWFISH',
  8: 'ESP_3IDEA',
  9: 'ESP_DES_IV32',
  10: 'ESP_RC4',
  11: 'ESP_NULL',
  12: 'ESP_AES',
  13: 'ESP_AES-CTR',
  14: 'ESP_AES-CCM_8',
  15: 'ESP_AES-CCM_12',
  16: 'ESP_AES-CCM_16',
  18: 'ESP_AES-GCM_8',
  19: 'ESP_AES-GCM_12',
  20: 'ESP_AES-GCM_16',
  21: 'ESP_SEED_CBC',
  22: 'ESP_CAMELLIA',
  23: 'ESP_NULL_AUTH_AES-GMAC',
} as const;

export const AH_TRANSFORM = {
  2: 'AH_MD5',
  3: 'AH_SHA',
  4: 'AH_DES',
  5: 'AH_SHA2-256',
  6: 'AH_SHA2-384',
  7: 'AH_SHA2-512',
  8: 'AH_RIPEMD',
  9: 'AH_AES-XCBC-MAC',
  10: 'AH_RSA',
  11: 'AH_AES-128-GMAC',
  12: 'AH_AES-192-GMAC',
  13: 'AH_AES-256-GMAC',
} as const;

export const IPCOMP_TRANSFORM = { 1: 'IPCOMP_OUI', 2: 'IPCOMP_DEFLATE', 3: 'IPCOMP_LZS', 4: 'IPCOMP_LZJH' } as const;

const V1_TRANSFORMS: Record<number, NameTable> = {
  1: ISAKMP_TRANSFORM,
  2: AH_TRANSFORM,
  3: ESP_TRANSFORM,
  4: IPCOMP_TRANSFORM,
};

/** IKEv1 transform ID name; the table depends on the proposal's protocol. */
export function transformIdName(protocolId: number, id: number): string {
  const table = V1_TRANSFORMS[protocolId];
  return table ? nameOf(table, id) : String(id);
}

export const IKEV2_TRANSFORM_TYPE = {
  1: 'Encryption Algorithm (ENCR)',
  2: 'Pseudorandom Function (PRF)',
  3: 'Integrity Algorithm (INTEG)',
  4: 'Diffie-Hellman Group (D-H)',
  5: 'Extended Sequence Numbers (ESN)',
} as const;

export const IKEV2_TRANSFORM = { ENCR: 1, PRF: 2, INTEG: 3, DH: 4, ESN: 5 } as const;

export const IKEV2_ENCR = {
  1: 'ENCR_DES_IV64',
  2: 'ENCR_DES',
  3: 'ENCR_3DES',
  4: 'ENCR_RC5',
  5: 'ENCR_IDEA',
  6: 'ENCR_CAST',
  7: 'ENCR_BLOWFISH',
  8: 'ENCR_3IDEA',
  9: 'ENCR_DES_IV32',
  11: 'ENCR_NULL',
  12: 'ENCR_AES_CBC',
  13: 'ENCR_AES_CTR',
  14: 'ENCR_AES_CCM_8',
  15: 'ENCR_AES_CCM_12',
  16: 'ENCR_AES_CCM_16',
  18: 'ENCR_AES_GCM_8',
  19: 'ENCR_AES_GCM_12',
  20: 'ENCR_AES_GCM_16',
  21: 'ENCR_NULL_AUTH_AES_GMAC',
  23: 'ENCR_CAMELLIA_CBC',
  24: 'ENCR_CAMELLIA_CTR',
  25: 'ENCR_CAMELLIA_CCM_8_ICV',
  26: 'ENCR_CAMELLIA_CCM_12_ICV',
  27: 'ENCR_CAMELLIA_CCM_16_ICV',
  28: 'ENCR_CHACHA20_POLY1305',
} as const;

export const IKEV2_PRF = {
  1: 'PRF_HMAC_MD5',
  2: 'PRF_HMAC_SHA1',
  3: 'PRF_HMAC_TIGER',
  4: 'PRF_AES128_XCBC',
  5: 'PRF_HMAC_SHA2_256',
  6: 'PRF_HMAC_SHA2_384',
  7: 'PRF_HMAC_SHA2_512',
  8: 'PRF_AES128_CMAC',
} as const;

export const IKEV2_INTEG = {
  0: 'NONE',
  1: 'AUTH_HMAC_MD5_96',
  2: 'AUTH_HMAC_SHA1_96',
  3: 'AUTH_DES_MAC',
  4: 'AUTH_KPDK_MD5',
  5: 'AUTH_AES_XCBC_96',
  6: 'AUTH_HMAC_MD5_128',
  7: 'AUTH_HMAC_SHA1_160',
  8: 'AUTH_AES_CMAC_96',
  9: 'AUTH_AES_128_GMAC',
  10: 'AUTH_AES_192_GMAC',
  11: 'AUTH_AES_256_GMAC',
  12: 'AUTH_HMAC_SHA2_256_128',
  13: 'AUTH_HMAC_SHA2_384_192',
  14: 'AUTH_HMAC_SHA2_512_256',
} as const;

export const IKEV2_DH = {
  0: 'NONE',
  1: '768-bit MODP Group',
  2: '1024-bit MODP Group',
  5: '1536-bit MODP Group',
  14: '2048-bit MODP Group',
  15: '3072-bit MODP Group',
  16: '4096-bit MODP Group',
  17: '6144-bit MODP Group',
  18: '8192-bit MODP Group',
  19: '256-bit random ECP group',
  20: '384-bit random ECP group',
  21: '521-bit random ECP group',
  22: '1024-bit MODP Group with 160-bit Prime Order Subgroup',
  23: '2048-bit MODP Group with 224-bit Prime Order Subgroup',
  24: '2048-bit MODP Group with 256-bit Prime Order Subgroup',
  25: '192-bit Random ECP Group',
  26: '224-bit Random ECP Group',
  27: 'brainpoolP224r1',
  28: 'brainpoolP256r1',
  29: 'brainpoolP384r1',
  30: 'brainpoolP512r1',
  31: 'Curve25519',
  32: 'Curve448',
} as const;

export const IKEV2_ESN = { 0: 'No Extended Sequence Numbers', 1: 'Extended Sequence Numbers' } as const;

/** IKEv2 transform attribute types (only Key Length is assigned). */
export const IKEV2_TRANSFORM_ATTR = { 14: 'Key Length' } as const;

const V2_TRANSFORMS: Record<number, NameTable> = {
  1: IKEV2_ENCR,
  2: IKEV2_PRF,
  3: IKEV2_INTEG,
  4: IKEV2_DH,
  5: IKEV2_ESN,
};

export function ikev2TransformTypeName(type: number): string {
  return nameOf(IKEV2_TRANSFORM_TYPE, type);
}

export function ikev2TransformIdName(type: number, id: number): string {
  const table = V2_TRANSFORMS[type];
  return table ? nameOf(table, id) : String(id);
}

/** IKEv2 AUTH payload methods (IANA "IKEv2 Authentication Method"). */
export const IKEV2_AUTH_METHOD = {
  1: 'RSA Digital Signature',
  2: 'Shared Key Message Integrity Code',
  3: 'DSS Digital Signature',
  9: 'ECDSA with SHA-256 on the P-256 curve',
  10: 'ECDSA with SHA-384 on the P-384 curve',
  11: 'ECDSA with SHA-512 on the P-521 curve',
  12: 'Generic Secure Password Authentication Method',
  13: 'NULL Authentication',
  14: 'Digital Signature',
} as const;
