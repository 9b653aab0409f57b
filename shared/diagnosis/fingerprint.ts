// The client's implementation told from its vendor IDs: Windows release from the version of
// MS NT5 ISAKMPOAKLEY, strongSwan, racoon/KAME (macOS, iOS, older Android), Shrew Soft, Cisco
// clients; and what it supports (NAT-T flavour, DPD, IKE fragmentation, XAUTH).
import { vendorIdLabel, windowsReleaseFromVendorId } from '../ike/vendor-ids.js';
import type { IkePayload } from '../ike/types.js';
import { ID_TYPE_V1 } from '../ike/id-types.js';
import { nameOf } from '../ike/lookup.js';

export interface ClientFingerprint {
  fingerprint: string;
  /** The implementation the vendor IDs name (undefined: they name none). */
  implementation?: string;
  os?: string;
  identity?: { type: string; value: string };
  vendorIds: { name: string; hex: string }[];
  features: string[];
}

const IMPLEMENTATIONS: [RegExp, string, string?][] = [
  [/strongswan/i, 'strongSwan'],
  [/libreswan/i, 'Libreswan', 'Linux'],
  [/openswan/i, 'Openswan', 'Linux'],
  [/shrew/i, 'Shrew Soft VPN client', 'Windows'],
  [/kame|racoon|ipsec-tools/i, 'racoon (KAME / ipsec-tools)', 'macOS, iOS or older Android'],
  [/apple|mac ?os/i, 'Apple IKE client', 'macOS or iOS'],
  [/cisco (vpn client|unity)|cisco-unity/i, 'Cisco-compatible client'],
  [/netscreen|juniper/i, 'Juniper / NetScreen'],
  [/check ?point/i, 'Check Point'],
  [/fortinet|fortigate/i, 'Fortinet'],
];

const FEATURES: [RegExp, string][] = [
  [/RFC 3947/i, 'NAT-T (RFC 3947)'],
  [/nat-t-ike|NAT-Traversal/i, 'NAT-T (draft)'],
  [/DPD|Dead Peer/i, 'DPD'],
  [/fragment/i, 'IKE fragmentation'],
  [/xauth/i, 'XAUTH'],
];

/** Vendor IDs read per message (a message of hundreds is not a real client). */
export const MAX_VENDOR_IDS = 32;

/** Windows' own IPsec stack, told by its MS NT5 ISAKMPOAKLEY vendor ID (its registry settings apply). */
export function isWindowsClient(payloads: IkePayload[] | undefined): boolean {
  return (payloads ?? []).some((p) => p.type === 'vendor-id' && windowsReleaseFromVendorId(p.hex) !== undefined);
}

export function fingerprintClient(payloads: IkePayload[] | undefined): ClientFingerprint {
  const vendorIds: { name: string; hex: string }[] = [];
  for (const p of payloads ?? []) {
    if (p.type !== 'vendor-id' || vendorIds.length >= MAX_VENDOR_IDS) continue;
    vendorIds.push({ name: vendorIdLabel(p), hex: p.hex });
  }
  let fingerprint: string | undefined;
  let os: string | undefined;
  for (const v of vendorIds) {
    const release = windowsReleaseFromVendorId(v.hex);
    if (release) {
      fingerprint = `Windows (${release})`;
      os = release;
      break;
    }
  }
  if (!fingerprint) {
    outer: for (const [re, name, guess] of IMPLEMENTATIONS) {
      for (const v of vendorIds)
        if (re.test(v.name)) {
          fingerprint = name;
          os = guess;
          break outer;
        }
    }
  }
  const features: string[] = [];
  for (const [re, label] of FEATURES)
    if (vendorIds.some((v) => re.test(v.name)) && !features.includes(label)) features.push(label);
  // RFC 3947 clients also send the draft IDs for old peers; name the standard only.
  if (features.includes('NAT-T (RFC 3947)'))
    features.splice(0, features.length, ...features.filter((x) => x !== 'NAT-T (draft)'));
  const base = fingerprint ?? (vendorIds.length ? 'unidentified implementation' : 'no vendor IDs');
  const id = (payloads ?? []).find((p) => p.type === 'id');
  const identity = id && id.type === 'id' ? { type: nameOf(ID_TYPE_V1, id.idType), value: id.value } : undefined;
  return {
    fingerprint: features.length ? `${base}; ${features.join(', ')}` : base,
    ...(fingerprint ? { implementation: fingerprint } : {}),
    os,
    vendorIds,
    features,
    ...(identity ? { identity } : {}),
  };
}
