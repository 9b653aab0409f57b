// Puts a local file into the bucket without holding it in memory: one streamed PutObject for
// small files, a multipart upload (one part buffered at a time) beyond that.
import { open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

export const MULTIPART_THRESHOLD = 16 * 1024 * 1024;
export const PART_SIZE = 8 * 1024 * 1024;

export async function uploadFile(
  client: S3Client,
  bucket: string,
  key: string,
  path: string,
  onProgress: (sent: number, total: number) => void,
  /** User metadata stored with the object (e.g. `mx-ip`). */
  metadata?: Record<string, string>,
): Promise<{ size: number; etag?: string }> {
  const { size } = await stat(path);
  const Metadata = metadata && Object.keys(metadata).length > 0 ? metadata : undefined;
  if (size <= MULTIPART_THRESHOLD) {
    const body = createReadStream(path);
    let sent = 0;
    body.on('data', (chunk) => onProgress((sent += chunk.length), size));
    const out = await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: size, Metadata }),
    );
    return { size, etag: out.ETag };
  }
  const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, Metadata }));
  const uploadId = created.UploadId as string;
  const file = await open(path, 'r');
  try {
    const parts: { ETag?: string; PartNumber: number }[] = [];
    const buffer = Buffer.alloc(PART_SIZE);
    for (let offset = 0, n = 1; offset < size; offset += PART_SIZE, n++) {
      const { bytesRead } = await file.read(buffer, 0, Math.min(PART_SIZE, size - offset), offset);
      const out = await client.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: n,
          Body: buffer.subarray(0, bytesRead),
          ContentLength: bytesRead,
        }),
      );
      parts.push({ ETag: out.ETag, PartNumber: n });
      onProgress(offset + bytesRead, size);
    }
    const done = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    return { size, etag: done.ETag };
  } catch (err) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
      .catch(() => undefined);
    throw err;
  } finally {
    await file.close();
  }
}
