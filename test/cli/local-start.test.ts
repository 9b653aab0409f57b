// Issue 10.2-3: `npm start` as a new user meets it. A busy port is one line naming the option
// that moves it, and exit 1 (no hang, no stack trace); the first-start banner names the key file
// in the --data-dir actually used; a broken local.json is named by the --local commands, which
// honour VPN_DOCTOR_DATA_DIR as `npm start` does.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ENTRY = join(ROOT, 'cli', 'local-main.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `npm start`'s entry with tsx; `until` ends it with SIGINT once stdout says so. */
function start(args: string[], env: Record<string, string> = {}, until?: RegExp): Promise<Run> {
  return new Promise((done) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (until?.test(stdout)) child.kill('SIGINT');
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

let busy: Server;
let busyPort: number;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpnd-start-'));
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(async () => {
  busy?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  for (const flag of ['--port', '--s3-port', '--dynamo-port']) {
    it(`exits 1 with one line naming ${flag} when its port is in use`, async () => {
      const others = ['--port', '--s3-port', '--dynamo-port'].filter((f) => f !== flag).flatMap((f) => [f, '0']);
      const r = await start([flag, String(busyPort), ...others, '--data-dir', join(dir, flag)]);
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(flag);
      expect(lines[0]).toContain(String(busyPort));
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }, 40_000);
  }

  it('names the first key file inside --data-dir in the first-start banner', async () => {
    const dataDir = join(dir, 'custom-data');
    const r = await start(
      ['--port', '0', '--s3-port', '0', '--dynamo-port', '0', '--data-dir', dataDir, '--quiet'],
      {},
      /Stop: Ctrl-C/,
    );
    expect(r.stdout).toContain(join(dataDir, 'first-key.txt'));
    expect(r.stdout).not.toContain('.vpn-doctor/first-key.txt');
    expect(r.stdout).toContain(`--data-dir ${dataDir}`); // the upload hint uses the same directory
  }, 40_000);
});

describe('--local commands', () => {
  it('read VPN_DOCTOR_DATA_DIR and name a local.json that is not JSON', async () => {
    const dataDir = join(dir, 'env-data');
    await rm(dataDir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(dataDir, { recursive: true }));
    await writeFile(join(dataDir, 'local.json'), '{ "version": 1, oops');
    const saved = process.env.VPN_DOCTOR_DATA_DIR;
    process.env.VPN_DOCTOR_DATA_DIR = dataDir;
    try {
      const r = await runCli(['tenant', 'list', '--local']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(join(dataDir, 'local.json'));
      expect(r.stderr).toContain('not valid JSON');
    } finally {
      if (saved === undefined) delete process.env.VPN_DOCTOR_DATA_DIR;
      else process.env.VPN_DOCTOR_DATA_DIR = saved;
    }
  });
});
