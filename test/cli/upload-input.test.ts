// Issue 10.4: `vpn-doctor upload` refuses what is not one capture file before touching any
// target: one line, exit 2, no stack trace, and never "uploaded nothing" with exit 0.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpnd-upload-'));
  await writeFile(join(dir, 'empty.pcap'), '');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cases: [string, () => string, RegExp][] = [
  ['a directory', () => dir, /is a directory/],
  ['/dev/null', () => '/dev/null', /not a regular file/],
  ['an empty file', () => join(dir, 'empty.pcap'), /is empty: nothing to upload/],
  ['a missing file', () => join(dir, 'nope.pcap'), /no such file/],
];

for (const [what, path, message] of cases)
  it(`refuses ${what} with one line and exit 2`, async () => {
    const r = await runCli(['upload', path(), '--local', '--data-dir', join(dir, 'no-twin')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^vpn-doctor: upload: /);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toContain(path());
  });
