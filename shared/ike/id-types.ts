// Identification types (IKEv1: RFC 2407 4.6.2.1; IKEv2: RFC 7296 3.5) and certificate
// encodings (RFC 2408 3.9 / IANA "IKEv2 Certificate Encodings").
import { nameOf } from './lookup.js';

export const ID_TYPE_V1 = {
  1: 'IPV4_ADDR',
  2: 'FQDN',
  3: 'USER_FQDN',
  4: 'IPV4_ADDR_SUBNET',
  5: 'IPV6_ADDR',
  6: 'IPV6_ADDR_SUBNET',
  7: 'IPV4_ADDR_RANGE',
  8: 'IPV6_ADDR_RANGE',
  9: 'DER_ASN1_DN',
  10: 'DER_ASN1_GN',
  11: 'KEY_ID',
  12: 'LIST',
} as const;

export const ID_TYPE_V2 = {
  1: 'ID_IPV4_ADDR',
  2: 'ID_FQDN',
  3: 'ID_RFC822_ADDR',
  5: 'ID_IPV6_ADDR',
  9: 'ID_DER_ASN1_DN',
  10: 'ID_DER_ASN1_GN',
  11: 'ID_KEY_ID',
  12: 'ID_FC_NAME',
  13: 'ID_NULL',
} as const;

/** Shared wire numbers (IKEv2 reuses the IKEv1 values where both exist). */
export const ID_TYPE = {
  IPV4_ADDR: 1,
  FQDN: 2,
  USER_FQDN: 3,
  IPV4_ADDR_SUBNET: 4,
  IPV6_ADDR: 5,
  IPV6_ADDR_SUBNET: 6,
  IPV4_ADDR_RANGE: 7,
  IPV6_ADDR_RANGE: 8,
  DER_ASN1_DN: 9,
  DER_ASN1_GN: 10,
  KEY_ID: 11,
} as const;

export function idTypeName(n: number, majorVersion = 1): string {
  return nameOf(majorVersion === 2 ? ID_TYPE_V2 : ID_TYPE_V1, n);
}

export const CERT_ENCODING = {
  1: 'PKCS #7 wrapped X.509 certificate',
  2: 'PGP Certificate',
  3: 'DNS Signed Key',
  4: 'X.509 Certificate - Signature',
  5: 'X.509 Certificate - Key Exchange',
  6: 'Kerberos Tokens',
  7: 'Certificate Revocation List (CRL)',
  8: 'Authority Revocation List (ARL)',
  9: 'SPKI Certificate',
  10: 'X.509 Certificate - Attribute',
  11: 'Raw RSA Key',
  12: 'Hash and URL of X.509 certificate',
  13: 'Hash and URL of X.509 bundle',
  14: 'OCSP Content',
  15: 'Raw Public Key',
} as const;

export function certEncodingName(n: number): string {
  return nameOf(CERT_ENCODING, n);
}
