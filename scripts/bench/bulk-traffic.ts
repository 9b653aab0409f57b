// Bulk traffic for the mixed bench capture, written in place into the output buffer: TCP flows
// (HTTPS with TLS record headers where they fall, HTTP, SSH), other UDP, ESP and ESP-in-UDP.
import { MAC_A, MAC_B, rand } from './packets.js';

// ---------------------------------------------------------------- bulk traffic, written in place
const IPV4_OFFSET = 14;

/** Ethernet [+ VLAN] + IPv4 header at `at`; returns the offset of the layer-4 header. */
function writeHeaders(
  out: Buffer,
  at: number,
  vlan: number,
  src: number,
  dst: number,
  proto: number,
  l4len: number,
): number {
  out.set(MAC_A, at);
  out.set(MAC_B, at + 6);
  let ip = at + IPV4_OFFSET;
  if (vlan > 0) {
    out[at + 12] = 0x81;
    out[at + 13] = 0x00;
    out.writeUInt16BE(vlan, at + 14);
    ip += 4;
  }
  out.writeUInt16BE(0x0800, ip - 2);
  out.writeUInt32BE(0x45000000 | (20 + l4len), ip);
  out.writeUInt32BE(((((src * 31) & 0xffff) << 16) | 0x4000) >>> 0, ip + 4);
  out.writeUInt32BE((64 << 24) | (proto << 16), ip + 8);
  out.writeUInt32BE(src >>> 0, ip + 12);
  out.writeUInt32BE(dst >>> 0, ip + 16);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += out.readUInt16BE(ip + i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  out.writeUInt16BE(~sum & 0xffff, ip + 10);
  return ip + 20;
}

interface Flow {
  client: number;
  server: number;
  cport: number;
  sport: number;
  cseq: number;
  sseq: number;
  tls: boolean;
  left: number;
  hdr: number;
}
const flows: Flow[] = Array.from({ length: 256 }, (_, i) => ({
  client: (10 << 24) | (1 << 16) | i,
  server: (203 << 24) | (0 << 16) | (113 << 8) | ((i % 200) + 1),
  cport: 49152 + i,
  sport: i % 8 === 0 ? 80 : i % 8 === 1 ? 22 : 443,
  cseq: i * 1000003,
  sseq: i * 7777777,
  tls: i % 8 > 1,
  left: 0,
  hdr: 5,
}));
const TLS_RECORD = 16408;

/** Fills `len` payload bytes of a server->client TLS stream: record headers where they fall. */
function tlsStream(out: Buffer, at: number, len: number, f: Flow): void {
  let i = 0;
  while (i < len) {
    if (f.hdr > 0) {
      const k = 5 - f.hdr;
      out[at + i] = k === 0 ? 23 : k === 1 ? 3 : k === 2 ? 3 : k === 3 ? TLS_RECORD >> 8 : TLS_RECORD & 0xff;
      i++;
      if (--f.hdr === 0) f.left = TLS_RECORD;
    } else {
      const n = Math.min(f.left, len - i);
      i += n;
      f.left -= n;
      if (f.left === 0) f.hdr = 5;
    }
  }
}

export function writeTcp(out: Buffer, at: number, vlan: number): number {
  const f = flows[rand(flows.length)];
  const kind = rand(100);
  const toClient = kind < 62;
  const payload = toClient ? 1460 : kind < 92 ? 0 : 80 + rand(520);
  const l4 = writeHeaders(
    out,
    at,
    vlan,
    toClient ? f.server : f.client,
    toClient ? f.client : f.server,
    6,
    20 + payload,
  );
  out.writeUInt16BE(toClient ? f.sport : f.cport, l4);
  out.writeUInt16BE(toClient ? f.cport : f.sport, l4 + 2);
  out.writeUInt32BE((toClient ? f.sseq : f.cseq) >>> 0, l4 + 4);
  out.writeUInt32BE((toClient ? f.cseq : f.sseq) >>> 0, l4 + 8);
  out.writeUInt32BE(0x5000ffff | ((payload ? 0x18 : 0x10) << 16), l4 + 12);
  out.writeUInt32BE(0, l4 + 16);
  if (toClient) {
    if (f.tls) tlsStream(out, l4 + 20, payload, f);
    f.sseq = (f.sseq + payload) >>> 0;
  } else if (payload) {
    if (f.tls) {
      out[l4 + 20] = 23;
      out[l4 + 21] = 3;
      out[l4 + 22] = 3;
      out.writeUInt16BE(payload - 5, l4 + 23);
    }
    f.cseq = (f.cseq + payload) >>> 0;
  }
  const end = l4 + 20 + payload;
  return Math.max(60, end - at); // Ethernet minimum frame (stale padding bytes)
}

export function writeUdp(out: Buffer, at: number, vlan: number): number {
  const len = 18 + rand(1372);
  const i = rand(1024);
  const l4 = writeHeaders(
    out,
    at,
    vlan,
    (10 << 24) | (2 << 16) | i,
    (198 << 24) | (51 << 16) | (100 << 8) | (i & 0xff),
    17,
    8 + len,
  );
  out.writeUInt32BE(((5000 + i) << 16) | (6000 + (i % 3000)), l4);
  out.writeUInt32BE((8 + len) << 16, l4 + 4);
  return Math.max(60, l4 + 8 + len - at);
}

const espSeq = new Uint32Array(64);
export function writeEsp(out: Buffer, at: number, vlan: number, inUdp: boolean): number {
  const s = rand(64);
  const body = 64 + rand(1300);
  const client = (192 << 24) | (0 << 16) | (2 << 8) | (s + 10);
  const mx = (198 << 24) | (51 << 16) | (100 << 8) | 1;
  const up = s & 1;
  let l4 = writeHeaders(out, at, vlan, up ? client : mx, up ? mx : client, inUdp ? 17 : 50, (inUdp ? 8 : 0) + 8 + body);
  if (inUdp) {
    out.writeUInt32BE((4500 << 16) | 4500, l4);
    out.writeUInt32BE((16 + body) << 16, l4 + 4);
    l4 += 8;
  }
  out.writeUInt32BE(0xc0000000 + s * 0x01010101, l4);
  out.writeUInt32BE(++espSeq[s], l4 + 4);
  return Math.max(60, l4 + 8 + body - at);
}
