// IKEv1 phase 1 (Oakley, RFC 2409 appendix A / IANA "IPSEC (IKE) Attributes") and phase 2
// (IPsec DOI, RFC 2407 4.5 / IANA "IPSEC Security Association Attributes") SA attributes.
import { nameOf, type NameTable } from './lookup.js';

export const IKE_ATTR = {
  1: 'Encryption Algorithm',
  2: 'Hash Algorithm',
  3: 'Authentication Method',
  4: 'Group Description',
  5: 'Group Type',
  6: 'Group Prime/Irreducible Polynomial',
  7: 'Group Generator One',
  8: 'Group Generator Two',
  9: 'Group Curve A',
  10: 'Group Curve B',
  11: 'Life Type',
  12: 'Life Duration',
  13: 'PRF',
  14: 'Key Length',
  15: 'Field Size',
  16: 'Group Order',
  17: 'Block Size',
} as const;

/** Phase 1 attribute type numbers. */
export const IKE_ATTR_TYPE = {
  ENCRYPTION: 1,
  HASH: 2,
  AUTH_METHOD: 3,
  GROUP: 4,
  GROUP_TYPE: 5,
  LIFE_TYPE: 11,
  LIFE_DURATION: 12,
  PRF: 13,
  KEY_LENGTH: 14,
} as const;

export const IKE_ENCRYPTION = {
  1: 'DES-CBC',
  2: 'IDEA-CBC',
  3: 'Blowfish-CBC',
  4: 'RC5-R16-B64-CBC',
  5: '3DES-CBC',
  6: 'CAST-CBC',
  7: 'AES-CBC',
  8: 'CAMELLIA-CBC',
} as const;

export const IKE_HASH = {
  1: 'MD5',
  2: 'SHA',
  3: 'Tiger',
  4: 'SHA2-256',
  5: 'SHA2-384',
  6: 'SHA2-512',
} as const;

export const IKE_AUTH_METHOD = {
  1: 'Pre-shared key',
  2: 'DSS signatures',
  3: 'RSA signatures',
  4: 'Encryption with RSA',
  5: 'Revised encryption with RSA',
  6: 'Encryption with El-Gamal',
  7: 'Revised encryption with El-Gamal',
  8: 'ECDSA signatures',
  9: 'ECDSA with SHA-256 on the P-256 curve',
  10: 'ECDSA with SHA-384 on the P-384 curve',
  11: 'ECDSA with SHA-512 on the P-521 curve',
  64221: 'HybridInitRSA',
  64222: 'HybridRespRSA',
  64223: 'HybridInitDSS',
  64224: 'HybridRespDSS',
  65001: 'XAUTHInitPreShared',
  65002: 'XAUTHRespPreShared',
  65003: 'XAUTHInitDSS',
  65004: 'XAUTHRespDSS',
  65005: 'XAUTHInitRSA',
  65006: 'XAUTHRespRSA',
  65007: 'XAUTHInitRSAEncryption',
  65008: 'XAUTHRespRSAEncryption',
  65009: 'XAUTHInitRSARevisedEncryption',
  65010: 'XAUTHRespRSARevisedEncryption',
} as const;

/** Diffie-Hellman groups (IKEv1 Group Description and IPsec PFS share these numbers). */
export const DH_GROUP = {
  1: 'Default 768-bit MODP group',
  2: 'Alternate 1024-bit MODP group',
  3: 'EC2N group on GP[2^155]',
  4: 'EC2N group on GP[2^185]',
  5: '1536 bit MODP group',
  14: '2048-bit MODP group',
  15: '3072-bit MODP group',
  16: '4096-bit MODP group',
  17: '6144-bit MODP group',
  18: '8192-bit MODP group',
  19: '256-bit random ECP group',
  20: '384-bit random ECP group',
  21: '521-bit random ECP group',
  22: '1024-bit MODP Group with 160-bit Prime Order Subgroup',
  23: '2048-bit MODP Group with 224-bit Prime Order Subgroup',
  24: '2048-bit MODP Group with 256-bit Prime Order Subgroup',
  25: '192-bit Random ECP Group',
  26: '224-bit Random ECP Group',
  27: '224-bit Brainpool ECP group',
  28: '256-bit Brainpool ECP group',
  29: '384-bit Brainpool ECP group',
  30: '512-bit Brainpool ECP group',
  31: 'Curve25519',
  32: 'Curve448',
} as const;

export const IKE_GROUP_TYPE = { 1: 'MODP', 2: 'ECP', 3: 'EC2N' } as const;

export const LIFE_TYPE = { 1: 'Seconds', 2: 'Kilobytes' } as const;

/** IPsec DOI (phase 2) SA attributes, RFC 2407 4.5. */
export const IPSEC_ATTR = {
  1: 'SA Life Type',
  2: 'SA Life Duration',
  3: 'Group Description',
  4: 'Encapsulation Mode',
  5: 'Authentication Algorithm',
  6: 'Key Length',
  7: 'Key Rounds',
  8: 'Compress Dictionary Size',
  9: 'Compress Private Algorithm',
  10: 'ECN Tunnel',
  11: 'Extended (64-bit) Sequence Number',
  12: 'Authentication Key Length',
  13: 'Signature Encoding Algorithm',
  14: 'Address Preservation',
  15: 'SA Direction',
} as const;

export const IPSEC_ATTR_TYPE = {
  LIFE_TYPE: 1,
  LIFE_DURATION: 2,
  GROUP: 3,
  ENCAPSULATION_MODE: 4,
  AUTH_ALGORITHM: 5,
  KEY_LENGTH: 6,
} as const;

export const ENCAPSULATION_MODE = {
  1: 'Tunnel',
  2: 'Transport',
  3: 'UDP-Encapsulated-Tunnel',
  4: 'UDP-Encapsulated-Transport',
  61443: 'UDP-Encapsulated-Tunnel (draft)',
  61444: 'UDP-Encapsulated-Transport (draft)',
} as const;

export const IPSEC_AUTH_ALGORITHM = {
  1: 'HMAC-MD5',
  2: 'HMAC-SHA',
  3: 'DES-MAC',
  4: 'KPDK',
  5: 'HMAC-SHA2-256',
  6: 'HMAC-SHA2-384',
  7: 'HMAC-SHA2-512',
  8: 'HMAC-RIPEMD',
  9: 'AES-XCBC-MAC',
  10: 'SIG-RSA',
  11: 'AES-128-GMAC',
  12: 'AES-192-GMAC',
  13: 'AES-256-GMAC',
} as const;

/** Value tables per phase 1 attribute type (only the enumerated ones). */
const IKE_VALUES: Record<number, NameTable> = {
  1: IKE_ENCRYPTION,
  2: IKE_HASH,
  3: IKE_AUTH_METHOD,
  4: DH_GROUP,
  5: IKE_GROUP_TYPE,
  11: LIFE_TYPE,
};

const IPSEC_VALUES: Record<number, NameTable> = {
  1: LIFE_TYPE,
  3: DH_GROUP,
  4: ENCAPSULATION_MODE,
  5: IPSEC_AUTH_ALGORITHM,
};

export function ikeAttributeName(type: number): string {
  return nameOf(IKE_ATTR, type);
}

export function ipsecAttributeName(type: number): string {
  return nameOf(IPSEC_ATTR, type);
}

/** Text of a phase 1 attribute value: a name for enumerated types, else the number. */
export function ikeAttributeValueName(type: number, value: number): string {
  const table = IKE_VALUES[type];
  return table ? nameOf(table, value) : String(value);
}

export function ipsecAttributeValueName(type: number, value: number): string {
  const table = IPSEC_VALUES[type];
  return table ? nameOf(table, value) : String(value);
}
