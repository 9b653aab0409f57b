// The two emulators of the local twin, on loopback, with their data on disk so it survives
// restarts: s3rver (S3, files under `directory`, behind a SigV4-checking front) and dynalite
// (DynamoDB, leveldb under `path`).
import { createServer, type Server } from 'node:http';
import { closeServer, listenOn } from './listen.js';
import S3rver from 's3rver';
import dynalite from 'dynalite';
import { corsConfigurationXml } from '../storage/browser-cors.js';
import { s3Front } from './s3-front.js';
import type { Credentials } from './sigv4.js';

export interface RunningS3 {
  endpoint: string;
  port: number;
  /** Called with every s3rver event (s3rver's own record shape, raw key). */
  onEvent(listener: (event: unknown) => void): void;
  close(): Promise<void>;
}

/**
 * s3rver behind the authenticating front (s3-front.ts): s3rver's Koa app is mounted on our own
 * loopback server and never listens itself, so nothing reaches it unsigned.
 */
export async function startS3(opts: {
  host: string;
  port: number;
  directory: string;
  bucket: string;
  corsOrigins: string[];
  credentials: Credentials;
}): Promise<RunningS3> {
  const s3rver = new S3rver({
    silent: true,
    directory: opts.directory,
    resetOnClose: false,
    configureBuckets: [{ name: opts.bucket, configs: [corsConfigurationXml(opts.corsOrigins)] }],
  });
  await s3rver.configureBuckets();
  const backend = {
    listener: s3rver.callback(),
    exists: (bucket: string, key: string) => s3rver.store.existsObject(bucket, key),
  };
  const server = createServer(s3Front(backend, opts.bucket, () => opts.credentials));
  const port = await listenOn(server, opts.port, opts.host);
  return {
    endpoint: `http://${opts.host}:${port}`,
    port,
    onEvent: (listener) => void s3rver.on('event', listener),
    close: () => closeServer(server),
  };
}

export interface RunningDynamo {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startDynamo(opts: { host: string; port: number; path: string }): Promise<RunningDynamo> {
  const server: Server = dynalite({ path: opts.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listenOn(server, opts.port, opts.host);
  return {
    endpoint: `http://${opts.host}:${port}`,
    port,
    close: () => closeServer(server),
  };
}
