// The client implementation and the features its vendor IDs announce, as fingerprint.ts names
// them, in Japanese. Product names stay as they are; the words around them are Japanese.

const IMPLEMENTATIONS_JA: Record<string, string> = {
  'Shrew Soft VPN client': 'Shrew Soft VPN クライアント',
  'racoon (KAME / ipsec-tools)': 'racoon（KAME / ipsec-tools）',
  'Apple IKE client': 'Apple の IKE クライアント',
  'Cisco-compatible client': 'Cisco 互換クライアント',
};

/** The features fingerprint.ts names, in Japanese (the dashboard words the same features from here). */
export const FEATURES_JA: Readonly<Record<string, string>> = {
  'NAT-T (RFC 3947)': 'NAT-T（RFC 3947）',
  'NAT-T (draft)': 'NAT-T（ドラフト版）',
  'IKE fragmentation': 'IKE フラグメンテーション',
};

/** "Windows (Windows 10/11)" -> "Windows（Windows 10/11）"; known names translated; others as they are. */
export function implementationJa(name: string): string {
  const windows = /^Windows \((.*)\)$/.exec(name);
  if (windows) return `Windows（${windows[1]}）`;
  return IMPLEMENTATIONS_JA[name] ?? name;
}

export function fingerprintFeatureJa(feature: string): string {
  return FEATURES_JA[feature] ?? feature;
}
