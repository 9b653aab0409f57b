// Where time goes: a child run under `node --cpu-prof`, summarised as the functions and source
// files with the most self time (mapped back to the TypeScript sources through dist/'s source
// maps), with the JS heap at its largest and the rest of memory then (heap-peak.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface CpuNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  command: string;
  cpuSeconds: number;
  /** Self time by function, most first. */
  topSelfTime: { function: string; ms: number; percent: number }[];
  /** Self time by source file, most first. */
  bySourceFile: { file: string; ms: number; percent: number }[];
  /** process.memoryUsage() when the JS heap was largest (sampled every 100 ms), in MB. */
  atHeapPeakMb: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
}

const maps = new Map<string, SourceMap | null>();

/** Source file and line of a bundled location (dist/… with its .map), else the bundle's own. */
function source(f: CallFrame, root: string): { file: string; line: number } {
  if (!f.url.startsWith('file:')) return { file: f.url || '(native)', line: f.lineNumber + 1 };
  const path = fileURLToPath(f.url);
  if (!maps.has(path))
    maps.set(path, existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))) : null);
  const entry = maps.get(path)?.findEntry(f.lineNumber, f.columnNumber) as
    { originalSource?: string; originalLine?: number } | undefined;
  if (entry?.originalSource) {
    const original = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : join(path, '..', entry.originalSource);
    return { file: relative(root, original), line: (entry.originalLine ?? 0) + 1 };
  }
  return { file: relative(root, path), line: f.lineNumber + 1 };
}

function top<T>(m: Map<string, number>, n: number, row: (k: string, v: number) => T): T[] {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => row(k, v));
}

/** Runs `node --cpu-prof script args…` (stdout discarded, heap sampled at its peak) and summarises. */
export function profileRun(
  name: string,
  root: string,
  script: string,
  args: string[],
  dir: string,
  n = 12,
): ProfileSummary {
  const out = join(dir, `profile-${name}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const heapFile = join(out, 'memory-peak.json');
  const preload = pathToFileURL(join(root, 'scripts/bench/heap-peak.mjs')).href;
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', out, '--import', preload, script, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, VPN_DOCTOR_HEAP_PEAK_OUT: heapFile },
  });
  if (r.status !== 0) throw new Error(`profiled run ${name} exited with ${r.status}`);
  const cpuFile = readdirSync(out).find((f) => f.endsWith('.cpuprofile'))!;
  const cpu = JSON.parse(readFileSync(join(out, cpuFile), 'utf8')) as CpuProfile;
  const peak = JSON.parse(readFileSync(heapFile, 'utf8')) as Record<string, number>;
  const where = (f: CallFrame) => {
    const s = source(f, root);
    return `${f.functionName || '(anonymous)'} ${s.file}:${s.line}`;
  };

  const byId = new Map(cpu.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  cpu.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (cpu.timeDeltas[i] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    byFunction.set(where(f), (byFunction.get(where(f)) ?? 0) + us);
    const file = f.url ? source(f, root).file : f.functionName.startsWith('(') ? f.functionName : '(native)';
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const mb = (b: number | undefined) => +((b ?? 0) / 1e6).toFixed(1);
  const pct = (us: number) => +((100 * us) / totalUs).toFixed(1);

  return {
    command: `node --cpu-prof --import heap-peak.mjs ${basename(script)} ${args.join(' ')}`,
    cpuSeconds: +(totalUs / 1e6).toFixed(2),
    topSelfTime: top(byFunction, n, (k, us) => ({ function: k, ms: Math.round(us / 1000), percent: pct(us) })),
    bySourceFile: top(byFile, n, (k, us) => ({ file: k, ms: Math.round(us / 1000), percent: pct(us) })),
    atHeapPeakMb: {
      rss: mb(peak.rss),
      heapUsed: mb(peak.heapUsed),
      heapTotal: mb(peak.heapTotal),
      external: mb(peak.external),
      arrayBuffers: mb(peak.arrayBuffers),
    },
  };
}
