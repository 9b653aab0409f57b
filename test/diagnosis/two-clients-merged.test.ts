// Several clients in one capture: every pair of single-client lab captures (one client at
// 192.0.2.10, the other at 198.51.100.2, both towards the MX 198.51.100.1) merged into one file,
// the second starting 0.3 s after the first so their messages interleave. Each client must keep
// the verdict its own capture's expected.json gives (written from its frames), and the capture's
// verdict must be one of theirs: one client's frames never change another's diagnosis. The same
// for an AnyConnect user (192.0.2.50, towards 198.51.100.10 on TCP/UDP 443) beside an L2TP/IPsec
// one. Captures cut or damaged on purpose are left out (a merged file runs on past their end).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCapture } from '#shared/analyze.js';

const SC = join(__dirname, '../fixtures/scenarios');
const MX = '198.51.100.1';

interface Expected {
  verdict: string;
  mxIp?: string;
  clients?: { ip: string; verdict: string }[];
  /** What the user told the analysis (a port of its own): such a capture is left out here. */
  options?: unknown;
  sessions: { clientIp: string; mxIp?: string; mode?: string }[];
  auth: unknown[];
}
interface Rec {
  ns: bigint;
  header: Buffer;
  data: Buffer;
}

/** Records of a little-endian classic Ethernet pcap, times in ns; undefined for any other file (pcapng). */
function records(file: Buffer): Rec[] | undefined {
  const magic = file.readUInt32LE(0);
  if ((magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) || file.readUInt32LE(20) !== 1) return undefined;
  const scale = magic === 0xa1b2c3d4 ? 1000n : 1n;
  const out: Rec[] = [];
  for (let o = 24; o + 16 <= file.length; o += 16 + file.readUInt32LE(o + 8)) {
    const ns = BigInt(file.readUInt32LE(o)) * 1_000_000_000n + BigInt(file.readUInt32LE(o + 4)) * scale;
    out.push({
      ns,
      header: file.subarray(o + 8, o + 16),
      data: file.subarray(o + 16, o + 16 + file.readUInt32LE(o + 8)),
    });
  }
  return out;
}

/** `b` moved to start 0.3 s after `a`, merged by time (a's first on a tie), as a ns pcap. */
function merged(a: Rec[], b: Rec[]): Uint8Array {
  const shift = a[0].ns + 300_000_000n - b[0].ns;
  const all = [...a, ...b.map((r) => ({ ...r, ns: r.ns + shift }))].sort((x, y) =>
    x.ns < y.ns ? -1 : x.ns > y.ns ? 1 : 0,
  );
  const parts: Uint8Array[] = [Buffer.from('4d3cb2a1020004000000000000000000ffff000001000000', 'hex')];
  for (const r of all) {
    const h = Buffer.alloc(8);
    h.writeUInt32LE(Number(r.ns / 1_000_000_000n), 0);
    h.writeUInt32LE(Number(r.ns % 1_000_000_000n), 4);
    parts.push(h, r.header, r.data);
  }
  return new Uint8Array(Buffer.concat(parts));
}

const cases = readdirSync(SC)
  .filter((c) => !/^(cut-|damaged-|snaplen)/.test(c) && existsSync(join(SC, c, 'expected.json')))
  .flatMap((c) => {
    const e = JSON.parse(readFileSync(join(SC, c, 'expected.json'), 'utf8')) as Expected;
    const s = e.sessions;
    // One client (libreswan's cases hold its two attempts), IKE or ESP, nothing else.
    if (s.length === 0 || s.some((x) => x.clientIp !== s[0].clientIp || x.mode === 'anyconnect')) return [];
    if (e.auth.length > 0) return [];
    if ((e.mxIp ?? s[0].mxIp ?? MX) !== MX) return [];
    const recs = records(readFileSync(join(SC, c, 'capture.pcap')));
    const verdict = e.clients?.[0]?.verdict ?? e.verdict;
    return recs ? [{ name: c, client: s[0].clientIp, verdict, recs }] : [];
  });
/** Single-user AnyConnect captures on 443 (nothing to tell the analysis). */
const anyconnect = readdirSync(SC)
  .filter((c) => c.startsWith('anyconnect-') && !/-(cut|damaged|late)-/.test(c))
  .flatMap((c) => {
    const e = JSON.parse(readFileSync(join(SC, c, 'expected.json'), 'utf8')) as Expected;
    const s = e.sessions;
    if (e.options || s.length !== 1 || s[0].mode !== 'anyconnect' || e.auth.length > 0) return [];
    const recs = records(readFileSync(join(SC, c, 'capture.pcap')));
    return recs ? [{ name: c, client: s[0].clientIp, verdict: e.clients?.[0]?.verdict ?? e.verdict, recs }] : [];
  });
const first = cases.filter((c) => c.client === '192.0.2.10');
const second = cases.filter((c) => c.client === '198.51.100.2');

describe('two clients merged into one capture keep their own verdicts', () => {
  it('has enough pairs to mean something', () => {
    expect(first.length).toBeGreaterThanOrEqual(8);
    expect(second.length).toBeGreaterThanOrEqual(20);
    expect(anyconnect.length).toBeGreaterThanOrEqual(15);
  });

  it.each([
    ...first.map((a) => [`${a.name} beside each 198.51.100.2 capture`, a, second] as const),
    ...anyconnect.map((a) => [`${a.name} beside each 198.51.100.2 capture`, a, second] as const),
  ])(
    '%s',
    async (_, a, others) => {
      for (const b of others) {
        const bytes = merged(a.recs, b.recs);
        const r = await analyzeCapture(
          (async function* () {
            yield bytes;
          })(),
        );
        const got = Object.fromEntries(r.clients.map((c) => [c.ip, c.verdict]));
        expect(got, `${a.name} + ${b.name}`).toEqual({ [a.client]: a.verdict, [b.client]: b.verdict });
        expect([a.verdict, b.verdict], `${a.name} + ${b.name} capture verdict`).toContain(r.verdict);
      }
    },
    60_000,
  );
});
