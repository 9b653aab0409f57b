// An upload may name the MX (`mxIp`), for a capture whose roles the bytes cannot tell. The
// address travels with the object as signed S3 metadata `mx-ip` (API route, presigned PUT, CLI
// `upload --mx`), and the analyzer in the twin diagnoses with it.
//
// The capture: frames 2-13 of the real late-esp-one-way (as `editcap -r … 2-13` would cut it,
// frames byte for byte). Its README: the lab's client is 198.51.100.2 and the MX 198.51.100.1;
// the only fact that told the roles was frame 1, a NAT-T keepalive from the client, and the MX
// sends ESP first, so without it "who sends first" names the MX as the client.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { api, startHarness, waitForCapture, type Harness } from './twin-harness.js';

const SOURCE = 'test/fixtures/scenarios/late-esp-one-way';
const CLIENT = '198.51.100.2';
const MX = '198.51.100.1';

/** The records `first`..`last` (1-based) of a classic pcap, with its global header. */
function cutPcap(buf: Buffer, first: number, last: number): Buffer {
  const records: Buffer[] = [];
  for (let at = 24, n = 1; at + 16 <= buf.length; n++) {
    const end = at + 16 + buf.readUInt32LE(at + 8);
    if (n >= first && n <= last) records.push(buf.subarray(at, end));
    at = end;
  }
  return Buffer.concat([buf.subarray(0, 24), ...records]);
}

let h: Harness;
let key: string;
let capture: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  h = await startHarness();
  key = h.twin.firstKey as string;
  capture = new Uint8Array(cutPcap(await readFile(join(SOURCE, 'capture.pcap')), 2, 13));
}, 30_000);
afterAll(() => h.close());

async function ticket(body: Record<string, unknown>) {
  const res = await api(h.twin, '/api/uploads', key, { method: 'POST', body });
  return res;
}

async function uploadThroughApi(mxIp?: string) {
  const t = (await ticket({ fileName: 'late-esp-cut.pcap', size: capture.length, ...(mxIp ? { mxIp } : {}) })).json;
  const put = await fetch(t.uploadUrl, { method: 'PUT', headers: t.headers, body: capture });
  expect(put.status).toBe(200);
  return waitForCapture(h.twin, key, t.captureId);
}

describe('an upload with mxIp', () => {
  it('gives the diagnosis with that MX for a capture whose bytes cannot tell the roles', async () => {
    // Without it: the weakest evidence decides, the first sender, which here is the MX.
    const blind = await uploadThroughApi();
    expect(blind.capture.status).toBe('DONE');
    expect(blind.sessions[0].roles.decidedBy).toBe('first-sender');
    expect(blind.sessions[0].responderIp).toBe(CLIENT);

    const told = await uploadThroughApi(MX);
    expect(told.capture).toMatchObject({ status: 'DONE', verdict: 'ESP_ONE_WAY', mxIp: MX });
    expect(told.sessions).toHaveLength(1);
    expect(told.sessions[0]).toMatchObject({
      clientIp: CLIENT,
      responderIp: MX,
      verdict: 'ESP_ONE_WAY',
      roles: { decidedBy: 'user-mx-ip' },
    });
    // The report itself (what the dashboard downloads) names the MX too.
    const report = await api(h.twin, `/api/captures/${told.capture.captureId}/report`, key);
    expect(report.json.mxIp).toBe(MX);
    expect(report.json.clients).toEqual([{ ip: CLIENT, verdict: 'ESP_ONE_WAY', sessions: [`esp:${CLIENT}`] }]);
  });

  it('signs the metadata: another value, a dropped header or an added one is refused by S3', async () => {
    const t = (await ticket({ fileName: 'x.pcap', size: capture.length, mxIp: MX })).json;
    expect(t.headers['x-amz-meta-mx-ip']).toBe(MX);
    const forged = { ...t.headers, 'x-amz-meta-mx-ip': '203.0.113.9' };
    expect((await fetch(t.uploadUrl, { method: 'PUT', headers: forged, body: capture })).status).toBe(403);
    const dropped = { 'If-None-Match': '*' };
    expect((await fetch(t.uploadUrl, { method: 'PUT', headers: dropped, body: capture })).status).toBe(403);

    const plain = (await ticket({ fileName: 'y.pcap', size: capture.length })).json;
    expect(plain.headers).toEqual({ 'If-None-Match': '*' });
    const added = await fetch(plain.uploadUrl, {
      method: 'PUT',
      headers: { ...plain.headers, 'x-amz-meta-mx-ip': MX },
      body: capture,
    });
    expect(added.status).toBe(403);
    expect(await added.text()).toContain('not signed');
  });

  it('refuses an mxIp that is not an address, and takes IPv6 in any case', async () => {
    for (const mxIp of ['198.51.100', 'mx.example.com', 42, '']) {
      const res = await ticket({ fileName: 'x.pcap', size: 10, mxIp });
      expect(res.status, String(mxIp)).toBe(400);
      expect(res.json.error.message).toMatch(/^mxIp /);
    }
    const v6 = await ticket({ fileName: 'x.pcap', size: 10, mxIp: '2001:DB8::1' });
    expect(v6.status).toBe(201);
    expect(v6.json.headers['x-amz-meta-mx-ip']).toBe('2001:db8::1');
  });
});

describe('vpn-doctor upload --mx', () => {
  it('stores mx-ip with the object, and the twin diagnoses with that MX', async () => {
    const file = join(h.dataDir, 'late-esp-cut.pcap');
    await writeFile(file, capture);
    const res = await runCli(['upload', file, '--mx', MX, '--local', '--data-dir', h.dataDir]);
    expect(res.stderr).not.toMatch(/vpn-doctor:/);
    expect(res.code).toBe(0);
    const [captureId, objectKey] = res.stdout.trim().split('\t');
    const head = await h.twin.clients.s3.send(new HeadObjectCommand({ Bucket: h.twin.state.bucket, Key: objectKey }));
    expect(head.Metadata).toEqual({ 'mx-ip': MX });
    const detail = await waitForCapture(h.twin, key, captureId);
    expect(detail.sessions[0]).toMatchObject({ clientIp: CLIENT, responderIp: MX, roles: { decidedBy: 'user-mx-ip' } });
  });

  it('refuses --mx that is not an address before any network', async () => {
    const res = await runCli(['upload', join(SOURCE, 'capture.pcap'), '--mx', 'not-an-ip', '--local']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('vpn-doctor: upload: --mx needs an IPv4 or IPv6 address, got "not-an-ip"\n');
  });
});
