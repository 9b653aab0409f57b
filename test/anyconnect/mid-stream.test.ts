// A TLS connection to the AnyConnect port caught mid-stream is an AnyConnect session only when
// the capture is about it: beside an L2TP/IPsec negotiation, the MX's own HTTPS already running
// (no SYN, no hello to name it) is left alone. Real captures: success-nat-t (IKE, MX 198.51.100.1)
// and anyconnect-wrong-password from its frame 14 on (anyconnect-late-wrong-password's frames: a
// connection 192.0.2.50 -> 198.51.100.10:443 caught mid-stream), joined into one file with the
// latter's server moved to the IKE MX's address.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { analyzeCapture } from '#shared/analyze.js';
import { SCENARIOS } from './fixtures.js';

interface Rec {
  sec: number;
  usec: number;
  data: Uint8Array;
}

/** Records of a little-endian, microsecond classic pcap (what tcpdump wrote for the lab). */
function records(path: string): Rec[] {
  const b = readFileSync(path);
  expect(b.readUInt32LE(0)).toBe(0xa1b2c3d4);
  const out: Rec[] = [];
  for (let o = 24; o + 16 <= b.length;) {
    const len = b.readUInt32LE(o + 8);
    out.push({ sec: b.readUInt32LE(o), usec: b.readUInt32LE(o + 4), data: b.subarray(o + 16, o + 16 + len) });
    o += 16 + len;
  }
  return out;
}

function pcap(recs: Rec[]): Uint8Array {
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0);
  head.writeUInt16LE(2, 4);
  head.writeUInt16LE(4, 6);
  head.writeUInt32LE(262144, 16);
  head.writeUInt32LE(1, 20); // Ethernet
  const parts: Buffer[] = [head];
  for (const r of recs) {
    const h = Buffer.alloc(16);
    h.writeUInt32LE(r.sec, 0);
    h.writeUInt32LE(r.usec, 4);
    h.writeUInt32LE(r.data.length, 8);
    h.writeUInt32LE(r.data.length, 12);
    parts.push(h, Buffer.from(r.data));
  }
  return Buffer.concat(parts);
}

/** IPv4 over Ethernet: `from` becomes `to` as source or destination (checksums are not read). */
function moveAddress(r: Rec, from: number[], to: number[]): Rec {
  const d = Uint8Array.from(r.data);
  if (d[12] === 0x08 && d[13] === 0x00)
    for (const at of [26, 30]) if (from.every((x, i) => d[at + i] === x)) d.set(to, at);
  return { ...r, data: d };
}

async function analyze(bytes: Uint8Array, mxIp?: string) {
  async function* source() {
    yield bytes;
  }
  return analyzeCapture(source(), mxIp === undefined ? {} : { mxIp });
}

it('leaves the MX’s own HTTPS caught mid-stream beside an IKE negotiation alone', async () => {
  const ike = records(join(SCENARIOS, 'success-nat-t', 'capture.pcap'));
  const late = records(join(SCENARIOS, 'anyconnect-wrong-password', 'capture.pcap')).slice(13);
  const end = ike[ike.length - 1].sec + 1;
  const shifted = late.map((r, i) => ({
    ...moveAddress(r, [198, 51, 100, 10], [198, 51, 100, 1]),
    sec: end + i,
  }));
  const alone = await analyze(pcap(late));
  expect(alone.anyconnect?.map((s) => [s.verdict, s.reason, s.tcp.beganBeforeCapture])).toEqual([
    ['INCONCLUSIVE', 'capture-started-late', 1],
  ]);
  const both = await analyze(pcap([...ike, ...shifted]));
  expect(both.anyconnect ?? []).toEqual([]);
  expect(both.verdict).toBe('TUNNEL_ESTABLISHED');
});

it('forgets a connection caught mid-stream once another server answers on the port, unless --mx names its own', async () => {
  // Another AnyConnect server (anyconnect-success moved to 198.51.100.99) seen from its start,
  // after the mid-stream login to 198.51.100.10.
  const late = records(join(SCENARIOS, 'anyconnect-wrong-password', 'capture.pcap')).slice(13);
  const end = late[late.length - 1].sec + 1;
  const other = records(join(SCENARIOS, 'anyconnect-success', 'capture.pcap')).map((r, i) => ({
    ...moveAddress(r, [198, 51, 100, 10], [198, 51, 100, 99]),
    sec: end + i,
  }));
  const bytes = pcap([...late, ...other]);
  const servers = (r: Awaited<ReturnType<typeof analyze>>) =>
    (r.anyconnect ?? []).map((s) => [s.responderIp, s.verdict]);
  expect(servers(await analyze(bytes))).toEqual([['198.51.100.99', 'ANYCONNECT_ESTABLISHED']]);
  expect(servers(await analyze(bytes, '198.51.100.10'))).toEqual([
    ['198.51.100.10', 'INCONCLUSIVE'],
    ['198.51.100.99', 'ANYCONNECT_ESTABLISHED'],
  ]);
});
