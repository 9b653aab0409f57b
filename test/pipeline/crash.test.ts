// kill -9 in the middle of an analysis (issue 9): before, the capture stayed PENDING for good
// (the lease outlived every retry and the twin's queue was in memory). Now a restarted twin takes
// the dead claim over and the capture ends DONE within the sweeper interval.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const CAPTURE = 'test/fixtures/public/tcpdump__isakmp4500.pcap';
const SWEEP_MS = 2000;
let dataDir: string;
const children: ChildProcess[] = [];

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; lines: string[]; apiUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/pipeline/child/twin-process.ts', dataDir], {
    env: { ...process.env, ...env, VD_SWEEP_MS: String(SWEEP_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`twin exited ${code}`)));
    child.stdout!.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        if (line.startsWith('ready ')) resolve({ child, lines, apiUrl: line.slice(6) });
      }
    });
  });
}

const until = async (what: () => boolean | Promise<boolean>, ms: number) => {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('kill -9 mid-analysis, restart: the capture ends DONE within the sweeper interval', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'vd-crash-'));
  const first = await startChild({ VD_HANG: '1' });
  const key = (await readFile(join(dataDir, 'first-key.txt'), 'utf8')).trim();
  const up = await runCli(['upload', CAPTURE, '--local', '--data-dir', dataDir]);
  expect(up.code).toBe(0);
  const captureId = up.stdout.split('\t')[0];
  await until(() => first.lines.includes('analysing'), 20_000);
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('close', r));

  const second = await startChild({});
  const restartedAt = Date.now();
  let capture: { status: string; verdict?: string } = { status: 'PENDING' };
  await until(async () => {
    const res = await fetch(`${second.apiUrl}/api/captures/${captureId}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    capture = ((await res.json()) as { capture: typeof capture }).capture;
    return capture.status !== 'PENDING';
  }, 20_000);
  expect(capture.status).toBe('DONE');
  expect(Date.now() - restartedAt).toBeLessThan(SWEEP_MS + 5000);
  second.child.kill('SIGTERM');
}, 90_000);
