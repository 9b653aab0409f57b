// What the pipeline asks of S3, checked on the request itself (no network): the upload URL's
// signature covers the declared size, the no-overwrite condition and the MX metadata (issue 9:
// before, it signed only `host`, so any size could be PUT any number of times); and a HeadObject
// 403 (a role without s3:ListBucket asking for a missing key) counts as "gone", not as an error.
import { S3Client, S3ServiceException, NotFound } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { ObjectStore, isGone } from '../../lambdas/storage/object-store.js';

const client = new S3Client({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
});
afterAll(() => client.destroy());
const store = new ObjectStore(client, 'vpn-doctor-captures');

describe('the presigned upload', () => {
  it('signs Content-Length and If-None-Match, and names the headers to send', async () => {
    const put = await store.presignPut('captures/acme/01J/x.pcap', 900, 1234);
    const q = new URL(put.url).searchParams;
    expect(q.get('X-Amz-SignedHeaders')).toBe('content-length;host;if-none-match');
    expect(q.get('X-Amz-Expires')).toBe('900');
    expect(put.headers).toEqual({ 'If-None-Match': '*' });
  });

  it('signs the MX metadata as a header the uploader must send, not as a query parameter', async () => {
    const put = await store.presignPut('captures/acme/01J/x.pcap', 900, 1234, '198.51.100.1');
    const q = new URL(put.url).searchParams;
    expect(q.get('X-Amz-SignedHeaders')).toBe('content-length;host;if-none-match;x-amz-meta-mx-ip');
    expect([...q.keys()].some((k) => k.toLowerCase().startsWith('x-amz-meta-'))).toBe(false);
    expect(put.headers).toEqual({ 'If-None-Match': '*', 'x-amz-meta-mx-ip': '198.51.100.1' });
  });
});

describe('a missing object', () => {
  const s3Error = (name: string, status: number) =>
    new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status } });

  it('is gone on 404 and on the 403 S3 answers a role without s3:ListBucket', () => {
    expect(isGone(new NotFound({ message: 'NotFound', $metadata: { httpStatusCode: 404 } }))).toBe(true);
    expect(isGone(s3Error('Forbidden', 403))).toBe(true);
  });

  it('is not confused with a throttle or a server error', () => {
    expect(isGone(s3Error('SlowDown', 503))).toBe(false);
    expect(isGone(s3Error('InternalError', 500))).toBe(false);
    expect(isGone(new Error('socket hang up'))).toBe(false);
  });
});
