// Hand-built packets for the layer tests: each helper returns the bytes of one header plus
// its payload, with lengths filled in, so a test states only what it is about.
import type { DecodedFrame } from '#shared/decode/types.js';

export function bytes(...parts: (Uint8Array | number[])[]): Uint8Array {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const u16 = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const u32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const ip4 = (s: string) => s.split('.').map(Number);

export function ipv6Bytes(s: string): number[] {
  const [head, tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => u16(parseInt(g, 16)));
}

export function ether(type: number, payload: Uint8Array, vlans: [tpid: number, vid: number][] = []): Uint8Array {
  // The first TPID is the outer EtherType; each tag then carries the next EtherType.
  const types = [...vlans.map(([tpid]) => tpid), type];
  const hdr: number[] = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, ...u16(types[0])];
  const rest: number[] = [];
  for (let i = 0; i < vlans.length; i++) rest.push(...u16(vlans[i][1]), ...u16(types[i + 1]));
  return bytes(hdr, rest, payload);
}

export interface Ipv4Opts {
  src?: string;
  dst?: string;
  proto?: number;
  id?: number;
  more?: boolean;
  offset?: number;
  ttl?: number;
  totalLength?: number;
}

export function ipv4(o: Ipv4Opts, payload: Uint8Array): Uint8Array {
  const total = o.totalLength ?? 20 + payload.length;
  const ff = (o.more ? 0x2000 : 0) | ((o.offset ?? 0) >> 3);
  return bytes(
    [0x45, 0, ...u16(total), ...u16(o.id ?? 1), ...u16(ff), o.ttl ?? 64, o.proto ?? 17, 0, 0],
    ip4(o.src ?? '192.0.2.1'),
    ip4(o.dst ?? '198.51.100.2'),
    payload,
  );
}

export function ipv6(
  nextHeader: number,
  payload: Uint8Array,
  src = '2001:db8::1',
  dst = '2001:db8::2',
  hopLimit = 64,
): Uint8Array {
  return bytes([0x60, 0, 0, 0, ...u16(payload.length), nextHeader, hopLimit], ipv6Bytes(src), ipv6Bytes(dst), payload);
}

/** Generic IPv6 extension header (hop-by-hop, routing, destination options), 8 bytes. */
export function ext6(next: number, payload: Uint8Array): Uint8Array {
  return bytes([next, 0, 0, 0, 0, 0, 0, 0], payload);
}

export function frag6(next: number, offset: number, more: boolean, id: number, payload: Uint8Array): Uint8Array {
  return bytes([next, 0, ...u16(offset | (more ? 1 : 0)), ...u32(id)], payload);
}

/** Authentication Header with a 12-byte ICV (payload length field 4 = 24 bytes total). */
export function ah(next: number, payload: Uint8Array): Uint8Array {
  return bytes([next, 4, 0, 0, ...u32(0x1000), ...u32(1), ...Array(12).fill(0xaa)], payload);
}

export function udp(sport: number, dport: number, payload: Uint8Array, length = 8 + payload.length): Uint8Array {
  return bytes([...u16(sport), ...u16(dport), ...u16(length), 0, 0], payload);
}

export function tcp(sport: number, dport: number, seq: number, flags: number, payload: Uint8Array): Uint8Array {
  return bytes([...u16(sport), ...u16(dport), ...u32(seq), ...u32(0), 0x50, flags, ...u16(65535), 0, 0, 0, 0], payload);
}

export function esp(spi: number, seq: number, body = 16): Uint8Array {
  return bytes(u32(spi), u32(seq), Array(body).fill(0x5a));
}

export function tlsRecord(type: number, body: Uint8Array): Uint8Array {
  return bytes([type, 3, 3, ...u16(body.length)], body);
}

export function rawFrame(data: Uint8Array, linkType = 1, number = 1, timeSec = 1_700_000_000) {
  return { number, timeSec, timeNsec: 0, originalLength: data.length, data, linkType, interfaceId: 0 };
}

export function emptyFrame(length: number, number = 1, linkType = 1) {
  return {
    number,
    timeSec: 1_700_000_000,
    timeNsec: 0,
    length,
    capturedLength: length,
    linkType,
    protocols: [] as string[],
    anomalies: [] as { layer: string; code: string; message: string; frame?: number }[],
  } as DecodedFrame;
}

export const SLL_HEADER = (proto: number) => [0, 0, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0, ...u16(proto)];
export const SLL2_HEADER = (proto: number) => [...u16(proto), 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0];
