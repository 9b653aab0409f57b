// `npm run sweep`: every scenario capture made imperfect the ways real ones are, and analysed
// again: stopped early (cut after each frame), started late (cut from each frame on), damaged
// (the file breaks off at each record) and snapped (every record cut to a snap length). A
// capture made worse may lose its verdict (INCONCLUSIVE) or tell what its frames still show; it
// must not name a failure its frames do not hold. Prints every run whose verdict is neither the
// whole capture's nor INCONCLUSIVE, for a person to judge, and writes the counts to
// docs/robustness/sweep.json. Reads the fixtures in place; not part of `npm test`.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCapture } from '#shared/analyze.js';

const ROOT = 'test/fixtures/scenarios';
const OUT = 'docs/robustness/sweep.json';
const SNAP_LENGTHS = [64, 68, 96, 128, 200, 300, 600];
/** Cut points per capture at most (evenly spread over longer ones). */
const MAX_CUTS = 80;

type Mode = 'prefix' | 'suffix' | 'damage' | 'snap';
interface Run {
  scenario: string;
  mode: Mode;
  at: number;
  expected: string;
  verdict: string;
  reason?: string;
  /** The variant keeps no frame of VPN or authentication traffic (ARP, a bare TCP handshake). */
  noVpnFrames: boolean;
}

/** Protocol counts (report.capture.protocols) that are traffic the diagnosis reads. */
const VPN_OR_AUTH = ['isakmp', 'esp', 'nat-keepalive', 'tls', 'dtls', 'radius', 'dns', 'l2tp'];

/** [start, end) of each record of a little-endian classic pcap (the fixtures' format). */
function records(b: Buffer): [number, number][] | undefined {
  const magic = b.readUInt32LE(0);
  if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) return undefined;
  const out: [number, number][] = [];
  for (let o = 24; o + 16 <= b.length; o += 16 + b.readUInt32LE(o + 8)) out.push([o, o + 16 + b.readUInt32LE(o + 8)]);
  return out;
}

function variant(b: Buffer, recs: [number, number][], mode: Mode, at: number): Buffer {
  const join = (list: [number, number][]) =>
    Buffer.concat([b.subarray(0, 24), ...list.map(([s, e]) => b.subarray(s, e))]);
  if (mode === 'prefix') return join(recs.slice(0, at));
  if (mode === 'suffix') return join(recs.slice(at - 1));
  if (mode === 'damage') {
    const d = Buffer.from(b);
    d.writeUInt32LE(0x400000, recs[at - 1][0] + 8); // record `at` claims 4 MiB: reading stops there
    return d;
  }
  const parts: Buffer[] = [b.subarray(0, 24)];
  for (const [s, e] of recs) {
    const keep = Math.min(e - s - 16, at);
    const head = Buffer.from(b.subarray(s, s + 16));
    head.writeUInt32LE(keep, 8); // orig_len (12) stays: the frame was longer on the wire
    parts.push(head, b.subarray(s + 16, s + 16 + keep));
  }
  return Buffer.concat(parts);
}

function cutPoints(n: number, mode: Mode): number[] {
  if (mode === 'snap') return SNAP_LENGTHS;
  const all =
    n <= MAX_CUTS
      ? Array.from({ length: n }, (_, i) => i + 1)
      : Array.from({ length: MAX_CUTS }, (_, i) => Math.max(1, Math.round(((i + 1) * n) / MAX_CUTS)));
  return [...new Set(all)].filter((k) => !(mode === 'prefix' && k === n) && !(mode === 'suffix' && k === 1));
}

const runs: Run[] = [];
const skipped: string[] = [];
for (const scenario of readdirSync(ROOT).sort()) {
  const dir = join(ROOT, scenario);
  if (!existsSync(join(dir, 'expected.json'))) continue;
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
    verdict: string;
    options?: { ports?: number[] };
  };
  const b = readFileSync(join(dir, 'capture.pcap'));
  const recs = records(b);
  // Damaged fixtures are already cut where they break; pcapng ones are cuts of classic captures.
  if (!recs || scenario.includes('damaged')) {
    skipped.push(scenario);
    continue;
  }
  const port = expected.options?.ports?.[0];
  for (const mode of ['prefix', 'suffix', 'damage', 'snap'] as Mode[])
    for (const at of cutPoints(recs.length, mode)) {
      const bytes = variant(b, recs, mode, at);
      const r = await analyzeCapture(
        (async function* () {
          yield new Uint8Array(bytes);
        })(),
        port === undefined ? {} : { anyconnectPort: port },
      );
      runs.push({
        scenario,
        mode,
        at,
        expected: expected.verdict,
        verdict: r.verdict,
        ...(r.reason ? { reason: r.reason } : {}),
        noVpnFrames: !VPN_OR_AUTH.some((p) => (r.capture.protocols[p] ?? 0) > 0),
      });
    }
  process.stderr.write(`\r${runs.length} runs`);
}
process.stderr.write('\n');

const modes = ['prefix', 'suffix', 'damage', 'snap'] as Mode[];
/** NO_IKE_FROM_CLIENT where nothing of VPN or authentication traffic is left: what those frames show. */
function isNoVpn(r: Run): boolean {
  return r.verdict === 'NO_IKE_FROM_CLIENT' && r.verdict !== r.expected && r.noVpnFrames;
}
function isOther(r: Run): boolean {
  return r.verdict !== r.expected && r.verdict !== 'INCONCLUSIVE' && !isNoVpn(r);
}
const counts = Object.fromEntries(
  modes.map((m) => {
    const list = runs.filter((r) => r.mode === m);
    return [
      m,
      {
        runs: list.length,
        sameVerdict: list.filter((r) => r.verdict === r.expected).length,
        inconclusive: list.filter((r) => r.verdict !== r.expected && r.verdict === 'INCONCLUSIVE').length,
        noIkeWithoutVpnFrames: list.filter(isNoVpn).length,
        other: list.filter(isOther).length,
      },
    ];
  }),
);
const other = runs.filter(isOther);
/** Each scenario's other verdicts, grouped: what a person must judge. */
const grouped = new Map<string, number[]>();
for (const r of other) {
  const key = `${r.mode} ${r.scenario} ${r.expected} -> ${r.verdict}`;
  grouped.set(key, [...(grouped.get(key) ?? []), r.at]);
}
mkdirSync('docs/robustness', { recursive: true });
writeFileSync(
  OUT,
  JSON.stringify(
    { scenarios: new Set(runs.map((r) => r.scenario)).size, skipped, counts, other: Object.fromEntries(grouped) },
    null,
    2,
  ) + '\n',
);
console.log(JSON.stringify(counts));
for (const [k, at] of grouped) console.log(`${k}  at ${at.join(',')}`);
console.log(`written ${OUT}`);
