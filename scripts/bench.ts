// `npm run bench [-- --size-mb 200]`: builds a large synthetic capture outside the repo (mostly
// ordinary TCP/UDP/HTTPS traffic, some VLAN tags, with IKEv1 main/quick mode, ESP, RADIUS and
// DNS inside), then times `vpn-doctor decode --summary`, `vpn-doctor analyze --json` (when the
// command exists) and tshark on it, with wall time and peak RSS of each child process.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';

const GENERATOR_VERSION = 1;
const MiB = 1024 * 1024;

// ---------------------------------------------------------------- arguments
function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const sizeMb = Number(option('--size-mb', '1024'));
const file = option('--file', '/tmp/vpn-doctor-bench/big.pcap');
const resultsFile = join(dirname(file), 'results.json');
const skipTshark = process.argv.includes('--no-tshark');
if (!Number.isFinite(sizeMb) || sizeMb <= 0) throw new Error('--size-mb must be a positive number');

// ---------------------------------------------------------------- deterministic randomness
let seed = 0x2545f491;
function rand(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}

// ---------------------------------------------------------------- frame building
const MAC_A = [0x00, 0x18, 0x0a, 0x11, 0x22, 0x33];
const MAC_B = [0x00, 0x0c, 0x29, 0x44, 0x55, 0x66];
const hexBytes = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

interface Packet {
  src: number[];
  dst: number[];
  proto: number;
  vlan?: number;
  l4: Uint8Array;
}

/** Ethernet (optionally 802.1Q) + IPv4 + the given layer-4 bytes. */
function frameBytes(p: Packet, out: Buffer, at: number): number {
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

function udp(sport: number, dport: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([...u16(sport), ...u16(dport), ...u16(8 + payload.length), 0, 0, ...payload]);
}

// ISAKMP (RFC 2408) message: header + payload chain with next-payload fields filled in.
function isakmp(
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

function ikeSession(client: number[], mx: number[], n: number): Packet[] {
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

function radiusPair(nas: number[], server: number[], n: number): Packet[] {
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

function dnsPair(client: number[], server: number[], n: number): Packet[] {
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

function writeTcp(out: Buffer, at: number, vlan: number): number {
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

function writeUdp(out: Buffer, at: number, vlan: number): number {
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
function writeEsp(out: Buffer, at: number, vlan: number, inUdp: boolean): number {
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

// ---------------------------------------------------------------- the capture file
interface CaptureMeta {
  version: number;
  sizeMb: number;
  bytes: number;
  frames: number;
  special: Record<string, number>;
}

async function generate(path: string): Promise<CaptureMeta> {
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
  return { version: GENERATOR_VERSION, sizeMb, bytes: written, frames, special };
}

async function captureFile(): Promise<CaptureMeta> {
  const metaPath = `${file}.json`;
  if (existsSync(file) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CaptureMeta;
    if (meta.version === GENERATOR_VERSION && meta.sizeMb === sizeMb && statSync(file).size === meta.bytes) {
      console.log(`reusing ${file} (${(meta.bytes / 1e6).toFixed(0)} MB, ${meta.frames} frames)`);
      return meta;
    }
  }
  const t0 = performance.now();
  const meta = await generate(file);
  writeFileSync(metaPath, JSON.stringify(meta));
  console.log(
    `generated ${file}: ${(meta.bytes / 1e6).toFixed(0)} MB, ${meta.frames} frames ` +
      `(${JSON.stringify(meta.special)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return meta;
}

// ---------------------------------------------------------------- measuring children
interface Run {
  tool: string;
  seconds: number;
  cpuSeconds?: number;
  peakRssMb: number;
  exitCode: number | null;
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';

/** Runs `cmd` with stdout to a pipe (kept) or discarded; wall time and peak RSS of the child. */
async function measure(tool: string, cmd: string[], keepStdout: boolean): Promise<Run> {
  const useTime = existsSync(GNU_TIME);
  const timeFile = join(dirname(file), `time-${process.pid}.txt`);
  const argv = useTime ? [GNU_TIME, '-f', '%M %U %S', '-o', timeFile, ...cmd] : cmd;
  const t0 = performance.now();
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'inherit'] });
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  let peakKb = 0;
  // Without GNU time: poll VmHWM of the child (high-water mark of its resident set).
  const poll = useTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) peakKb = Math.max(peakKb, Number(m[1]));
        } catch {
          /* exited */
        }
      }, 50);
  const [exitCode] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - t0) / 1000;
  if (poll) clearInterval(poll);
  let cpuSeconds: number | undefined;
  if (useTime) {
    // GNU time's last line: "<max RSS KB> <user s> <system s>" (earlier lines: the child's exit status).
    const [kb, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    peakKb = kb;
    cpuSeconds = user + sys;
  }
  return { tool, seconds, cpuSeconds, peakRssMb: peakKb / 1024, exitCode, stdout };
}

function machine(): Record<string, string | number> {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const tshark = spawnSync('tshark', ['-v'], { encoding: 'utf8' });
  return {
    cpu,
    cores: cpus().length,
    node: process.version,
    load: loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
    tshark: tshark.status === 0 ? tshark.stdout.split('\n')[0].replace(/\.$/, '') : 'not installed',
  };
}

async function main(): Promise<void> {
  const meta = await captureFile();
  (globalThis as { gc?: () => void }).gc?.();
  const cli = ['node', join(import.meta.dirname, '../bin/vpn-doctor.mjs')];
  const runs: Run[] = [];

  const ours = await measure('vpn-doctor decode --summary', [...cli, 'decode', '--summary', file], true);
  runs.push(ours);
  process.stdout.write(ours.stdout);
  const frames = Number(/total: (\d+) frames/.exec(ours.stdout)?.[1] ?? NaN);
  if (ours.exitCode !== 0) console.log(`decode exited with ${ours.exitCode}`);
  if (frames !== meta.frames)
    console.log(`WARNING: decode counted ${frames} frames, the generator wrote ${meta.frames}`);
  // The planted IKE/ESP/RADIUS/DNS frames must all be recognised, or the figures measure nothing.
  for (const [generated, protocol] of [
    ['ike', 'isakmp'],
    ['esp', 'esp'],
    ['radius', 'radius'],
    ['dns', 'dns'],
  ]) {
    const counted = Number(new RegExp(`^${protocol}\\s+(\\d+)`, 'm').exec(ours.stdout)?.[1] ?? 0);
    if (counted !== meta.special[generated])
      console.log(`WARNING: ${protocol}: decoded ${counted} frames, generated ${meta.special[generated]}`);
  }

  const hasAnalyze = spawnSync(cli[0], [cli[1], 'analyze', '--help'], { stdio: 'ignore' }).status === 0;
  if (hasAnalyze) runs.push(await measure('vpn-doctor analyze --json', [...cli, 'analyze', '--json', file], false));
  else console.log('skipping analyze: `vpn-doctor analyze` is not available yet');

  if (!skipTshark && spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0) {
    runs.push(
      await measure(
        'tshark -Y "isakmp || esp || radius"',
        ['tshark', '-r', file, '-Y', 'isakmp || esp || radius', '-T', 'fields', '-e', 'frame.number'],
        false,
      ),
    );
  }

  const tshark = runs.find((r) => r.tool.startsWith('tshark'));
  const rows = runs.map((r) => ({
    tool: r.tool,
    seconds: +r.seconds.toFixed(2),
    cpuSeconds: r.cpuSeconds === undefined ? null : +r.cpuSeconds.toFixed(2),
    mbPerSec: +(meta.bytes / 1e6 / r.seconds).toFixed(1),
    mbPerCpuSec: r.cpuSeconds ? +(meta.bytes / 1e6 / r.cpuSeconds).toFixed(1) : null,
    packetsPerSec: Math.round(meta.frames / r.seconds),
    peakRssMb: +r.peakRssMb.toFixed(1),
    speedupVsTshark: tshark ? +(tshark.seconds / r.seconds).toFixed(1) : null,
    cpuSpeedupVsTshark: tshark?.cpuSeconds && r.cpuSeconds ? +(tshark.cpuSeconds / r.cpuSeconds).toFixed(1) : null,
    exitCode: r.exitCode,
  }));
  const info = machine();
  console.log(
    `\nmachine: ${info.cpu}, ${info.cores} cores, node ${info.node}, ${info.tshark}, load average ${info.load}`,
  );
  console.log(`capture: ${file}, ${(meta.bytes / 1e6).toFixed(0)} MB, ${meta.frames} frames\n`);
  // Wall time is what a user waits; CPU time (user+sys) is steadier on a shared machine.
  const header = [
    'tool',
    'seconds',
    'MB/s',
    'packets/s',
    'peak RSS MB',
    'x tshark',
    'CPU s',
    'MB/CPU-s',
    'x tshark (CPU)',
  ];
  const dash = (v: number | null, digits: number) => (v === null ? '-' : v.toFixed(digits));
  const table = rows.map((r) => [
    r.tool,
    r.seconds.toFixed(2),
    r.mbPerSec.toFixed(0),
    String(r.packetsPerSec),
    r.peakRssMb.toFixed(0),
    dash(r.speedupVsTshark, 1),
    dash(r.cpuSeconds, 2),
    dash(r.mbPerCpuSec, 0),
    dash(r.cpuSpeedupVsTshark, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  for (const line of [header, ...table])
    console.log(line.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  writeFileSync(
    resultsFile,
    JSON.stringify(
      { date: new Date().toISOString(), machine: info, capture: { file, ...meta }, results: rows },
      null,
      2,
    ),
  );
  console.log(`\nresults written to ${resultsFile}`);
}

await main();
