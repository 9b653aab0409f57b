// The decoder run many times over the largest public capture, in memory: every pass must find
// exactly the ISAKMP frames tshark finds (no state leaks from pass to pass). The rate is logged
// for information only; speed is judged by `npm run bench` (docs/bench/), where it is compared
// with tshark on the same machine in the same run, not against a fixed floor.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { RawFrame } from '#shared/capture/types.js';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import { readOracle } from './oracle-table.js';

const DIR = fileURLToPath(new URL('../fixtures/public/', import.meta.url));

it('decodes the largest fixture repeatedly, finding the same frames each pass', async () => {
  const largest = readdirSync(DIR)
    .filter((f) => /\.(pcap|pcapng|cap)$/.test(f))
    .sort((a, b) => statSync(DIR + b).size - statSync(DIR + a).size)[0];
  const frames: RawFrame[] = [];
  await readCapture(createReadStream(DIR + largest), (raw) => frames.push({ ...raw, data: raw.data.slice() }));
  const bytes = frames.reduce((s, f) => s + f.data.length, 0);
  const reps = 60;
  let best = Infinity;
  let isakmp = 0;
  for (let round = 0; round < 3; round++) {
    const decoder = createFrameDecoder();
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) for (const f of frames) if (decoder.decode(f).isakmp) isakmp++;
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  const fps = (frames.length * reps) / best;
  const mbps = (bytes * reps) / best / 1e6;
  console.log(
    `decode throughput on ${largest} (${frames.length} frames, ${bytes} bytes) x${reps}: ` +
      `${Math.round(fps)} frames/s, ${mbps.toFixed(1)} MB/s (best of 3)`,
  );
  // Every pass decoded as much as tshark shows: its ISAKMP frames, each time.
  const oracleIsakmp = readOracle(`${DIR}oracle/${largest}.tsv`).filter((r) => r['isakmp.ispi'] !== '').length;
  expect(isakmp).toBe(3 * reps * oracleIsakmp);
}, 60_000);
