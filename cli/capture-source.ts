// Opening a capture file as a stream of chunks, and turning the ways that can fail into one
// human line (no stack traces on the terminal).
import { open, stat } from 'node:fs/promises';
import { NotACaptureError } from '#shared/capture/errors.js';

/** 4 MiB reads: few syscalls and few parser calls per gigabyte. */
export const READ_CHUNK_BYTES = 1 << 22;

export class CaptureOpenError extends Error {
  override readonly name = 'CaptureOpenError';
}

/** Checks the path is a readable regular file and returns its size. */
export async function captureSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CaptureOpenError(`cannot read ${path}: is a directory`);
    return info.size;
  } catch (error) {
    if (error instanceof CaptureOpenError) throw error;
    throw new CaptureOpenError(`cannot read ${path}: ${describeError(error)}`);
  }
}

/**
 * The file as chunks, read ahead into two buffers used in turn: the next read runs in the
 * thread pool while the current chunk is decoded, and no buffer is allocated per chunk. The
 * chunks are plain Uint8Array views (a Node Buffer's subarray() builds a Buffer per frame). A
 * chunk is valid until the next one is asked for — the capture parser copies what it keeps.
 */
export async function* openCapture(path: string): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffers = [new Uint8Array(READ_CHUNK_BYTES), new Uint8Array(READ_CHUNK_BYTES)];
    let turn = 0;
    let pending = file.read(buffers[turn], 0, READ_CHUNK_BYTES, null);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return;
      const current = buffers[turn].subarray(0, bytesRead);
      turn ^= 1;
      pending = file.read(buffers[turn], 0, READ_CHUNK_BYTES, null);
      yield current;
    }
  } finally {
    await file.close();
  }
}

/** One line for any failure while reading `path`. */
export function readFailureLine(path: string, error: unknown): string {
  if (error instanceof CaptureOpenError) return error.message;
  return `cannot read ${path}: ${describeError(error)}`;
}

function describeError(error: unknown): string {
  if (error instanceof NotACaptureError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
