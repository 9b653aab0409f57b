// GET /api/captures filters against the twin: verdict (the capture's or a client's), status, file
// name (case-insensitive), upload range, paging through a filtered list with the cursor, and 400 on
// bad values. The expected rows are the unfiltered list's, filtered here by the same rule; the
// clients' verdicts of the two-client capture are its fixture's.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaptureItem } from '#shared/api/contract.js';
import { runCli } from '../cli/run-cli.js';
import { api, listEveryPage, startHarness, waitForCapture, type Harness } from './twin-harness.js';

let h: Harness;
let all: CaptureItem[];
const key = () => h.twin.firstKey!;

beforeAll(async () => {
  h = await startHarness();
  const local = ['--local', '--data-dir', h.dataDir];
  // Newest first the list reads esp-one-way, success-no-nat, success-nat-t, …: two neighbours with
  // one verdict, so a filtered page of 2 fills in the middle of a read (the cursor case). The
  // oldest, multi-client, is PSK_MISMATCH for the capture with a client whose tunnel came up.
  for (const s of [
    'multi-client',
    'wrong-psk-nat',
    'wrong-psk-no-nat',
    'success-nat-t',
    'success-no-nat',
    'esp-one-way',
  ]) {
    const res = await runCli(['upload', `test/fixtures/scenarios/${s}/capture.pcap`, ...local]);
    expect(res.code, res.stderr).toBe(0);
    await waitForCapture(h.twin, key(), res.stdout.split('\t')[0]!);
  }
  all = (await api(h.twin, '/api/captures?limit=100', key())).json.items;
  expect(all).toHaveLength(6);
}, 60_000);
afterAll(async () => h?.close());

async function everyPage(query: string, limit: number): Promise<string[]> {
  return (await listEveryPage(h.twin, key(), query, limit)).map((c) => c.captureId);
}

it('counts the clients of a capture per verdict, as its fixture says', () => {
  const expected = JSON.parse(readFileSync('test/fixtures/scenarios/multi-client/expected.json', 'utf8')) as {
    verdict: string;
    clients: { verdict: string }[];
  };
  const multi = all.at(-1)!;
  expect(multi.verdict).toBe(expected.verdict);
  expect(multi.clientVerdicts).toEqual([
    { verdict: 'PSK_MISMATCH', clients: 1 },
    { verdict: 'TUNNEL_ESTABLISHED', clients: 1 },
  ]);
  expect(expected.clients.map((c) => c.verdict).sort()).toEqual(['PSK_MISMATCH', 'TUNNEL_ESTABLISHED']);
  for (const c of all.slice(0, -1)) expect(c.clientVerdicts).toEqual([{ verdict: c.verdict, clients: 1 }]);
});

it('filters by verdict, status and file name, page by page', async () => {
  const verdict = all[0]!.verdict!;
  const has = (c: CaptureItem, code: string) =>
    c.verdict === code || !!c.clientVerdicts?.some((x) => x.verdict === code);
  const byVerdict = all.filter((c) => has(c, verdict)).map((c) => c.captureId);
  expect(await everyPage(`verdict=${verdict}`, 1)).toEqual(byVerdict);
  for (const code of new Set(all.map((c) => c.verdict!)))
    for (const limit of [1, 2, 3])
      expect(await everyPage(`verdict=${code}`, limit), `${code} ${limit}`).toEqual(
        all.filter((c) => has(c, code)).map((c) => c.captureId),
      );
  // A client's verdict finds the capture whose own verdict is another client's.
  const established = await everyPage('verdict=TUNNEL_ESTABLISHED', 2);
  expect(established).toContain(all.at(-1)!.captureId);
  expect(established).toHaveLength(3);
  expect(await everyPage('status=DONE', 2)).toEqual(all.map((c) => c.captureId));
  expect(await everyPage('status=FAILED', 2)).toEqual([]);
  // The CLI stores the file name as given (capture.pcap): the name filter matches case-insensitively.
  expect(await everyPage('q=CAPTURE.PC', 2)).toEqual(all.map((c) => c.captureId));
  expect(await everyPage('q=nothing-like-this', 2)).toEqual([]);
});

it('filters by upload time: [from, to)', async () => {
  const times = all.map((c) => c.uploadedAt); // newest first
  const mid = times[2]!;
  expect(await everyPage(`from=${mid}`, 2)).toEqual(all.slice(0, 3).map((c) => c.captureId));
  expect(await everyPage(`to=${mid}`, 2)).toEqual(all.slice(3).map((c) => c.captureId));
  expect(await everyPage(`from=${times[4]}&to=${times[0]}`, 10)).toEqual(all.slice(1, 5).map((c) => c.captureId));
});

it('answers 400 for a filter it cannot read', async () => {
  for (const q of ['verdict=NOT_A_CODE', 'status=DELETED', 'from=yesterday', 'from=2026-12-02&to=2026-12-01']) {
    const res = await api(h.twin, `/api/captures?${q}`, key());
    expect(res.status, q).toBe(400);
    expect(res.json.error.code).toBe('BAD_REQUEST');
  }
});
