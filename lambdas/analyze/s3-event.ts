// The S3 event notification records we act on. Keys arrive URL-encoded, with spaces as '+'
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).

export interface S3EventRecord {
  eventName?: string;
  eventTime?: string;
  s3?: {
    bucket?: { name?: string };
    object?: { key?: string; size?: number; eTag?: string; versionId?: string; sequencer?: string };
  };
}

export interface S3Event {
  Records?: S3EventRecord[];
}

export interface ObjectCreated {
  bucket: string;
  key: string;
  size?: number;
  eTag?: string;
  versionId?: string;
  eventTime: string;
}

/** Decodes an event key: '+' is a space, the rest is percent-encoding. undefined if malformed. */
export function decodeEventKey(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Encodes a key as S3 does in event records (the local twin builds events with this). */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/** The ObjectCreated records of an event, keys decoded; anything else is skipped. */
export function objectCreatedRecords(event: S3Event): ObjectCreated[] {
  const out: ObjectCreated[] = [];
  for (const r of event.Records ?? []) {
    if (!r.eventName?.startsWith('ObjectCreated:')) continue;
    const bucket = r.s3?.bucket?.name;
    const rawKey = r.s3?.object?.key;
    if (!bucket || !rawKey) continue;
    const key = decodeEventKey(rawKey);
    if (!key) continue;
    const o = r.s3?.object ?? {};
    out.push({
      bucket,
      key,
      size: typeof o.size === 'number' ? o.size : undefined,
      eTag: o.eTag,
      versionId: o.versionId,
      eventTime: r.eventTime ?? new Date(0).toISOString(),
    });
  }
  return out;
}
