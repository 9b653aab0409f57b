// Identification types (IKEv1: RFC 2407 4.6.2.1; IKEv2: RFC 7296 3.5).

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
