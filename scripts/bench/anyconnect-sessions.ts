// A capture with many AnyConnect sessions: what a crowd of users refused at login (or a scanner
// trying passwords) looks like on an MX's WAN. One real refused login (openconnect against ocserv,
// test/fixtures/scenarios/anyconnect-wrong-password) is repeated from a new client address
// (198.18.0.0/15, the benchmarking range) every `spacing` seconds, sessions overlapping in time;
// real AnyConnect clients (their own captures, the client moved to 203.0.113.x, the same MX) start
// after the first few. Every copy keeps the real bytes; only the client's address changes.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ip4, moveAddress, PcapWriter, readPcap, type Rec } from './pcap-io.js';

const SEC0 = 1_790_000_000;
const REFUSED_CASE = 'anyconnect-wrong-password';
/** The client address in every AnyConnect scenario capture (the MX is 198.51.100.10 in all). */
const LAB_CLIENT = '192.0.2.50';
export const ANYCONNECT_REAL_CLIENTS = [
  { case: 'anyconnect-success', clientIp: '203.0.113.21' },
  { case: 'anyconnect-dtls-blocked', clientIp: '203.0.113.22' },
];
/** Refused logins before the first real client (so it is tracked whatever the limits). */
const REAL_AFTER = 5;

export interface AnyConnectSessionsMeta {
  frames: number;
  refusedSessions: number;
  firstRefusedClient: string;
}

export async function generateAnyConnectSessions(
  path: string,
  refused: number,
  scenariosDir: string,
  spacing = 1,
): Promise<AnyConnectSessionsMeta> {
  mkdirSync(dirname(path), { recursive: true });
  const login = readPcap(join(scenariosDir, REFUSED_CASE, 'capture.pcap'));
  const from = ip4(LAB_CLIENT);
  const first = ip4('198.18.0.1');
  const events: { t: number; order: number; data: Buffer }[] = [];
  const add = (recs: Rec[], base: number, client: number) => {
    for (const r of recs) events.push({ t: base + r.t, order: events.length, data: moveAddress(r.data, from, client) });
  };
  for (let k = 0; k < refused; k++) add(login, k * spacing, first + k);
  ANYCONNECT_REAL_CLIENTS.forEach((c, i) =>
    add(
      readPcap(join(scenariosDir, c.case, 'capture.pcap')),
      (REAL_AFTER + i) * spacing + spacing / 2,
      ip4(c.clientIp),
    ),
  );
  events.sort((a, b) => a.t - b.t || a.order - b.order);
  const out = new PcapWriter(createWriteStream(path), SEC0);
  for (const e of events) await out.frame(e.t, e.data);
  await out.close();
  return { frames: out.frames, refusedSessions: refused, firstRefusedClient: '198.18.0.1' };
}
