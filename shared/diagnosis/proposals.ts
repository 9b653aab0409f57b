// Phase 1 proposals as people read them ("AES-CBC-256 / SHA / MODP1024 / PSK / 28800 s"), and
// whether Meraki's Client VPN would accept them: phase 1 3DES or AES with SHA1, DH group 2,
// pre-shared key. The responder's choice (main mode 2) is the truth for a given capture.
import { IKE_ATTR_TYPE, ikeAttributeValueName } from '../ike/ikev1-attributes.js';
import type { IkeAttribute, IkePayload, IkeTransform } from '../ike/types.js';
import type { ProposalSummary } from '../report/types.js';
import type { IkeSession } from './ike-session.js';

/** Short DH group names for display; the wire number stays the truth. */
const DH_SHORT: Record<number, string> = {
  1: 'MODP768',
  2: 'MODP1024',
  5: 'MODP1536',
  14: 'MODP2048',
  15: 'MODP3072',
  16: 'MODP4096',
  17: 'MODP6144',
  18: 'MODP8192',
  19: 'ECP256',
  20: 'ECP384',
  21: 'ECP521',
  31: 'Curve25519',
};
const AUTH_SHORT: Record<number, string> = {
  1: 'PSK',
  3: 'RSA-SIG',
  65001: 'XAUTH-PSK',
  65002: 'XAUTH-PSK-R',
  64221: 'HYBRID-RSA',
  65005: 'XAUTH-RSA',
};

const MERAKI_ENCRYPTION = new Set([5, 7]); // 3DES-CBC, AES-CBC
const MERAKI_HASH = 2; // SHA
const MERAKI_GROUP = 2; // MODP1024
const MERAKI_AUTH = 1; // pre-shared key
export const WEAK = { encryption: new Set([1]), hash: new Set([1]), group: new Set([1]) } as const;

function attr(attrs: IkeAttribute[], type: number): number | undefined {
  return attrs.find((a) => a.type === type)?.value;
}

export function summarizeTransform(t: IkeTransform): ProposalSummary {
  const a = t.attributes;
  const enc = attr(a, IKE_ATTR_TYPE.ENCRYPTION);
  const keyLength = attr(a, IKE_ATTR_TYPE.KEY_LENGTH);
  const hash = attr(a, IKE_ATTR_TYPE.HASH);
  const auth = attr(a, IKE_ATTR_TYPE.AUTH_METHOD);
  const group = attr(a, IKE_ATTR_TYPE.GROUP);
  const lifeType = attr(a, IKE_ATTR_TYPE.LIFE_TYPE);
  const life = attr(a, IKE_ATTR_TYPE.LIFE_DURATION);
  const encryption = enc === undefined ? undefined : ikeAttributeValueName(IKE_ATTR_TYPE.ENCRYPTION, enc);
  const hashName = hash === undefined ? undefined : ikeAttributeValueName(IKE_ATTR_TYPE.HASH, hash);
  const authName =
    auth === undefined ? undefined : (AUTH_SHORT[auth] ?? ikeAttributeValueName(IKE_ATTR_TYPE.AUTH_METHOD, auth));
  const dhGroup = group === undefined ? undefined : (DH_SHORT[group] ?? `group ${group}`);
  const lifetimeSeconds = lifeType === 1 || lifeType === undefined ? life : undefined;
  const parts = [
    encryption ? `${encryption}${keyLength ? `-${keyLength}` : ''}` : '?',
    hashName ?? '?',
    dhGroup ?? '?',
    authName ?? '?',
  ];
  if (lifetimeSeconds !== undefined) parts.push(`${lifetimeSeconds} s`);
  return {
    text: parts.join(' / '),
    encryption,
    keyLength,
    hash: hashName,
    auth: authName,
    dhGroup,
    lifetimeSeconds,
    acceptedByMeraki:
      enc !== undefined &&
      MERAKI_ENCRYPTION.has(enc) &&
      hash === MERAKI_HASH &&
      group === MERAKI_GROUP &&
      auth === MERAKI_AUTH,
  };
}

function phase1Transforms(payloads: IkePayload[] | undefined): IkeTransform[] {
  const sa = payloads?.find((p) => p.type === 'sa');
  if (!sa || sa.type !== 'sa') return [];
  return sa.proposals
    .filter((p) => p.protocolId === 1)
    .flatMap((p) => p.transforms)
    .slice(0, 64);
}

export function phase1Proposals(session: IkeSession): { offered: ProposalSummary[]; chosen?: ProposalSummary } {
  if (session.version !== 1) return { offered: [] };
  const offered = phase1Transforms(session.clientSaPayloads).map(summarizeTransform);
  const chosenT = phase1Transforms(session.mxSaPayloads)[0];
  return { offered, chosen: chosenT ? summarizeTransform(chosenT) : undefined };
}

export function offeredText(session: IkeSession): string {
  const { offered } = phase1Proposals(session);
  return offered.length ? offered.map((p) => p.text).join('; ') : 'not visible';
}

/** Weak algorithms among the client's phase 1 offers, as text. */
export function weakOffers(session: IkeSession): string[] {
  const out = new Set<string>();
  for (const t of phase1Transforms(session.clientSaPayloads)) {
    const enc = attr(t.attributes, IKE_ATTR_TYPE.ENCRYPTION);
    const hash = attr(t.attributes, IKE_ATTR_TYPE.HASH);
    const group = attr(t.attributes, IKE_ATTR_TYPE.GROUP);
    if (enc !== undefined && WEAK.encryption.has(enc)) out.add('DES');
    if (hash !== undefined && WEAK.hash.has(hash)) out.add('MD5');
    if (group !== undefined && WEAK.group.has(group)) out.add('MODP768');
  }
  return [...out];
}
