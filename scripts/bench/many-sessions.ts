// The many-sessions bench capture: what a day of internet IKE scanners plus a few real clients
// look like on an MX's WAN. One real wrong-PSK negotiation (strongSwan against the MX emulation,
// test/fixtures/scenarios/wrong-psk-nat) is repeated from a new client address (198.18.0.0/15,
// the benchmarking range) and new SPIs every 2.3 s, sessions overlapping in time, until the
// file reaches its size; four real scenario clients (their own captures, client address moved to
// 203.0.113.x) are interleaved at 20/40/60/80 %. The real clients' frames are also written alone
// (`<file>.real.pcap`) so their verdicts can be compared with the verdicts inside the big file.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CaptureMeta } from './capture-meta.js';
import { ip4, ip4Text, moveAddress, PcapWriter, readPcap } from './pcap-io.js';

export const MANY_SESSIONS_VERSION = 1;
const MiB = 1024 * 1024;
const SPACING_S = 2.3;
const SEC0 = 1_790_000_000;
const SCANNER_CASE = 'wrong-psk-nat';
const SCANNER_CLIENT = '198.51.100.2';
const REAL_CLIENTS = [
  { case: 'success-nat-t', from: '198.51.100.2', to: '203.0.113.11' },
  { case: 'success-no-nat', from: '192.0.2.10', to: '203.0.113.12' },
  { case: 'phase1-mismatch', from: '198.51.100.2', to: '203.0.113.13' },
  { case: 'udp4500-blocked', from: '198.51.100.2', to: '203.0.113.14' },
];

/** A copy with client address `from` moved to `to` (IPv4 checksum redone, UDP checksum 0) and, given
 *  `spi`, the low 4 bytes of both ISAKMP SPIs replaced so each repetition is its own session. */
function rewrite(data: Buffer, from: number, to: number, spi?: number): Buffer {
  const d = moveAddress(data, from, to);
  const ip = 14;
  if (d.readUInt16BE(12) !== 0x0800 || d[ip + 9] !== 17 || spi === undefined) return d;
  const u = ip + (d[ip] & 0x0f) * 4;
  const sport = d.readUInt16BE(u);
  const dport = d.readUInt16BE(u + 2);
  let o = u + 8;
  if (sport === 4500 || dport === 4500) {
    if (d.readUInt32BE(o) !== 0) return d; // ESP or keep-alive
    o += 4;
  } else if (sport !== 500 && dport !== 500) return d;
  if (d.length < o + 28) return d;
  d.writeUInt32BE(spi >>> 0, o + 4);
  if (d.readUInt32BE(o + 8) !== 0 || d.readUInt32BE(o + 12) !== 0) d.writeUInt32BE(spi >>> 0, o + 12);
  return d;
}

/** What a frame is, read from ports and protocol numbers (not by our decoder). */
function kind(d: Buffer): 'ike' | 'esp' | 'radius' | 'dns' | 'other' {
  if (d.readUInt16BE(12) !== 0x0800) return 'other';
  const ip = 14;
  const u = ip + (d[ip] & 0x0f) * 4;
  if (d[ip + 9] === 50) return 'esp';
  if (d[ip + 9] !== 17) return 'other';
  const ports = [d.readUInt16BE(u), d.readUInt16BE(u + 2)];
  if (ports.includes(500)) return 'ike';
  if (ports.includes(4500)) {
    if (d.length - (u + 8) === 1) return 'other'; // NAT keep-alive
    return d.readUInt32BE(u + 8) === 0 ? 'ike' : 'esp';
  }
  if (ports.includes(1812) || ports.includes(1813)) return 'radius';
  if (ports.includes(53)) return 'dns';
  return 'other';
}

interface Active {
  base: number;
  recs: Buffer[];
  times: number[];
  next: number;
  real: boolean;
}

export async function generateManySessions(path: string, sizeMb: number, scenariosDir: string): Promise<CaptureMeta> {
  mkdirSync(dirname(path), { recursive: true });
  const scanner = readPcap(join(scenariosDir, SCANNER_CASE, 'capture.pcap'));
  const real = REAL_CLIENTS.map((c) => ({ ...c, recs: readPcap(join(scenariosDir, c.case, 'capture.pcap')) }));
  const target = sizeMb * MiB;
  const perSession = scanner.reduce((n, r) => n + 16 + r.data.length, 0);
  const realAt = real.map((_, i) => Math.round(((i + 1) / (real.length + 1)) * (target / perSession)));
  const big = new PcapWriter(createWriteStream(path, { highWaterMark: 8 * MiB }), SEC0);
  const alone: { time: number; data: Buffer }[] = [];
  const special: Record<string, number> = { ike: 0, esp: 0, radius: 0, dns: 0 };
  const active: Active[] = [];
  const from = ip4(SCANNER_CLIENT);
  const firstScanner = ip4('198.18.0.1');
  let sessions = 0;
  let nextStart = 0;

  const nextTime = (a: Active) => a.base + a.times[a.next];
  for (;;) {
    const soonest = active.reduce<Active | undefined>((m, a) => (m && nextTime(m) <= nextTime(a) ? m : a), undefined);
    if (big.bytes < target && (!soonest || nextStart <= nextTime(soonest))) {
      const k = sessions++;
      const client = firstScanner + k;
      active.push({
        base: nextStart,
        recs: scanner.map((r) => rewrite(r.data, from, client, 0x5c000000 + k)),
        times: scanner.map((r) => r.t),
        next: 0,
        real: false,
      });
      const r = realAt.indexOf(k);
      if (r >= 0) {
        const c = real[r];
        active.push({
          base: nextStart + SPACING_S / 2,
          recs: c.recs.map((x) => rewrite(x.data, ip4(c.from), ip4(c.to))),
          times: c.recs.map((x) => x.t),
          next: 0,
          real: true,
        });
      }
      nextStart += SPACING_S;
      continue;
    }
    if (!soonest) break;
    const data = soonest.recs[soonest.next];
    const time = nextTime(soonest);
    await big.frame(time, data);
    const k = kind(data);
    if (k !== 'other') special[k]++;
    if (soonest.real) alone.push({ time, data });
    if (++soonest.next === soonest.recs.length) active.splice(active.indexOf(soonest), 1);
  }
  await big.close();
  const realOnly = new PcapWriter(createWriteStream(`${path}.real.pcap`), SEC0);
  for (const f of alone) await realOnly.frame(f.time, f.data);
  await realOnly.close();
  writeFileSync(`${path}.real.json`, JSON.stringify(REAL_CLIENTS.map((c) => ({ case: c.case, clientIp: c.to }))));
  return {
    kind: 'many-sessions',
    version: MANY_SESSIONS_VERSION,
    sizeMb,
    bytes: big.bytes,
    frames: big.frames,
    special,
    details: {
      scannerNegotiation: `test/fixtures/scenarios/${SCANNER_CASE}/capture.pcap without its ARP frames`,
      scannerSessions: sessions,
      scannerClientAddresses: `${sessions} (${ip4Text(firstScanner)} to ${ip4Text(firstScanner + sessions - 1)})`,
      sessionSpacingSeconds: SPACING_S,
      realClients: REAL_CLIENTS.map((c) => ({ case: c.case, clientIp: c.to })),
      realClientsCapture: `${path}.real.pcap`,
    },
  };
}
