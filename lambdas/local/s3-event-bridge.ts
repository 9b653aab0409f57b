// s3rver emits its own event objects with the raw key; Lambda receives S3's documented event
// JSON with the key URL-encoded (spaces as '+'). This turns one into the other, so the analyze
// handler sees exactly what it sees on AWS.
import { randomBytes } from 'node:crypto';
import { encodeEventKey, type S3Event } from '../analyze/s3-event.js';

interface S3rverRecord {
  eventName?: string;
  eventTime?: string;
  s3?: { bucket?: { name?: string }; object?: { key?: string; size?: number; eTag?: string; sequencer?: string } };
}

/** `prefix` plays the bucket notification's filter (on AWS: prefix `captures/`). */
export function toS3Event(raw: unknown, region: string, prefix = 'captures/'): S3Event | undefined {
  const records = (raw as { Records?: S3rverRecord[] })?.Records;
  if (!Array.isArray(records)) return undefined;
  const out: NonNullable<S3Event['Records']> = [];
  for (const r of records) {
    const key = r.s3?.object?.key;
    const bucket = r.s3?.bucket?.name;
    if (!r.eventName?.startsWith('ObjectCreated:') || !key || !bucket || !key.startsWith(prefix)) continue;
    out.push({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: region,
      eventTime: r.eventTime ?? new Date().toISOString(),
      eventName: r.eventName,
      userIdentity: { principalId: 'AWS:LOCAL' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), 'x-amz-id-2': 'local' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'vpn-doctor-local',
        bucket: { name: bucket, ownerIdentity: { principalId: 'LOCAL' }, arn: `arn:aws:s3:::${bucket}` },
        object: {
          key: encodeEventKey(key),
          size: r.s3?.object?.size,
          eTag: r.s3?.object?.eTag,
          sequencer: r.s3?.object?.sequencer,
        },
      },
    } as NonNullable<S3Event['Records']>[number]);
  }
  return out.length > 0 ? { Records: out } : undefined;
}
