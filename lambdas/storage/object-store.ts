// The S3 side of the pipeline, for one bucket: capture objects read as streams, reports written
// as JSON, presigned PUT URLs for browser uploads (bound to one size, never overwriting).
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/**
 * User metadata naming the MX's address (`x-amz-meta-mx-ip`), for captures whose roles the bytes
 * cannot tell: set by an upload that gave `mxIp` and by the Meraki import; read by the analyzer.
 */
export const MX_IP_METADATA = 'mx-ip';
const MX_IP_HEADER = `x-amz-meta-${MX_IP_METADATA}`;

export interface ObjectHead {
  size: number;
  etag?: string;
  versionId?: string;
  /** The MX's address the uploader gave (user metadata `mx-ip`), when it did. */
  mxIp?: string;
}

/**
 * A missing key: 404, or 403 when the caller may not s3:ListBucket (S3 then hides whether the
 * key exists; our roles are deliberately without ListBucket).
 */
export function isGone(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return err instanceof NotFound || err instanceof NoSuchKey || status === 404 || status === 403;
}

export class ObjectStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  /** Metadata of the object (of the given version when the bucket is versioned). */
  async head(key: string, versionId?: string): Promise<ObjectHead | undefined> {
    try {
      const out = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }),
      );
      const mxIp = out.Metadata?.[MX_IP_METADATA];
      return {
        size: out.ContentLength ?? 0,
        etag: out.ETag?.replace(/"/g, ''),
        versionId: out.VersionId,
        ...(mxIp ? { mxIp } : {}),
      };
    } catch (err) {
      if (isGone(err)) return undefined;
      throw err;
    }
  }

  /** The object's bytes as a stream: never buffered whole. Pinned to the version when known. */
  async stream(key: string, versionId?: string): Promise<AsyncIterable<Uint8Array>> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
    const body = out.Body as unknown as AsyncIterable<Uint8Array> | undefined;
    if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
      throw new Error('GetObject returned no readable body');
    }
    return body;
  }

  async putJson(key: string, json: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: json,
        ContentType: 'application/json',
      }),
    );
  }

  async getText(key: string): Promise<string | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToString('utf8') : undefined;
    } catch (err) {
      if (isGone(err)) return undefined;
      throw err;
    }
  }

  async presignGet(key: string, expiresIn: number): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn });
  }

  /**
   * A PUT URL whose signature covers `Content-Length: size` and `If-None-Match: *`: S3 refuses a
   * body of any other length (the signature no longer matches) and a second write to the key
   * (412), so one URL stores at most one object of the declared size. With `mxIp`, the metadata
   * header is signed too (kept a header, not hoisted into the query), so the uploader sends
   * exactly that value or nothing is stored. Returns the headers the PUT must carry.
   */
  async presignPut(
    key: string,
    expiresIn: number,
    size: number,
    mxIp?: string,
  ): Promise<{ url: string; headers: Record<string, string> }> {
    const headers: Record<string, string> = { 'If-None-Match': '*', ...(mxIp ? { [MX_IP_HEADER]: mxIp } : {}) };
    const signed = new Set(['content-length', 'if-none-match', ...(mxIp ? [MX_IP_HEADER] : [])]);
    const url = await getSignedUrl(
      this.client,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentLength: size,
        IfNoneMatch: '*',
        ...(mxIp ? { Metadata: { [MX_IP_METADATA]: mxIp } } : {}),
      }),
      { expiresIn, signableHeaders: signed, unhoistableHeaders: signed },
    );
    return { url, headers };
  }

  /** Deletes one version (or, without a version id, the current object). */
  async delete(key: string, versionId?: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
  }
}
