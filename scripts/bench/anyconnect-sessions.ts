// A capture with many AnyConnect sessions: what a crowd of users refused at login (or a scanner
// trying passwords) looks like on an MX's WAN. One real refused login (openconnect against ocserv,
// test/fixtures/scenarios/anyconnect-wrong-password) is repeated from a new client address
// (198.18.0.0/15, the benchmarking range) every `spacing` seconds, sessions overlapping in time;
// real AnyConnect clients (their own captures, the client moved to 203.0.113.x, the same MX) start
// after the first few. Every copy keeps the real bytes; only the client's address changes.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CaptureMeta } from './capture-meta.js';
import { ip4, ip4Text, moveAddress, PcapWriter, readPcap, type Rec } from './pcap-io.js';

export const ANYCONNECT_SESSIONS_VERSION = 1;
/** The MX in every AnyConnect scenario capture: the bench names it (`--mx`), as an upload does. */
export const ANYCONNECT_MX = '198.51.100.10';
const SEC0 = 1_790_000_000;
const SPACING_S = 1;
const REFUSED_CASE = 'anyconnect-wrong-password';
/** The client address in every AnyConnect scenario capture (the MX is 198.51.100.10 in all). */
const LAB_CLIENT = '192.0.2.50';
export const ANYCONNECT_REAL_CLIENTS = [
  { case: 'anyconnect-success', clientIp: '203.0.113.21' },
  { case: 'anyconnect-dtls-blocked', clientIp: '203.0.113.22' },
];
/** A scenario's client moved into the crowd: from its capture's address (`from`, default the lab's) to `clientIp`. */
export interface RealClient {
  case: string;
  clientIp: string;
  from?: string;
  /** Seconds into the capture it starts (default: one after another among the first logins). */
  at?: number;
}

/** Refused logins before the first real client (so it is tracked whatever the limits). */
const REAL_AFTER = 5;

/** `refused` logins from as many addresses, the real clients among them; `<path>.real.json` names those. */
export async function generateAnyConnectSessions(
  path: string,
  refused: number,
  scenariosDir: string,
  spacing = SPACING_S,
  reals: readonly RealClient[] = ANYCONNECT_REAL_CLIENTS,
): Promise<{ bytes: number; frames: number }> {
  mkdirSync(dirname(path), { recursive: true });
  const login = readPcap(join(scenariosDir, REFUSED_CASE, 'capture.pcap'));
  const from = ip4(LAB_CLIENT);
  const first = ip4('198.18.0.1');
  const events: { t: number; order: number; data: Buffer }[] = [];
  const add = (recs: Rec[], base: number, client: number, was = from) => {
    for (const r of recs) events.push({ t: base + r.t, order: events.length, data: moveAddress(r.data, was, client) });
  };
  for (let k = 0; k < refused; k++) add(login, k * spacing, first + k);
  reals.forEach((c, i) =>
    add(
      readPcap(join(scenariosDir, c.case, 'capture.pcap')),
      c.at ?? (REAL_AFTER + i) * spacing + spacing / 2,
      ip4(c.clientIp),
      ip4(c.from ?? LAB_CLIENT),
    ),
  );
  events.sort((a, b) => a.t - b.t || a.order - b.order);
  const out = new PcapWriter(createWriteStream(path), SEC0);
  for (const e of events) await out.frame(e.t, e.data);
  await out.close();
  writeFileSync(`${path}.real.json`, JSON.stringify(reals));
  return { bytes: out.bytes, frames: out.frames };
}

/** The bench's capture: as many refused logins as make `sizeMb`. */
export async function generateAnyConnectBench(
  path: string,
  sizeMb: number,
  scenariosDir: string,
): Promise<CaptureMeta> {
  const login = readPcap(join(scenariosDir, REFUSED_CASE, 'capture.pcap'));
  const perSession = login.reduce((n, r) => n + 16 + r.data.length, 0);
  const refused = Math.max(REAL_AFTER + 1, Math.floor((sizeMb * 1024 * 1024) / perSession));
  const { bytes, frames } = await generateAnyConnectSessions(path, refused, scenariosDir);
  const first = ip4('198.18.0.1');
  return {
    kind: 'anyconnect-sessions',
    version: ANYCONNECT_SESSIONS_VERSION,
    sizeMb,
    bytes,
    frames,
    special: { ike: 0, esp: 0, radius: 0, dns: 0 },
    details: {
      refusedLogin: `test/fixtures/scenarios/${REFUSED_CASE}/capture.pcap without its ARP frames`,
      refusedSessions: refused,
      refusedClientAddresses: `${refused} (${ip4Text(first)} to ${ip4Text(first + refused - 1)})`,
      sessionSpacingSeconds: SPACING_S,
      mx: ANYCONNECT_MX,
      realClients: ANYCONNECT_REAL_CLIENTS,
    },
  };
}
