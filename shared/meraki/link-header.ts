// The Dashboard API's pagination header (RFC 5988 Web Linking): `<url>; rel=first, <url>; rel=next`.
// Pure parsing of a hostile header: bounded, anything malformed is skipped.

const MAX_LINK_HEADER = 16 * 1024;

/** rel -> URL of a Link header; rels are lowercased, the first occurrence wins. */
export function parseLinkHeader(value: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || value.length > MAX_LINK_HEADER) return out;
  for (const m of value.matchAll(/<([^<>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,\s]+)"?/i.exec(m[2])?.[1]?.toLowerCase();
    if (rel && !(rel in out)) out[rel] = m[1].trim();
  }
  return out;
}
