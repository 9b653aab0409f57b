// Packet building for the synthetic bench captures: Ethernet/IPv4/UDP frames, ISAKMP messages,
// an IKEv1 main + quick mode session, RADIUS and DNS pairs. Deterministic: one seeded generator.

// ---------------------------------------------------------------- deterministic randomness
let seed = 0x2545f491;
export function rand(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}

// ---------------------------------------------------------------- frame building
export const MAC_A = [0x00, 0x18, 0x0a, 0x11, 0x22, 0x33];
export const MAC_B = [0x00, 0x0c, 0x29, 0x44, 0x55, 0x66];
const hexBytes = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');
export const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
export const u32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

export interface Packet {
  src: number[];
  dst: number[];
  proto: number;
  vlan?: number;
  l4: Uint8Array;
}

/** Ethernet (optionally 802.1Q) + IPv4 + the given layer-4 bytes. */
export function frameBytes(p: Packet, out: Buffer, at: number): number {
  const start = at;
  out.set(MAC_B, at);
  out.set(MAC_A, at + 6);
  at += 12;
  if (p.vlan !== undefined) {
    out.set([0x81, 0x00, ...u16(p.vlan)], at);
    at += 4;
  }
  out.set([0x08, 0x00], at);
  at += 2;
  const total = 20 + p.l4.length;
  out.set([0x45, 0, ...u16(total), ...u16(rand(65536)), 0x40, 0, 64, p.proto, 0, 0, ...p.src, ...p.dst], at);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (out[at + i] << 8) | out[at + i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  out[at + 10] = (~sum >> 8) & 0xff;
  out[at + 11] = ~sum & 0xff;
  at += 20;
  out.set(p.l4, at);
  return at + p.l4.length - start;
}

export function udp(sport: number, dport: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([...u16(sport), ...u16(dport), ...u16(8 + payload.length), 0, 0, ...payload]);
}

// ISAKMP (RFC 2408) message: header + payload chain with next-payload fields filled in.
export function isakmp(
  ispi: Buffer,
  rspi: Buffer,
  exch: number,
  flags: number,
  msgid: number,
  payloads: { type: number; body: Uint8Array }[],
  encryptedBody?: Uint8Array,
): Uint8Array {
  const parts: number[] = [];
  payloads.forEach((p, i) => {
    parts.push(payloads[i + 1]?.type ?? 0, 0, ...u16(4 + p.body.length), ...p.body);
  });
  const body = encryptedBody ? [...encryptedBody] : parts;
  const first = encryptedBody ? payloads[0].type : (payloads[0]?.type ?? 0);
  return Uint8Array.from([
    ...ispi,
    ...rspi,
    first,
    0x10,
    exch,
    flags,
    ...u32(msgid),
    ...u32(28 + body.length),
    ...body,
  ]);
}
const SA_BODY = hexBytes(
  `00000001 00000001` + // DOI IPsec, situation identity-only
    `0000002c 01010001` + // proposal 1, ISAKMP, no SPI, 1 transform
    `00000024 01010000 80010005 80020002 80030001 80040002 800b0001 000c0004 00007080`,
); // 3DES SHA PSK MODP1024 28800 s
const VID_NATT = hexBytes('4a131c81070358455c5728f20e95452f');
const VID_DPD = hexBytes('afcad71368a1f1c96b8696fc77570100');

export function ikeSession(client: number[], mx: number[], n: number): Packet[] {
  const ispi = Buffer.from(u32(0x1000 + n).concat(u32(n * 7919)));
  const zero = Buffer.alloc(8);
  const rspi = Buffer.from(u32(0x2000 + n).concat(u32(n * 104729)));
  const ke = new Uint8Array(128).fill(n & 0xff);
  const nonce = new Uint8Array(32).fill(0x33);
  const natd = new Uint8Array(20).fill(0x44);
  const enc = (len: number) => new Uint8Array(len).fill(0x77);
  const c2m = (sp: number, dp: number, m: Uint8Array, marker = false): Packet => ({
    src: client,
    dst: mx,
    proto: 17,
    l4: udp(sp, dp, marker ? Uint8Array.from([0, 0, 0, 0, ...m]) : m),
  });
  const m2c = (sp: number, dp: number, m: Uint8Array, marker = false): Packet => ({
    src: mx,
    dst: client,
    proto: 17,
    l4: udp(sp, dp, marker ? Uint8Array.from([0, 0, 0, 0, ...m]) : m),
  });
  const kePayloads = [
    { type: 4, body: Uint8Array.from([...ke]) },
    { type: 10, body: nonce },
    { type: 20, body: natd },
    { type: 20, body: natd },
  ];
  return [
    c2m(
      500,
      500,
      isakmp(ispi, zero, 2, 0, 0, [
        { type: 1, body: SA_BODY },
        { type: 13, body: VID_NATT },
        { type: 13, body: VID_DPD },
      ]),
    ),
    m2c(
      500,
      500,
      isakmp(ispi, rspi, 2, 0, 0, [
        { type: 1, body: SA_BODY },
        { type: 13, body: VID_NATT },
      ]),
    ),
    c2m(500, 500, isakmp(ispi, rspi, 2, 0, 0, kePayloads)),
    m2c(500, 500, isakmp(ispi, rspi, 2, 0, 0, kePayloads)),
    c2m(4500, 4500, isakmp(ispi, rspi, 2, 1, 0, [{ type: 5, body: new Uint8Array(0) }], enc(76)), true),
    m2c(4500, 4500, isakmp(ispi, rspi, 2, 1, 0, [{ type: 5, body: new Uint8Array(0) }], enc(76)), true),
    c2m(4500, 4500, isakmp(ispi, rspi, 32, 1, 0x1234 + n, [{ type: 8, body: new Uint8Array(0) }], enc(412)), true),
    m2c(4500, 4500, isakmp(ispi, rspi, 32, 1, 0x1234 + n, [{ type: 8, body: new Uint8Array(0) }], enc(412)), true),
    c2m(4500, 4500, isakmp(ispi, rspi, 32, 1, 0x1234 + n, [{ type: 8, body: new Uint8Array(0) }], enc(60)), true),
  ];
}

export function radiusPair(nas: number[], server: number[], n: number): Packet[] {
  const id = n & 0xff;
  const user = Buffer.from(`user${n % 1000}@example.com`);
  const attrs = [
    1,
    2 + user.length,
    ...user,
    4,
    6,
    ...nas,
    5,
    6,
    ...u32(n % 64),
    2,
    18,
    ...new Array(16).fill(0x11),
    80,
    18,
    ...new Array(16).fill(0x22),
  ];
  const req = [1, id, ...u16(20 + attrs.length), ...new Array(16).fill(id), ...attrs];
  const acc = [n % 5 === 0 ? 3 : 2, id, ...u16(38), ...new Array(16).fill(0x99), 80, 18, ...new Array(16).fill(0x23)];
  return [
    { src: nas, dst: server, proto: 17, l4: udp(40000 + (n % 2000), 1812, Uint8Array.from(req)) },
    { src: server, dst: nas, proto: 17, l4: udp(1812, 40000 + (n % 2000), Uint8Array.from(acc)) },
  ];
}

export function dnsPair(client: number[], server: number[], n: number): Packet[] {
  const q = [0x06, ...Buffer.from('meraki'), 0x03, ...Buffer.from('com'), 0, 0, 1, 0, 1];
  const id = u16(n & 0xffff);
  const query = [...id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...q];
  const resp = [
    ...id,
    0x81,
    0x80,
    0,
    1,
    0,
    1,
    0,
    0,
    0,
    0,
    ...q,
    0xc0,
    0x0c,
    0,
    1,
    0,
    1,
    0,
    0,
    0,
    60,
    0,
    4,
    198,
    51,
    100,
    n & 0xff,
  ];
  return [
    { src: client, dst: server, proto: 17, l4: udp(30000 + (n % 30000), 53, Uint8Array.from(query)) },
    { src: server, dst: client, proto: 17, l4: udp(53, 30000 + (n % 30000), Uint8Array.from(resp)) },
  ];
}
