// Issue 10.8 (CLI): a capture with several clients says every client's verdict at the top.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = 'test/fixtures/scenarios';

it('lists each client with its verdict under the capture verdict (multi-client)', async () => {
  const expected = JSON.parse(await readFile(`${dir}/multi-client/expected.json`, 'utf8')) as {
    sessions: { clientIp: string; verdict: string }[];
  };
  const r = await runCli(['analyze', `${dir}/multi-client/capture.pcap`]);
  expect(r.code).toBe(0);
  const top = r.stdout.split('\n').slice(0, 2 + 1 + expected.sessions.length);
  expect(top[1]).toMatch(/^Verdict: /);
  expect(top[2]).toBe(`Clients: ${expected.sessions.length}`);
  for (const s of expected.sessions)
    expect(top.some((l) => l.trimStart().startsWith(s.clientIp) && l.includes(` ${s.verdict} — `))).toBe(true);
  const ja = await runCli(['analyze', `${dir}/multi-client/capture.pcap`, '--lang', 'ja']);
  expect(ja.stdout.split('\n')[2]).toBe(`クライアント: ${expected.sessions.length}`);
});

it('adds nothing for a single client', async () => {
  const r = await runCli(['analyze', `${dir}/wrong-psk-nat/capture.pcap`]);
  expect(r.stdout).not.toContain('Clients:');
});
