// Session ids are keys: one DynamoDB item per session (sk ends with the id), written with
// BatchWriteItem, which AWS refuses whole when one request holds the same key twice
// ("Provided list of item keys contains duplicates"). Two IKE sessions can share an initiator SPI:
// a capture on a NAT router with `tcpdump -i any` holds the negotiation on both legs, the client's
// inside address on one and the router's on the other. Made here from the real wrong-psk-nat
// negotiation: each frame followed 50 µs later by its inside-leg copy (client 198.51.100.2 moved
// to 192.168.1.20, IPv4 checksum redone), as the router would have seen it before translating.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ip4, moveAddress, readPcap } from '../../scripts/bench/pcap-io.js';
import { analyzeFile } from '../diagnosis/analyze-file.js';
import { api, startHarness, waitForCapture, type Harness } from './twin-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'vd-ids-'));
const file = join(dir, 'both-legs.pcap');
let h: Harness;

/** Classic pcap, µs, Ethernet: each record, then its inside-leg copy 50 µs later. */
function bothLegs(): Buffer {
  const recs = readPcap('test/fixtures/scenarios/wrong-psk-nat/capture.pcap');
  const out: Buffer[] = [Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex')];
  const put = (t: number, d: Buffer) => {
    const usec = Math.round(t * 1e6);
    const hdr = Buffer.alloc(16);
    hdr.writeUInt32LE(1_790_000_000 + Math.floor(usec / 1e6), 0);
    hdr.writeUInt32LE(usec % 1e6, 4);
    hdr.writeUInt32LE(d.length, 8);
    hdr.writeUInt32LE(d.length, 12);
    out.push(hdr, d);
  };
  for (const r of recs) {
    put(r.t, r.data);
    put(r.t + 50e-6, moveAddress(r.data, ip4('198.51.100.2'), ip4('192.168.1.20')));
  }
  return Buffer.concat(out);
}

beforeAll(async () => {
  writeFileSync(file, bothLegs());
  h = await startHarness();
}, 30_000);
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('session ids', () => {
  it('the twin refuses a batch holding one key twice, as DynamoDB does', async () => {
    const item = { pk: { S: 'TENANT#t' }, sk: { S: 'X' } };
    const batch = new BatchWriteItemCommand({
      RequestItems: { [h.twin.state.table]: [{ PutRequest: { Item: item } }, { PutRequest: { Item: item } }] },
    });
    await expect(h.twin.clients.dynamo.send(batch)).rejects.toThrow(/duplicates/);
  });

  it('are unique when two sessions share an initiator SPI, and the capture is stored whole', async () => {
    const report = await analyzeFile(file);
    const ids = report.sessions.map((s) => s.id);
    expect(report.sessions.map((s) => s.clientIp).sort()).toEqual(['192.168.1.20', '198.51.100.2']);
    expect(new Set(ids).size).toBe(2);
    expect(ids.every((id) => id.startsWith(report.sessions[0].id.slice(0, 16)))).toBe(true);
    // One negotiation, one client: the report says what the two sessions are.
    const legs = report.capture.anomalies.filter((a) => a.code === 'nat-both-legs');
    expect(legs).toHaveLength(1);
    expect(legs[0].message).toContain('192.168.1.20');
    expect(legs[0].message).toContain('198.51.100.2');
    expect(legs[0].frame).toBe(2);

    const body = readFileSync(file);
    const key = h.twin.firstKey as string;
    const t = (
      await api(h.twin, '/api/uploads', key, {
        method: 'POST',
        body: { fileName: 'both-legs.pcap', size: body.length },
      })
    ).json;
    expect((await fetch(t.uploadUrl, { method: 'PUT', headers: t.headers, body })).status).toBe(200);
    const detail = await waitForCapture(h.twin, key, t.captureId);
    expect(detail.capture.status).toBe('DONE');
    expect(detail.sessions.map((s: { id: string }) => s.id).sort()).toEqual([...ids].sort());
  });
});
