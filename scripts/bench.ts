// `npm run bench [-- --only mixed|many-sessions|anyconnect-sessions] [--size-mb N] [--dir D] [--no-tshark] [--profile] [--repeat N]`
// Builds the bench captures outside the repo (scripts/bench/: a 1 GiB mixed capture, a 100 MiB
// capture of ~43,000 IKE scanner sessions plus real clients, and a 100 MiB capture of ~11,000
// refused AnyConnect logins plus real clients), times `vpn-doctor decode --summary`,
// `vpn-doctor analyze --json` and tshark on each (tshark counting frames per protocol, the job
// decode --summary does, and tshark's filtered pass), and writes docs/bench/<bench>.json. A tool
// whose frame count disagrees with what the generator wrote fails the run (exit status 1, no
// results written into docs/). --profile adds where time and memory go (--cpu-prof/--heap-prof).
// --repeat N (default 3) runs every tool N times, in rounds, and reports each tool's fastest run
// (every run's wall time kept beside it): on a shared machine one run can be a third slower.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { cachedCapture, type CaptureMeta } from './bench/capture-meta.js';
import { generateManySessions, MANY_SESSIONS_VERSION } from './bench/many-sessions.js';
import { ANYCONNECT_MX, ANYCONNECT_SESSIONS_VERSION, generateAnyConnectBench } from './bench/anyconnect-sessions.js';
import { fastest, measure, machine, type Run } from './bench/measure.js';
import { generateMixed, MIXED_VERSION } from './bench/mixed-capture.js';
import { profileRun, type ProfileSummary } from './bench/profile.js';
import { readmeTable } from './bench/readme-table.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin/vpn-doctor.mjs');
const SCENARIOS = join(ROOT, 'test/fixtures/scenarios');
/** tshark's filtered pass: the frames the analysis is about, and how many it must match. */
interface FilteredPass {
  filter: string;
  expected: (meta: CaptureMeta, decodeSummary: string) => number;
}
const IKE_PASS: FilteredPass = {
  filter: 'isakmp || esp || radius',
  expected: (meta) => meta.special.ike + meta.special.esp + meta.special.radius,
};
/** The generator does not parse what it copies: tshark's TLS and DTLS frames must be our decoder's. */
const ANYCONNECT_PASS: FilteredPass = {
  filter: 'tls || dtls',
  expected: (_meta, decodeSummary) => count(decodeSummary, 'tls') + count(decodeSummary, 'dtls'),
};

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const dir = option('--dir') ?? '/tmp/vpn-doctor-bench';
const skipTshark = process.argv.includes('--no-tshark');
const profile = process.argv.includes('--profile');
const repeat = Number(option('--repeat') ?? 3);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat must be a whole number, 1 or more');

const BENCHES = {
  mixed: {
    tshark: IKE_PASS,
    sizeMb: 1024,
    version: MIXED_VERSION,
    generate: (file: string, sizeMb: number) => generateMixed(file, sizeMb),
  },
  'many-sessions': {
    tshark: IKE_PASS,
    sizeMb: 100,
    version: MANY_SESSIONS_VERSION,
    generate: (file: string, sizeMb: number) => generateManySessions(file, sizeMb, SCENARIOS),
  },
  'anyconnect-sessions': {
    tshark: ANYCONNECT_PASS,
    sizeMb: 100,
    version: ANYCONNECT_SESSIONS_VERSION,
    generate: (file: string, sizeMb: number) => generateAnyConnectBench(file, sizeMb, SCENARIOS),
    // Named as an upload's mxIp names it: sessions idle for a minute are then decided as it goes.
    analyzeArgs: ['--mx', ANYCONNECT_MX],
  },
} as const satisfies Record<
  string,
  {
    tshark: FilteredPass;
    sizeMb: number;
    version: number;
    generate: (file: string, sizeMb: number) => Promise<CaptureMeta>;
    analyzeArgs?: readonly string[];
  }
>;
type BenchName = keyof typeof BENCHES;

const count = (text: string, protocol: string) =>
  Number(new RegExp(`^${protocol}\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);

/** Frames in tshark's protocol hierarchy: the sum of the top-level protocols' frames. */
function phsFrames(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/^(\S+)\s+frames:(\d+)/gm)) n += Number(m[2]);
  return n;
}

interface RealClient {
  case: string;
  clientIp: string;
  verdictAlone: string | null;
  verdictInCapture: string | null;
}

type Report = {
  verdict: string;
  clients: { ip: string; verdict: string }[];
  sessions: { clientIp: string; verdict: string }[];
  anyconnect?: unknown[];
  sessionSummaries?: { sessions: number }[];
  clientSummaries?: { clients: number }[];
};

function analyzeJson(file: string): Report {
  const r = spawnSync(process.execPath, [CLI, 'analyze', '--json', file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`analyze of ${file} exited with ${r.status}`);
  return JSON.parse(r.stdout) as Report;
}

/**
 * Each real client's verdict in its own recorded capture (the scenario's, one client) and inside
 * the big capture's report. Not `<file>.real.pcap`: the four clients' frames alone, without the
 * frames that ran on after them, end right after the last client's last message, and
 * udp4500-blocked there is cut short (INCONCLUSIVE) where its own capture proves NAT_T_BLOCKED.
 */
function realClients(file: string, reportPath: string): RealClient[] {
  const clients = JSON.parse(readFileSync(`${file}.real.json`, 'utf8')) as { case: string; clientIp: string }[];
  const big = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
  const inCapture = (ip: string) =>
    big.clients.find((c) => c.ip === ip)?.verdict ?? big.sessions.find((s) => s.clientIp === ip)?.verdict ?? null;
  return clients.map((c) => ({
    ...c,
    verdictAlone: analyzeJson(join(SCENARIOS, c.case, 'capture.pcap')).verdict,
    verdictInCapture: inCapture(c.clientIp),
  }));
}

const sum = (xs: number[] | undefined) => (xs ?? []).reduce((a, b) => a + b, 0);

async function runBench(name: BenchName): Promise<boolean> {
  const spec = BENCHES[name];
  const sizeMb = Number(option('--size-mb') ?? spec.sizeMb);
  if (!Number.isFinite(sizeMb) || sizeMb <= 0) throw new Error('--size-mb must be a positive number');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${sizeMb}mb.pcap`);
  const meta: CaptureMeta = await cachedCapture(file, { kind: name, version: spec.version, sizeMb }, () =>
    spec.generate(file, sizeMb),
  );
  const info = machine(ROOT);
  const failures: string[] = [];
  const runs: Run[] = [];

  const reportPath = join(dir, `${name}-${sizeMb}mb.report.json`);
  const analyzeArgs = ['analyze', '--json', ...('analyzeArgs' in spec ? spec.analyzeArgs : [])];
  const withTshark = !skipTshark && spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0;
  const { filter } = spec.tshark;
  // Rounds of every tool, so that a slow spell of the machine slows one round of each, not one tool.
  const tries: Record<'decode' | 'analyze' | 'phs' | 'filtered', Run[]> = {
    decode: [],
    analyze: [],
    phs: [],
    filtered: [],
  };
  for (let round = 0; round < repeat; round++) {
    tries.decode.push(
      await measure('vpn-doctor decode --summary', [process.execPath, CLI, 'decode', '--summary', file], 'keep', dir),
    );
    tries.analyze.push(
      await measure(
        `vpn-doctor ${analyzeArgs.join(' ')}`,
        [process.execPath, CLI, ...analyzeArgs, file],
        reportPath,
        dir,
      ),
    );
    if (!withTshark) continue;
    tries.phs.push(
      await measure('tshark -q -z io,phs', ['tshark', '-n', '-r', file, '-q', '-z', 'io,phs'], 'keep', dir),
    );
    const f = await measure(
      `tshark -Y "${filter}" -T fields -e frame.number`,
      ['tshark', '-n', '-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number'],
      'keep',
      dir,
    );
    tries.filtered.push(f);
  }
  const decode = fastest(tries.decode);
  runs.push(decode);
  process.stdout.write(decode.stdout);
  const decodedFrames = Number(/total: (\d+) frames/.exec(decode.stdout)?.[1] ?? NaN);
  if (decode.exitCode !== 0) failures.push(`decode exited with ${decode.exitCode}`);
  if (decodedFrames !== meta.frames)
    failures.push(`decode counted ${decodedFrames} frames, the generator wrote ${meta.frames}`);
  // The planted IKE/ESP/RADIUS/DNS frames must all be recognised, or the figures measure nothing.
  const planted: [string, string][] = [
    ['ike', 'isakmp'],
    ['esp', 'esp'],
    ['radius', 'radius'],
    ['dns', 'dns'],
  ];
  for (const [generated, protocol] of planted) {
    const decoded = count(decode.stdout, protocol);
    if (decoded !== meta.special[generated])
      failures.push(`decode: ${protocol} ${decoded} frames, the generator planted ${meta.special[generated]}`);
  }

  const analyze = fastest(tries.analyze);
  runs.push(analyze);
  // Its last line is its own timing; the counts above it must not change from run to run.
  const counts = (r: Run) => r.stdout.replace(/^read .*$/m, '');
  for (const r of tries.decode)
    if (counts(r) !== counts(decode)) failures.push('decode --summary printed different counts in two runs');
  for (const r of tries.analyze) if (r.exitCode !== 0) failures.push(`analyze exited with ${r.exitCode}`);
  const reportBytes = statSync(reportPath).size;
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report & { capture: { frames: number } };
  if (report.capture.frames !== meta.frames)
    failures.push(`analyze read ${report.capture.frames} frames, the generator wrote ${meta.frames}`);

  let phs: Run | undefined;
  let filtered: Run | undefined;
  if (withTshark) {
    phs = fastest(tries.phs);
    runs.push(phs);
    for (const r of tries.phs)
      if (phsFrames(r.stdout) !== meta.frames)
        failures.push(`tshark io,phs counted ${phsFrames(r.stdout)} frames, the generator wrote ${meta.frames}`);
    filtered = fastest(tries.filtered);
    runs.push(filtered);
    const expected = spec.tshark.expected(meta, decode.stdout);
    for (const r of tries.filtered) {
      const matched = r.stdout.split('\n').filter((l) => l !== '').length;
      if (matched !== expected) failures.push(`tshark -Y "${filter}" matched ${matched} frames, expected ${expected}`);
    }
    for (const r of tries.filtered) r.stdout = '';
  }

  const mb = meta.bytes / 1e6;
  const ratio = (base: Run | undefined, r: Run, cpu: boolean) =>
    base === undefined
      ? null
      : cpu
        ? base.cpuSeconds && r.cpuSeconds
          ? +(base.cpuSeconds / r.cpuSeconds).toFixed(1)
          : null
        : +(base.seconds / r.seconds).toFixed(1);
  const allOf = (r: Run) => Object.values(tries).find((t) => t.includes(r)) ?? [r];
  const rows = runs.map((r) => ({
    tool: r.tool,
    seconds: +r.seconds.toFixed(2),
    /** Every run's wall time, in round order (`seconds` is the fastest). */
    secondsEachRun: allOf(r).map((x) => +x.seconds.toFixed(2)),
    cpuSeconds: r.cpuSeconds === undefined ? null : +r.cpuSeconds.toFixed(2),
    mbPerSec: +(mb / r.seconds).toFixed(1),
    mbPerCpuSec: r.cpuSeconds ? +(mb / r.cpuSeconds).toFixed(1) : null,
    packetsPerSec: Math.round(meta.frames / r.seconds),
    peakRssMb: +r.peakRssMb.toFixed(1),
    outputBytes: r === analyze ? reportBytes : null,
    speedupVsTsharkPhs: ratio(phs, r, false),
    speedupVsTsharkFiltered: ratio(filtered, r, false),
    cpuSpeedupVsTsharkPhs: ratio(phs, r, true),
    exitCode: r.exitCode,
  }));

  const real = name === 'mixed' ? undefined : realClients(file, reportPath);
  const profiles: ProfileSummary[] = [];
  if (profile) {
    profiles.push(profileRun(`${name}-decode`, ROOT, CLI, ['decode', '--summary', file], dir));
    profiles.push(profileRun(`${name}-analyze`, ROOT, CLI, [...analyzeArgs, file], dir));
  }

  const result = {
    bench: name,
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    runsPerTool: repeat,
    machine: {
      ...info,
      loadAverageAtEnd: loadavg()
        .map((l) => l.toFixed(1))
        .join(' '),
    },
    capture: { file, ...meta },
    checks: {
      framesWritten: meta.frames,
      decodeFrames: decodedFrames,
      analyzeFrames: report.capture.frames,
      tsharkPhsFrames: phs ? phsFrames(phs.stdout) : null,
      plantedPerProtocol: meta.special,
      decodedPerProtocol: Object.fromEntries(planted.map(([, p]) => [p, count(decode.stdout, p)])),
      failures,
    },
    report: {
      bytes: reportBytes,
      sessions: report.sessions.length,
      anyconnectSessions: report.anyconnect?.length ?? 0,
      sessionsSummarised: sum(report.sessionSummaries?.map((g) => g.sessions)),
      clients: report.clients.length,
      clientsSummarised: sum(report.clientSummaries?.map((g) => g.clients)),
      verdict: report.verdict,
    },
    results: rows,
    ...(real
      ? { realClients: real, realClientVerdictsUnchanged: real.every((c) => c.verdictAlone === c.verdictInCapture) }
      : {}),
    ...(profiles.length ? { profiles } : {}),
  };

  console.log(`\n${name}: ${file}, ${mb.toFixed(0)} MB, ${meta.frames} frames; ${info.cpu}, ${info.cores} cores`);
  const header = ['tool', 'seconds', 'MB/s', 'peak RSS MB', 'output MB', 'x tshark phs', 'x tshark -Y', 'CPU s'];
  const dash = (v: number | null, d: number) => (v === null ? '-' : v.toFixed(d));
  const table = rows.map((r) => [
    r.tool,
    r.seconds.toFixed(2),
    r.mbPerSec.toFixed(0),
    r.peakRssMb.toFixed(0),
    r.outputBytes === null ? '-' : (r.outputBytes / 1e6).toFixed(1),
    dash(r.speedupVsTsharkPhs, 1),
    dash(r.speedupVsTsharkFiltered, 1),
    dash(r.cpuSeconds, 2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  for (const line of [header, ...table])
    console.log(line.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  if (real)
    for (const c of real)
      console.log(
        `real client ${c.clientIp} (${c.case}): alone ${c.verdictAlone}, in the capture ${c.verdictInCapture}`,
      );

  if (failures.length) {
    const where = join(dir, `${name}.failed.json`);
    writeFileSync(where, JSON.stringify(result, null, 2) + '\n');
    for (const f of failures) console.error(`FAIL ${name}: ${f}`);
    console.error(`results not written to docs/bench/ (kept in ${where})`);
    return false;
  }
  const out = join(ROOT, 'docs/bench', `${name}.json`);
  mkdirSync(join(ROOT, 'docs/bench'), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`results written to ${out}`);
  console.log(`\nREADME table (test/docs/bench-figures.test.ts checks README quotes it):\n\n${readmeTable(result)}\n`);
  return true;
}

const only = option('--only');
if (only !== undefined && !(only in BENCHES)) throw new Error(`--only takes ${Object.keys(BENCHES).join(' or ')}`);
let ok = true;
for (const name of (only ? [only] : Object.keys(BENCHES)) as BenchName[]) ok = (await runBench(name)) && ok;
if (!ok) process.exitCode = 1;
