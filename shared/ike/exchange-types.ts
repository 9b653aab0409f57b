// Exchange types: ISAKMP (RFC 2408 + RFC 2409) and IKEv2 (IANA "IKEv2 Exchange Types").
// IKEv1 names follow Wireshark's Info column ("Identity Protection (Main Mode)").
import { nameOf } from './lookup.js';

export const IKEV1_EXCHANGE = {
  0: 'NONE',
  1: 'Base',
  2: 'Identity Protection (Main Mode)',
  3: 'Authentication Only',
  4: 'Aggressive',
  5: 'Informational',
  6: 'Transaction (Config Mode)',
  32: 'Quick Mode',
  33: 'New Group Mode',
} as const;

export const IKEV2_EXCHANGE = {
  34: 'IKE_SA_INIT',
  35: 'IKE_AUTH',
  36: 'CREATE_CHILD_SA',
  37: 'INFORMATIONAL',
  38: 'IKE_SESSION_RESUME',
  39: 'GSA_AUTH',
  40: 'GSA_REGISTRATION',
  41: 'GSA_REKEY',
  43: 'IKE_INTERMEDIATE',
  44: 'IKE_FOLLOWUP_KE',
} as const;

export function exchangeName(n: number, majorVersion: number): string {
  return nameOf(majorVersion === 2 ? IKEV2_EXCHANGE : IKEV1_EXCHANGE, n);
}
