// ISAKMP/IKE payload type numbers (IANA "IKEv2 Payload Types" and ISAKMP "Next Payload Types",
// RFC 2408, RFC 3947 NAT-T, RFC 7296, RFC 7383) -> names as IANA spells them.
import { nameOf } from './lookup.js';

export const IKEV1_PAYLOAD = {
  0: 'NONE',
  1: 'Security Association (SA)',
  2: 'Proposal (P)',
  3: 'Transform (T)',
  4: 'Key Exchange (KE)',
  5: 'Identification (ID)',
  6: 'Certificate (CERT)',
  7: 'Certificate Request (CR)',
  8: 'Hash (HASH)',
  9: 'Signature (SIG)',
  10: 'Nonce (NONCE)',
  11: 'Notification (N)',
  12: 'Delete (D)',
  13: 'Vendor ID (VID)',
  14: 'Attribute (A)',
  15: 'SA KEK Payload (SAK)',
  16: 'SA TEK Payload (SAT)',
  17: 'Key Download (KD)',
  18: 'Sequence Number (SEQ)',
  19: 'Proof of Possession (POP)',
  20: 'NAT Discovery (NAT-D)',
  21: 'NAT Original Address (NAT-OA)',
  22: 'Group Associated Policy (GAP)',
  130: 'NAT-D (draft-ietf-ipsec-nat-t-ike-01 to 03)',
  131: 'NAT-OA (draft-ietf-ipsec-nat-t-ike-01 to 04)',
  132: 'Cisco-Fragmentation',
} as const;

export const IKEV2_PAYLOAD = {
  0: 'No Next Payload',
  33: 'Security Association',
  34: 'Key Exchange',
  35: 'Identification - Initiator',
  36: 'Identification - Responder',
  37: 'Certificate',
  38: 'Certificate Request',
  39: 'Authentication',
  40: 'Nonce',
  41: 'Notify',
  42: 'Delete',
  43: 'Vendor ID',
  44: 'Traffic Selector - Initiator',
  45: 'Traffic Selector - Responder',
  46: 'Encrypted and Authenticated',
  47: 'Configuration',
  48: 'Extensible Authentication',
  49: 'Generic Secure Password Method',
  50: 'Group Identification',
  51: 'Group Security Association',
  52: 'Key Download',
  53: 'Encrypted and Authenticated Fragment',
  54: 'Puzzle Solution',
} as const;

/** Wire numbers the decoder dispatches on (both versions share one number space). */
export const PAYLOAD = {
  NONE: 0,
  SA: 1, P: 2, T: 3, KE: 4, ID: 5, CERT: 6, CR: 7, HASH: 8, SIG: 9, NONCE: 10, N: 11, D: 12,
  VID: 13, A: 14, NAT_D: 20, NAT_OA: 21, NAT_D_DRAFT: 130, NAT_OA_DRAFT: 131, CISCO_FRAG: 132,
  V2_SA: 33, V2_KE: 34, V2_IDI: 35, V2_IDR: 36, V2_CERT: 37, V2_CERTREQ: 38, V2_AUTH: 39,
  V2_NONCE: 40, V2_N: 41, V2_D: 42, V2_V: 43, V2_TSI: 44, V2_TSR: 45, V2_SK: 46, V2_CP: 47,
  V2_EAP: 48, V2_SKF: 53,
} as const;

export function payloadName(n: number, majorVersion: number): string {
  const first: Record<number, string> = majorVersion === 2 ? IKEV2_PAYLOAD : IKEV1_PAYLOAD;
  const second: Record<number, string> = majorVersion === 2 ? IKEV1_PAYLOAD : IKEV2_PAYLOAD;
  if (n in first) return first[n];
  return n !== 0 && n in second ? second[n] : nameOf(first, n);
}
