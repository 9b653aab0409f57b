// The twin's S3 endpoint as an attacker on the same machine meets it (issue 9): it authenticates
// (SigV4 with the twin's own credentials), refuses anonymous requests and keys that climb out of
// the bucket, and an upload URL stores one object of the declared size, once.
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startHarness, type Harness } from './twin-harness.js';
import { UPLOAD_NOT_RECEIVED } from '../../lambdas/analyze/sweeper.js';

let h: Harness;
let key: string;

beforeAll(async () => {
  // URLs live 5 s: long enough for two PUTs on a loaded machine, short enough to see one expire.
  h = await startHarness({ uploadUrlTtlSeconds: 5, uploadGraceSeconds: 1, sweepIntervalMs: 500 });
  key = h.twin.firstKey as string;
}, 30_000);
afterAll(() => h.close());

function rawRequest(method: string, path: string, body?: Buffer): Promise<{ status: number; text: string }> {
  const url = new URL(h.twin.state.s3Endpoint);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const upload = async (size: number) =>
  (await api(h.twin, '/api/uploads', key, { method: 'POST', body: { fileName: 'x.pcap', size } })).json as {
    captureId: string;
    key: string;
    uploadUrl: string;
    headers: Record<string, string>;
  };

describe('the local S3 authenticates', () => {
  it('accepts a request signed with the twin credentials and refuses a wrong signature', async () => {
    const Key = 'captures/local/signed-right.txt';
    await h.twin.clients.s3.send(new PutObjectCommand({ Bucket: h.twin.state.bucket, Key, Body: 'ok' }));
    const got = await h.twin.clients.s3.send(new GetObjectCommand({ Bucket: h.twin.state.bucket, Key }));
    expect(await got.Body?.transformToString()).toBe('ok');

    const wrong = new S3Client({
      region: 'us-east-1',
      endpoint: h.twin.state.s3Endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: h.twin.credentials.accessKeyId, secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
    });
    await expect(wrong.send(new GetObjectCommand({ Bucket: h.twin.state.bucket, Key }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      wrong.send(new PutObjectCommand({ Bucket: h.twin.state.bucket, Key: 'captures/local/forged.txt', Body: 'x' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    wrong.destroy();
  });

  it('refuses anonymous reads and writes', async () => {
    const bucket = h.twin.state.bucket;
    expect((await rawRequest('PUT', `/${bucket}/captures/local/anon/x.pcap`, Buffer.from('x'))).status).toBe(403);
    expect((await rawRequest('GET', `/${bucket}/captures/local/signed-right.txt`)).status).toBe(403);
    expect((await rawRequest('GET', `/${bucket}?list-type=2`)).status).toBe(403);
    expect((await rawRequest('GET', '/')).status).toBe(400); // ListBuckets: not the twin bucket
  });

  it('refuses keys that climb out of the bucket, plain or encoded', async () => {
    const bucket = h.twin.state.bucket;
    for (const path of [
      `/${bucket}/captures/../../../escaped.txt`,
      `/${bucket}/captures%2F..%2F..%2F..%2Fescaped.txt`,
      `/${bucket}/..%2Fescaped.txt`,
      `/${bucket}/captures/.%2E/x`,
    ]) {
      const res = await rawRequest('PUT', path, Buffer.from('escape'));
      expect(res.status, path).toBe(400);
    }
    expect(existsSync(join(h.dataDir, 'escaped.txt'))).toBe(false);
    expect(existsSync(join(h.dataDir, 's3', 'escaped.txt'))).toBe(false);
    expect(await readdir(h.dataDir)).not.toContain('escaped.txt');
  });
});

describe('an upload URL stores one object of the declared size, once', () => {
  it('refuses a body larger than declared (the signature covers Content-Length)', async () => {
    const t = await upload(100);
    const res = await fetch(t.uploadUrl, { method: 'PUT', headers: t.headers, body: new Uint8Array(100_000) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('SignatureDoesNotMatch');
    const head = await rawRequest('HEAD', new URL(t.uploadUrl).pathname);
    expect(head.status).toBe(403); // anonymous; the signed check below says it is absent
    await expect(
      h.twin.clients.s3.send(new GetObjectCommand({ Bucket: h.twin.state.bucket, Key: t.key })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('refuses a second PUT to the same key (If-None-Match is signed)', async () => {
    const t = await upload(4);
    const body = new Uint8Array([0xde, 0xad, 0xbe, 0xef]);
    expect((await fetch(t.uploadUrl, { method: 'PUT', headers: t.headers, body })).status).toBe(200);
    expect((await fetch(t.uploadUrl, { method: 'PUT', headers: t.headers, body })).status).toBe(412);
    // Dropping the header breaks the signature instead.
    expect((await fetch(t.uploadUrl, { method: 'PUT', body })).status).toBe(403);
  });

  it('deletes what the analyzer refuses and expires an upload that never came', async () => {
    const refused = await upload(4);
    await fetch(refused.uploadUrl, { method: 'PUT', headers: refused.headers, body: new Uint8Array(4) });
    const never = await upload(1000);
    const deadline = Date.now() + 15_000;
    let a: any;
    let b: any;
    for (;;) {
      a = (await api(h.twin, `/api/captures/${refused.captureId}`, key)).json.capture;
      b = (await api(h.twin, `/api/captures/${never.captureId}`, key)).json.capture;
      if ((a.status !== 'PENDING' && b.status !== 'PENDING') || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(a.status).toBe('FAILED');
    expect(a.error).toMatch(/Not a packet capture/);
    await expect(
      h.twin.clients.s3.send(new GetObjectCommand({ Bucket: h.twin.state.bucket, Key: refused.key })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    expect(b.status).toBe('FAILED');
    expect(b.error).toBe(UPLOAD_NOT_RECEIVED);
  }, 20_000);
});
