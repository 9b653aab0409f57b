// IKEv1 phase 1 SA attributes (Oakley, RFC 2409 appendix A / IANA "IPSEC (IKE) Attributes"):
// the type numbers and the value names the proposal summary prints. DH groups are shown by
// their short names where proposals are summarised.
import { nameOf, type NameTable } from './lookup.js';

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

const IKE_ENCRYPTION = {
  1: 'DES-CBC',
  2: 'IDEA-CBC',
  3: 'Blowfish-CBC',
  4: 'RC5-R16-B64-CBC',
  5: '3DES-CBC',
  6: 'CAST-CBC',
  7: 'AES-CBC',
  8: 'CAMELLIA-CBC',
} as const;

const IKE_HASH = {
  1: 'MD5',
  2: 'SHA',
  3: 'Tiger',
  4: 'SHA2-256',
  5: 'SHA2-384',
  6: 'SHA2-512',
} as const;

const IKE_AUTH_METHOD = {
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

/** Value tables per phase 1 attribute type: the ones the proposal summary names. */
const IKE_VALUES: Record<number, NameTable> = {
  1: IKE_ENCRYPTION,
  2: IKE_HASH,
  3: IKE_AUTH_METHOD,
};

/** Text of a phase 1 attribute value: a name for enumerated types, else the number. */
export function ikeAttributeValueName(type: number, value: number): string {
  const table = IKE_VALUES[type];
  return table ? nameOf(table, value) : String(value);
}
