// Measuring a child process: wall time, CPU time (user + system) and peak RSS, with GNU time
// when installed (else VmHWM polled from /proc); and the machine, described from `os`.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Run {
  tool: string;
  seconds: number;
  cpuSeconds?: number;
  peakRssMb: number;
  exitCode: number | null;
  /** Standard output when kept (`stdout: 'keep'`). */
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs `cmd`; its standard output is kept in memory ('keep'), written to a file (a path) or
 * discarded ('discard'). `workDir` holds GNU time's output.
 */
export async function measure(tool: string, cmd: string[], stdout: 'keep' | 'discard' | string, workDir: string) {
  const useTime = existsSync(GNU_TIME);
  const timeFile = join(workDir, `time-${process.pid}.txt`);
  const argv = useTime ? [GNU_TIME, '-f', '%M %U %S', '-o', timeFile, ...cmd] : cmd;
  const outFd = stdout !== 'keep' && stdout !== 'discard' ? openSync(stdout, 'w') : undefined;
  const t0 = performance.now();
  const child = spawn(argv[0], argv.slice(1), {
    stdio: ['ignore', outFd ?? (stdout === 'keep' ? 'pipe' : 'ignore'), 'inherit'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => {
    text += d.toString();
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
  if (outFd !== undefined) closeSync(outFd);
  let cpuSeconds: number | undefined;
  if (useTime) {
    // GNU time's last line: "<max RSS KB> <user s> <system s>" (earlier lines: the child's exit status).
    const [kb, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    peakKb = kb;
    cpuSeconds = user + sys;
    rmSync(timeFile, { force: true });
  }
  const run: Run = { tool, seconds, cpuSeconds, peakRssMb: peakKb / 1024, exitCode, stdout: text };
  return run;
}

/** The run with the least wall time: what the tool costs when the machine is not busy elsewhere. */
export function fastest(runs: Run[]): Run {
  return runs.reduce((best, r) => (r.seconds < best.seconds ? r : best));
}

function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : 'not installed';
}

/** The machine and the tools, as this run found them. */
export function machine(repoDir: string): Record<string, string | number> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: +(totalmem() / 1024 ** 3).toFixed(1),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    tshark: firstLine('tshark', ['-v']).replace(/\.$/, ''),
    gnuTime: existsSync(GNU_TIME) ? firstLine(GNU_TIME, ['--version']) : 'not installed',
    vpnDoctorCommit: firstLine('git', ['-C', repoDir, 'rev-parse', '--short', 'HEAD']),
    loadAverageAtStart: loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  };
}
