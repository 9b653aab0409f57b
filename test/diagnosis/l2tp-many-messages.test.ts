// A client that keeps dialling L2TP in clear for minutes (Windows redials) sends more control
// messages than a finding lists by frame number: the filter must then show all of them, not the
// first ones. The real l2tp-clear-answered capture (18 L2TP control frames between
// 198.51.100.2 and the MX 198.51.100.1, one SCCRQ) is played four times, two minutes apart.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCapture } from '#shared/analyze.js';
import { describeWithTshark, tsharkFrames } from '../support/tshark.js';

const CAPTURE = join(__dirname, '../fixtures/scenarios/l2tp-clear-answered/capture.pcap');

/** The classic little-endian pcap's records `times` times over, each round `gapS` seconds later. */
function repeated(pcap: Buffer, times: number, gapS: number): Buffer {
  const records: Buffer[] = [];
  for (let o = 24; o + 16 <= pcap.length; o += 16 + pcap.readUInt32LE(o + 8))
    records.push(pcap.subarray(o, o + 16 + pcap.readUInt32LE(o + 8)));
  const out: Buffer[] = [pcap.subarray(0, 24)];
  for (let round = 0; round < times; round++)
    for (const r of records) {
      const copy = Buffer.from(r);
      copy.writeUInt32LE(copy.readUInt32LE(0) + round * gapS, 0);
      out.push(copy);
    }
  return Buffer.concat(out);
}

describe('L2TP in clear, dialled again and again', () => {
  it('lists the first 64 frames and gives a filter that shows every one of them', async () => {
    const bytes = repeated(readFileSync(CAPTURE), 4, 120);
    const report = await analyzeCapture(
      (async function* () {
        yield new Uint8Array(bytes);
      })(),
    );
    expect(report.verdict).toBe('L2TP_WITHOUT_IPSEC');
    const [f] = report.findings.filter((x) => x.code === 'L2TP_WITHOUT_IPSEC');
    expect(f.evidence.details).toMatchObject({ client: '198.51.100.2', mx: '198.51.100.1', sccrq: 4 });
    expect(f.evidence.frames).toHaveLength(64);
    expect(f.filter).toBe('l2tp && ip.addr == 198.51.100.2');
  });

  it('still lists the frames themselves when they all fit', async () => {
    const bytes = repeated(readFileSync(CAPTURE), 2, 120);
    const report = await analyzeCapture(
      (async function* () {
        yield new Uint8Array(bytes);
      })(),
    );
    const [f] = report.findings.filter((x) => x.code === 'L2TP_WITHOUT_IPSEC');
    expect(f.evidence.frames).toHaveLength(36);
    expect(f.filter).toBe(`frame.number in {${f.evidence.frames.join(',')}}`);
  });
});

describeWithTshark('the filter of a client dialling again and again, in tshark', () => {
  it('shows every L2TP frame of the client, the 64 listed among them', async () => {
    const bytes = repeated(readFileSync(CAPTURE), 4, 120);
    const file = join(mkdtempSync(join(tmpdir(), 'l2tp-')), 'capture.pcap');
    writeFileSync(file, bytes);
    const report = await analyzeCapture(
      (async function* () {
        yield new Uint8Array(bytes);
      })(),
    );
    const [f] = report.findings.filter((x) => x.code === 'L2TP_WITHOUT_IPSEC');
    const shown = tsharkFrames(file, f.filter, []);
    // 18 control frames a round, four rounds: all of them, past the 64 the evidence lists.
    expect(shown.size).toBeGreaterThanOrEqual(72);
    for (const n of f.evidence.frames) expect(shown.has(n)).toBe(true);
  });
});
