// `vpn-doctor redrive --local` replays the twin's dead letters; a junk file in dlq/ is set aside
// with a warning instead of stopping the redrive (issue 9: it left the twin half-started).
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { api, putCapture, startHarness, type Harness } from './twin-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ deliverEvents: false });
}, 30_000);
afterAll(() => h.close());

it('redrives dead letters through the CLI and sets a malformed file aside', async () => {
  const key = 'captures/local/01JDLQREDRIVE0000000000000/isakmp4500.pcap';
  await putCapture(h.twin, key, await readFile('test/fixtures/public/tcpdump__isakmp4500.pcap'));
  const dlq = join(h.dataDir, 'dlq');
  await mkdir(dlq, { recursive: true });
  const event = {
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        eventTime: new Date().toISOString(),
        s3: { bucket: { name: h.twin.state.bucket }, object: { key } },
      },
    ],
  };
  await writeFile(join(dlq, '1-good.json'), JSON.stringify({ event, error: 'x' }));
  await writeFile(join(dlq, '0-junk.json'), '{"event": tru');

  const res = await runCli(['redrive', '--local', '--data-dir', h.dataDir]);
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(/^redriven 1 event\(s\)/);
  expect((await readdir(dlq)).sort()).toEqual(['0-junk.json.bad']);
  const detail = await api(h.twin, '/api/captures/01JDLQREDRIVE0000000000000', h.twin.firstKey);
  expect(detail.json.capture.status).toBe('DONE');
});
