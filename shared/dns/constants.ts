// DNS wire numbers -> names (RFC 1035, 3596, 2782, 6891 …). Unknown values keep their number.

export const DNS_TYPES = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  41: 'OPT',
  43: 'DS',
  46: 'RRSIG',
  48: 'DNSKEY',
  64: 'SVCB',
  65: 'HTTPS',
  255: 'ANY',
} as const satisfies Record<number, string>;

export const DNS_TYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33 } as const;

export const DNS_RCODES = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
} as const satisfies Record<number, string>;

export function dnsTypeName(type: number): string {
  return (DNS_TYPES as Record<number, string>)[type] ?? `TYPE${type}`;
}

export function dnsRcodeName(rcode: number): string {
  return (DNS_RCODES as Record<number, string>)[rcode] ?? `RCODE${rcode}`;
}

/** RFC 1035 2.3.4: a name is at most 255 octets on the wire, a label at most 63. */
export const DNS_MAX_NAME_LENGTH = 255;
export const DNS_HEADER_LENGTH = 12;
/** More records than this in one section are not listed (a 64 KiB message could claim 65535). */
export const DNS_MAX_RECORDS = 256;
