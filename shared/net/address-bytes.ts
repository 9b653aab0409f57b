// IP addresses from their text form (as the decoder writes them, net/ip-address.ts) back to
// bytes: what the NAT-D hashes cover (RFC 3947), and the order people read addresses in.

export function ipBytes(ip: string): Uint8Array | null {
  if (!ip.includes(':')) return ipv4Bytes(ip);
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array(Math.max(fill, 0)).fill('0'), ...tail];
  if (groups.length !== 8) return null;
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const v = parseInt(groups[i], 16);
    if (!Number.isFinite(v) || v < 0 || v > 0xffff) return null;
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  }
  return out;
}

function ipv4Bytes(ip: string): Uint8Array | null {
  const out = new Uint8Array(4);
  return putIpv4(out, 0, ip) ? out : null;
}

/**
 * A dotted-quad IPv4 address's 4 bytes written at `at`, without splitting into strings (runs
 * for every session of big captures); false when `ip` is not one.
 */
export function putIpv4(out: Uint8Array, at: number, ip: string): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= ip.length; i++) {
    const c = i < ip.length ? ip.charCodeAt(i) : 46; // '.' ends the last part
    if (c === 46) {
      if (digits === 0 || part > 3) return false;
      out[at + part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      value = value * 10 + (c - 48);
      digits++;
      if (value > 255) return false;
    } else {
      return false;
    }
  }
  return part === 4;
}

/**
 * A key whose text order is the addresses' numeric order, as Wireshark's Endpoints sorts them:
 * 198.18.0.2 before 198.18.0.10 (text order puts it after), IPv4 before IPv6, anything that is
 * not an address last.
 */
export function addressSortKey(ip: string): string {
  const bytes = ipBytes(ip);
  if (!bytes) return `9${ip}`;
  let key = bytes.length === 4 ? '4' : '6';
  for (const b of bytes) key += b.toString(16).padStart(2, '0');
  return key;
}
