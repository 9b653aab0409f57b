// Test-only: wraps payload bodies (given as hex with per-field comments in the tests) in
// generic payload headers and an ISAKMP header, computing the lengths and next-payload chain.

export const h = (...parts: string[]): string => parts.join('').replace(/\s+/g, '');

export function bytes(hexText: string): Uint8Array {
  const clean = hexText.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const hx = (n: number, bytesLen: number): string => n.toString(16).padStart(bytesLen * 2, '0');

export interface PayloadSpec {
  type: number;
  body: string;
  /** override the next-payload field */ next?: number;
}

export interface HeaderSpec {
  ispi?: string;
  rspi?: string;
  version?: number;
  exchange?: number;
  flags?: number;
  messageId?: string;
  /** override the length field */
  length?: number;
  /** override the header's next payload */
  first?: number;
}

export function payloadChain(payloads: PayloadSpec[]): string {
  return payloads
    .map((p, i) => {
      const next = p.next ?? (i + 1 < payloads.length ? payloads[i + 1].type : 0);
      const body = h(p.body);
      return hx(next, 1) + '00' + hx(body.length / 2 + 4, 2) + body;
    })
    .join('');
}

export function message(header: HeaderSpec, payloads: PayloadSpec[]): Uint8Array {
  const chain = payloadChain(payloads);
  const length = header.length ?? 28 + chain.length / 2;
  return bytes(
    h(
      header.ispi ?? '0102030405060708',
      header.rspi ?? '0000000000000000',
      hx(header.first ?? payloads[0]?.type ?? 0, 1),
      hx(header.version ?? 0x10, 1),
      hx(header.exchange ?? 2, 1),
      hx(header.flags ?? 0, 1),
      header.messageId ?? '00000000',
      hx(length, 4),
      chain,
    ),
  );
}
