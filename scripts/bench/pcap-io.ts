// Reading a real capture's records and writing a new classic pcap, for the generators that repeat
// real negotiations from many client addresses (many-sessions.ts, anyconnect-sessions.ts).
import { once } from 'node:events';
import { readFileSync, type WriteStream } from 'node:fs';

const MiB = 1024 * 1024;

export interface Rec {
  /** Seconds from the first frame of its capture. */
  t: number;
  data: Buffer;
}

export const ip4 = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);
export const ip4Text = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** Records of a little-endian classic pcap (µs or ns), Ethernet; ARP frames left out. */
export function readPcap(path: string): Rec[] {
  const b = readFileSync(path);
  const magic = b.readUInt32LE(0);
  if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error(`${path}: not a little-endian pcap`);
  if (b.readUInt32LE(20) !== 1) throw new Error(`${path}: not Ethernet`);
  const div = magic === 0xa1b2c3d4 ? 1e6 : 1e9;
  const recs: Rec[] = [];
  for (let o = 24; o + 16 <= b.length;) {
    const len = b.readUInt32LE(o + 8);
    const data = b.subarray(o + 16, o + 16 + len);
    if (data.readUInt16BE(12) !== 0x0806) recs.push({ t: b.readUInt32LE(o) + b.readUInt32LE(o + 4) / div, data });
    o += 16 + len;
  }
  const t0 = recs[0].t;
  return recs.map((r) => ({ t: r.t - t0, data: r.data }));
}

function ipChecksum(d: Buffer, ip: number, ihl: number): void {
  d.writeUInt16BE(0, ip + 10);
  let sum = 0;
  for (let i = 0; i < ihl; i += 2) sum += d.readUInt16BE(ip + i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  d.writeUInt16BE(~sum & 0xffff, ip + 10);
}

/**
 * A copy of an IPv4 frame with address `from` moved to `to`, its IPv4 checksum redone and a UDP
 * checksum zeroed (optional in IPv4); a TCP checksum is left as it was (neither tshark nor our
 * decoder checks it).
 */
export function moveAddress(data: Buffer, from: number, to: number): Buffer {
  const d = Buffer.from(data);
  if (d.readUInt16BE(12) !== 0x0800) return d;
  const ip = 14;
  const ihl = (d[ip] & 0x0f) * 4;
  if (d.readUInt32BE(ip + 12) === from) d.writeUInt32BE(to, ip + 12);
  if (d.readUInt32BE(ip + 16) === from) d.writeUInt32BE(to, ip + 16);
  ipChecksum(d, ip, ihl);
  if (d[ip + 9] === 17) d.writeUInt16BE(0, ip + ihl + 6);
  return d;
}

/** A classic pcap (µs, Ethernet) written in chunks; times are seconds after `sec0`. */
export class PcapWriter {
  private chunks: Buffer[] = [];
  private size = 0;
  bytes = 0;
  frames = 0;
  constructor(
    private readonly out: WriteStream,
    private readonly sec0: number,
  ) {
    this.push(Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex'));
  }
  private push(b: Buffer): void {
    this.chunks.push(b);
    this.size += b.length;
    this.bytes += b.length;
  }
  async frame(time: number, data: Buffer): Promise<void> {
    const h = Buffer.alloc(16);
    const usec = Math.round(time * 1e6);
    h.writeUInt32LE(this.sec0 + Math.floor(usec / 1e6), 0);
    h.writeUInt32LE(usec % 1e6, 4);
    h.writeUInt32LE(data.length, 8);
    h.writeUInt32LE(data.length, 12);
    this.push(h);
    this.push(data);
    this.frames++;
    if (this.size >= 4 * MiB) await this.flush();
  }
  async flush(): Promise<void> {
    const chunk = Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'close');
  }
}
