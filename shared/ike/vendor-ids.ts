// Known Vendor IDs, as Wireshark 4.0's ISAKMP dissector names them (epan/dissectors/
// packet-isakmp.c, `vendor_id` table; facts checked against tshark 4.0.17). Wireshark matches
// a table entry when the payload STARTS with its bytes, first entry wins, so short entries
// (XAUTH, SonicWALL, CISCO-UNITY, Fortigate…) also name longer, versioned IDs. An unknown ID
// has no name here; tshark prints "Unknown Vendor ID" for it.

export interface VendorIdEntry {
  /** Lower-case hex of the bytes the payload must start with. */
  readonly prefix: string;
  readonly name: string;
}

/** In Wireshark's table order: the first matching prefix wins. */
export const VENDOR_IDS: readonly VendorIdEntry[] = [
  { prefix: 'fbf47614984031fa8e3bb6198089b223', name: 'Ssh Communications Security IPSEC Express version 1.1.0' },
  { prefix: '1952dc91ac20f646fb01cf42a33aee30', name: 'Ssh Communications Security IPSEC Express version 1.1.1' },
  { prefix: 'e8bffa643e5c8f2cd10fda7370b6ebe5', name: 'Ssh Communications Security IPSEC Express version 1.1.2' },
  { prefix: 'c1111b2dee8cbc3d620573ec57aab9cb', name: 'Ssh Communications Security IPSEC Express version 1.2.1' },
  { prefix: '09ec27bfbc09c75823cfecbffe565a2e', name: 'Ssh Communications Security IPSEC Express version 1.2.2' },
  { prefix: '7f21a596e4e318f0b2f4944c2384cb84', name: 'SSH Communications Security IPSEC Express version 2.0.0' },
  { prefix: '2836d1fd2807bc9e5ae30786320451ec', name: 'SSH Communications Security IPSEC Express version 2.1.0' },
  { prefix: 'a68de756a9c5229bae66498040951ad5', name: 'SSH Communications Security IPSEC Express version 2.1.1' },
  { prefix: '3f2372867e237c1cd8250a75559cae20', name: 'SSH Communications Security IPSEC Express version 2.1.2' },
  { prefix: '0e58d5774df602007d0b02443660f7eb', name: 'SSH Communications Security IPSEC Express version 3.0.0' },
  { prefix: 'f5ce31ebc210f44350cf71265b57380f', name: 'SSH Communications Security IPSEC Express version 3.0.1' },
  { prefix: 'f64260af2e2742daddd56987068a99a0', name: 'SSH Communications Security IPSEC Express version 4.0.0' },
  { prefix: '7a54d3bdb3b1e6d923892064be2d981c', name: 'SSH Communications Security IPSEC Express version 4.0.1' },
  { prefix: '9aa1f3b43472a45d5f506aeb260cf214', name: 'SSH Communications Security IPSEC Express version 4.1.0' },
  { prefix: '89f7b760d86b012acf263382394d962f', name: 'SSH Communications Security IPSEC Express version 4.1.1' },
  { prefix: '6880c7d026099114e486c55430e7abee', name: 'SSH Communications Security IPSEC Express version 4.2.0' },
  { prefix: 'b037a21aceccb5570f602546f97bde8c', name: 'SSH Communications Security IPSEC Express version 5.0' },
  { prefix: '2b2dad97c4d140930053287f996850b0', name: 'SSH Communications Security IPSEC Express version 5.0.0' },
  { prefix: '45e17f3abe93944cb202910c59ef806b', name: 'SSH Communications Security IPSEC Express version 5.1.0' },
  { prefix: '5925859f7377ed7816d2fb81c01fa551', name: 'SSH Communications Security IPSEC Express version 5.1.1' },
  { prefix: '054182a07c7ae206f9d2cf9d2432c482', name: 'SSH Sentinel' },
  { prefix: 'b91623e693ca18a54c6a2778552305e8', name: 'SSH Sentinel 1.1' },
  { prefix: '5430888de01a31a6fa8f60224e449958', name: 'SSH Sentinel 1.2' },
  { prefix: '7ee5cb85f71ce259c94a5c731ee4e752', name: 'SSH Sentinel 1.3' },
  { prefix: '63d9a1a7009491b5a0a6fdeb2a8284f0', name: 'SSH Sentinel 1.4' },
  { prefix: 'eb4b0d96276b4e220ad16221a7b2a5e6', name: 'SSH Sentinel 1.4.1' },
  { prefix: '37eba0c4136184e7daf8562a77060b4a', name: 'SSH Communications Security QuickSec 0.9.0' },
  { prefix: '5d72925e55948a9661a7fc48fdec7ff9', name: 'SSH Communications Security QuickSec 1.1.0' },
  { prefix: '777fbf4c5af6d1cdd4b895a05bf82594', name: 'SSH Communications Security QuickSec 1.1.1' },
  { prefix: '2cdf08e712ede8a5978761267cd19b91', name: 'SSH Communications Security QuickSec 1.1.2' },
  { prefix: '59e454a8c2cf02a34959121f1890bc87', name: 'SSH Communications Security QuickSec 1.1.3' },
  { prefix: '6a7434c19d7e36348090a02334c9c805', name: 'draft-huttunen-ipsec-esp-in-udp-00.txt' },
  { prefix: '50760f624c63e5c53eea386c685ca083', name: 'draft-huttunen-ipsec-esp-in-udp-01.txt (ESPThruNAT)' },
  { prefix: '27bab5dc01ea0760ea4e3190ac27c0d0', name: 'draft-stenberg-ipsec-nat-traversal-01' },
  { prefix: '6105c422e76847e43f9684801292aecd', name: 'draft-stenberg-ipsec-nat-traversal-02' },
  { prefix: '4df37928e9fc4fd1b3262170d515c662', name: 'draft-ietf-ipsec-nat-t-ike' },
  { prefix: '4485152d18b6bbcd0be8a8469579ddcc', name: 'draft-ietf-ipsec-nat-t-ike-00' },
  { prefix: '16f6ca16e4a4066d83821a0f0aeaa862', name: 'draft-ietf-ipsec-nat-t-ike-01' },
  { prefix: 'cd60464335df21f87cfdb2fc68b6a448', name: 'draft-ietf-ipsec-nat-t-ike-02' },
  // Wireshark's name holds a literal backslash and "n" (the ID is MD5 of the name + newline).
  { prefix: '90cb80913ebb696e086381b5ec427b1f', name: 'draft-ietf-ipsec-nat-t-ike-02\\n' },
  { prefix: '7d9419a65310ca6f2c179d9215529d56', name: 'draft-ietf-ipsec-nat-t-ike-03' },
  { prefix: '9909b64eed937c6573de52ace952fa6b', name: 'draft-ietf-ipsec-nat-t-ike-04' },
  { prefix: '80d0bb3def54565ee84645d4c85ce3ee', name: 'draft-ietf-ipsec-nat-t-ike-05' },
  { prefix: '4d1e0e136deafa34c4f3ea9f02ec7285', name: 'draft-ietf-ipsec-nat-t-ike-06' },
  { prefix: '439b59f8ba676c4c7737ae22eab8f582', name: 'draft-ietf-ipsec-nat-t-ike-07' },
  { prefix: '8f8d83826d246b6fc7a8a6a428c11de8', name: 'draft-ietf-ipsec-nat-t-ike-08' },
  { prefix: '42ea5b6f898d9773a575df26e7dd19e1', name: 'draft-ietf-ipsec-nat-t-ike-09' },
  { prefix: 'c40fee00d5d39ddb1fc762e09b7cfea7', name: 'Testing NAT-T RFC' },
  { prefix: '4a131c81070358455c5728f20e95452f', name: 'RFC 3947 Negotiation of NAT-Traversal in the IKE' },
  { prefix: '09002689dfd6b71280a224dec33b81e5', name: 'draft-beaulieu-ike-xauth-02.txt' },
  // Truncated MD5 of "draft-ietf-ipsra-isakmp-xauth-06.txt".
  { prefix: '09002689dfd6b712', name: 'XAUTH' },
  { prefix: 'afcad71368a1f1c96b8696fc77570100', name: 'RFC 3706 DPD (Dead Peer Detection)' },
  { prefix: '325df29a2319f2dd', name: 'draft-ietf-ipsec-antireplay-00.txt' },
  { prefix: '8db7a41811221660', name: 'draft-ietf-ipsec-heartbeats-00.txt' },
  { prefix: 'ba290499c24e84e53a1d83a05e5f00c9', name: 'IKE Challenge/Response for Authenticated Cryptographic Keys' },
  { prefix: '0d33611a5d521b5e3c9c03d2fc107e12', name: 'IKE Challenge/Response for Authenticated Cryptographic Keys' },
  {
    prefix: 'ad3251042cdc4652c9e0734ce5de4c7d',
    name: 'IKE Challenge/Response for Authenticated Cryptographic Keys (Revised)',
  },
  {
    prefix: '013f11823f966fa91900f024ba66a86b',
    name: 'IKE Challenge/Response for Authenticated Cryptographic Keys (Revised)',
  },
  // MD5("FRAGMENTATION"): Cisco, and Windows/strongSwan IKEv1 fragmentation.
  { prefix: '4048b7d56ebce88525e7de7f00d6c2d3', name: 'Cisco Fragmentation' },
  { prefix: '464c455856504e2d535550504f52544544', name: 'Cisco FlexVPN Supported' },
  { prefix: '434953434f2d44454c4554452d524541534f4e', name: 'Cisco Delete Reason Supported' },
  { prefix: '434953434f2d44594e414d49432d524f555445', name: 'Cisco Dynamic Route Supported' },
  { prefix: '434953434f56504e2d5245562d3032', name: 'Cisco VPN Revision 2' },
  {
    prefix:
      '434953434f28434f505952494748542926436f7079726967687420286329203230303920436973636f2053797374656d732c20496e632e',
    name: 'Cisco Copyright',
  },
  { prefix: '434953434f2d4752452d4d4f4445', name: 'Cisco GRE Mode Supported' },
  { prefix: '26244d38eddb61b3172a36e3d0cfb819', name: 'Microsoft Vid-Initial-Contact' },
  { prefix: 'b46d8914f3aaa3f2fedeb7c7db2943ca', name: 'A GSS-API Authentication Method for IKE' },
  { prefix: 'ad2c0dd0b9c32083ccba25b8861ec455', name: 'A GSS-API Authentication Method for IKE' },
  { prefix: '621b04bb09882ac1e15935fefa24aeee', name: 'GSSAPI' },
  // Followed by a 4-byte big-endian version: the Windows release.
  { prefix: '1e2b516905991c7d7c96fcbfb587e461', name: 'MS NT5 ISAKMPOAKLEY' },
  // Followed by major and minor version bytes.
  { prefix: '12f5f28c457168a9702d9fe274cc', name: 'CISCO-UNITY' },
  { prefix: '1f07f70eaa6514d3b0fa96542a500100', name: 'CISCO-CONCENTRATOR' },
  { prefix: '4048b7d56ebce88525e7de7f00d6c2d380000000', name: 'Cisco Fragmentation' },
  { prefix: 'f4ed19e0c114eb516faaac0ee37daf2807b4381f', name: 'CryptoPro/GOST 0.1 / Check Point R65' },
  { prefix: '031017e07f7a82e3aa6950c999990100', name: 'CryptoPro/GOST 1.0 / Check Point R71' },
  { prefix: '031017e07f7a82e3aa6950c999990101', name: 'CryptoPro/GOST 1.1' },
  { prefix: '9aa1f3b43472a45d5f506aeb26c0f214', name: 'CyberGuard' },
  { prefix: 'f14b94b7bff1fef02773b8c49feded26', name: 'Shrew Soft' },
  { prefix: '882fe56d6fd20dbc2251613b2ebe5beb', name: 'strongSwan' },
  { prefix: '7003cbc1097dbe9c2600ba6983bc8b35', name: 'KAME/racoon' },
  { prefix: '20a3622c1cea7ce37bee3ca484425276', name: 'IPSec-Tools' },
  { prefix: '299ee8289f40a8973bc78687e2e7226b532c3b76', name: 'Netscreen-1' },
  { prefix: '3a15e1f3cf2a63582e3ac82d1c64cbe3b6d779e7', name: 'Netscreen-2' },
  { prefix: '47d2b126bfcd83489760e2cf8c5d4d5a03497c15', name: 'Netscreen-3' },
  { prefix: '4a4340b543e02b84c88a8b96a8af9ebe77d9accc', name: 'Netscreen-4' },
  { prefix: '64405f46f03b7660a23be116a1975058e69e8387', name: 'Netscreen-5' },
  { prefix: '699369228741c6d4ca094c93e242c9de19e7b7c6', name: 'Netscreen-6' },
  { prefix: '8c0dc6cf62a0ef1b5c6eabd1b67ba69866adf16a', name: 'Netscreen-7' },
  { prefix: '92d27a9ecb31d99246986d3453d0c3d57a222a61', name: 'Netscreen-8' },
  { prefix: '9b096d9ac3275a7d6fe8b91c583111b09efed1a0', name: 'Netscreen-9' },
  { prefix: 'bf03746108d746c904f1f3547de24f78479fed12', name: 'Netscreen-10' },
  { prefix: 'c2e80500f4cc5fbf5daaeed3bb59abaeee56c652', name: 'Netscreen-11' },
  { prefix: 'c8660a62b03b1b6130bf781608d32a6a8d0fb89f', name: 'Netscreen-12' },
  { prefix: 'f885da40b1e7a9abd17655ec5bbec0f21f0ed52e', name: 'Netscreen-13' },
  { prefix: '2a2bcac19b8e91b426107807e02e7249569d6fd3', name: 'Netscreen-14' },
  { prefix: '166f932d55eb64d8e4df4fd37e2313f0d0fd8451', name: 'Netscreen-15' },
  { prefix: 'a35bfd05ca1ac0b3d2f24e9e82bfcbff9c9e52b5', name: 'Netscreen-16' },
  { prefix: '625027749d5ab97f5616c1602765cf480a3b7d0b', name: 'ZYWALL' },
  { prefix: '8404adf9cda05760b2ca292e4bff537b', name: 'SIDEWINDER' },
  { prefix: '404bf439522ca3f6', name: 'SonicWALL' },
  { prefix: '4865617274426561745f4e6f74696679', name: 'Heartbeat Notify' },
  { prefix: '2d7922c6b301d9b0e1342739e9cfbbd5', name: 'DWR: Delete with reason' },
  { prefix: 'ca3e2b854ba8030017dc1023a4fde2041f9f7463', name: 'Remote AP (Aruba Networks)' },
  { prefix: '3c8e70bdf9c7d74add53e4100915dc2e4bb51274', name: 'Controller (Aruba Networks)' },
  { prefix: '88f0e3149b3fa48b05aa7f685f0b766be186ccb8', name: 'VIA Client (Aruba Networks)' },
  { prefix: '56494120417574682050726f66696c65203a20', name: 'VIA Auth Profile (Aruba Networks)' },
  { prefix: 'e3a5966a76379fe707228231e5ce8652', name: 'IKE CGA Version 1' },
  { prefix: 'fb1de3cdf341b7ea16b7e5be0855f120', name: 'MS-Negotiation Discovery Capable' },
  { prefix: '8299031757a36082c6a621de', name: 'Fortigate (Fortinet)' },
  { prefix: '4c53427b6d465d1b337bb755a37a7fef', name: 'Forticlient connect license (Fortinet)' },
  { prefix: 'b4f01ca951e9da8d0bafbbd34ad3044e', name: 'Endpoint Control (Fortinet)' },
];

/** Wireshark's label for a Vendor ID it does not know. */
export const UNKNOWN_VENDOR_ID = 'Unknown Vendor ID';

/** What a decoded Vendor ID payload is called: its name, else Wireshark's label for an unknown one. */
export function vendorIdLabel(p: { name?: string; hex: string }): string {
  return p.name ?? vendorIdName(p.hex) ?? UNKNOWN_VENDOR_ID;
}

/** Wireshark's name for a Vendor ID given as hex (any case), or undefined when unknown. */
export function vendorIdName(vidHex: string): string | undefined {
  const h = vidHex.toLowerCase();
  // The same few IDs come in every message of every session: remember the answers (bounded).
  const known = NAME_CACHE.get(h);
  if (known !== undefined) return known === null ? undefined : known;
  let name: string | undefined;
  for (const e of VENDOR_IDS)
    if (h.startsWith(e.prefix)) {
      name = e.name;
      break;
    }
  if (NAME_CACHE.size >= NAME_CACHE_MAX) NAME_CACHE.clear();
  NAME_CACHE.set(h, name ?? null);
  return name;
}

const NAME_CACHE = new Map<string, string | null>();
const NAME_CACHE_MAX = 4096;

const MS_NT5 = '1e2b516905991c7d7c96fcbfb587e461';

/**
 * The "MS NT5 ISAKMPOAKLEY" version (the 4 bytes after the MD5) -> Windows release. 2..5 are
 * Wireshark's names; 6..9 are our reading of field logs (v8 from Windows 7-era clients, v9
 * from Windows 10/11), not a Microsoft table: treat them as a hint, the number is the fact.
 */
export const MS_NT5_VERSION = {
  2: 'Windows 2000',
  3: 'Windows XP SP1',
  4: 'Windows 2003 and Windows XP SP2',
  5: 'Windows Vista',
  6: 'Windows Vista SP1 / Server 2008',
  7: 'Windows 7 / Server 2008 R2',
  8: 'Windows 7 / Server 2008 R2 or later',
  9: 'Windows 8 or later (8.1, 10, 11)',
} as const;

/** Version number carried by an MS NT5 ISAKMPOAKLEY Vendor ID, if the ID is one. */
export function msNt5Version(vidHex: string): number | undefined {
  const h = vidHex.toLowerCase();
  if (!h.startsWith(MS_NT5) || h.length < MS_NT5.length + 8) return undefined;
  const v = Number.parseInt(h.slice(MS_NT5.length, MS_NT5.length + 8), 16);
  return Number.isFinite(v) ? v : undefined;
}

/** Windows release named by an MS NT5 ISAKMPOAKLEY Vendor ID ("version N" when unlisted). */
export function windowsReleaseFromVendorId(vidHex: string): string | undefined {
  const v = msNt5Version(vidHex);
  if (v === undefined) return undefined;
  const table: Record<number, string> = MS_NT5_VERSION;
  return table[v] ?? `MS NT5 ISAKMPOAKLEY version ${v}`;
}
