// The mixed bench capture: mostly ordinary TCP/UDP/HTTPS traffic with some VLAN tags, and inside
// it IKEv1 main + quick mode sessions on 500/4500, ESP and ESP-in-UDP, RADIUS and DNS. `special`
// counts the planted frames per protocol, which the decoders must all find.
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { writeEsp, writeTcp, writeUdp } from './bulk-traffic.js';
import type { CaptureMeta } from './capture-meta.js';
import { dnsPair, frameBytes, ikeSession, radiusPair, rand, type Packet } from './packets.js';

export const MIXED_VERSION = 1;
const MiB = 1024 * 1024;

export async function generateMixed(path: string, sizeMb: number): Promise<CaptureMeta> {
  mkdirSync(dirname(path), { recursive: true });
  const target = sizeMb * MiB;
  const stream = createWriteStream(path, { highWaterMark: 8 * MiB });
  const BUF = 8 * MiB;
  const buffers = [Buffer.alloc(BUF), Buffer.alloc(BUF)];
  for (const b of buffers) for (let i = 0; i < BUF; i += 4) b.writeUInt32LE((rand(0x7fffffff) * 2) >>> 0, i);
  let which = 0;
  let out = buffers[0];
  let pending: Promise<void> = Promise.resolve();
  // pcap file header: LE, v2.4, snaplen 65535, Ethernet.
  out.set([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0]);
  let at = 24;
  let written = 0;
  let frames = 0;
  let usec = 0;
  const sec0 = 1_790_000_000;
  const special: Record<string, number> = { ike: 0, radius: 0, dns: 0, esp: 0, vlan: 0 };
  const queue: Packet[] = [];
  let sessions = 0;

  const flush = async () => {
    await pending;
    const chunk = out.subarray(0, at);
    pending = new Promise((resolve, reject) => stream.write(chunk, (e) => (e ? reject(e) : resolve())));
    written += at;
    which ^= 1;
    out = buffers[which];
    at = 0;
  };

  while (written + at < target) {
    if (at > BUF - 2048) await flush();
    const rec = at;
    at += 16;
    let len: number;
    if (queue.length) {
      len = frameBytes(queue.shift()!, out, at);
    } else {
      const r = rand(10000);
      const vlan = rand(10) === 0 ? 100 + rand(8) : 0;
      if (vlan) special.vlan++;
      if (r < 3) {
        const n = sessions++;
        queue.push(...ikeSession([192, 0, 2, 10 + (n % 200)], [198, 51, 100, 1], n));
        special.ike += 9;
        len = frameBytes(queue.shift()!, out, at);
      } else if (r < 23) {
        queue.push(...radiusPair([10, 0, 0, 1], [10, 0, 0, 5], frames));
        special.radius += 2;
        len = frameBytes(queue.shift()!, out, at);
      } else if (r < 73) {
        queue.push(...dnsPair([198, 51, 100, 1], [192, 0, 2, 53], frames));
        special.dns += 2;
        len = frameBytes(queue.shift()!, out, at);
      } else if (r < 873) {
        len = writeEsp(out, at, vlan, r < 473);
        special.esp++;
      } else if (r < 1873) {
        len = writeUdp(out, at, vlan);
      } else {
        len = writeTcp(out, at, vlan);
      }
    }
    usec += 3 + rand(12);
    out.writeUInt32LE(sec0 + Math.floor(usec / 1e6), rec);
    out.writeUInt32LE(usec % 1e6, rec + 4);
    out.writeUInt32LE(len, rec + 8);
    out.writeUInt32LE(len, rec + 12);
    at += len;
    frames++;
  }
  await flush();
  await pending;
  stream.end();
  await once(stream, 'close');
  return { kind: 'mixed', version: MIXED_VERSION, sizeMb, bytes: written, frames, special };
}
