// The two emulators of the local twin, on loopback, with their data on disk so it survives
// restarts: s3rver (S3, files under `directory`) and dynalite (DynamoDB, leveldb under `path`).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import dynalite from 'dynalite';

export interface RunningS3 {
  endpoint: string;
  port: number;
  /** Called with every s3rver event (s3rver's own record shape, raw key). */
  onEvent(listener: (event: unknown) => void): void;
  close(): Promise<void>;
}

/** CORS so the dashboard's origin may PUT to a presigned URL (the browser talks to s3rver directly). */
export function corsConfiguration(origins: string[]): string {
  const allowed = origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('');
  return (
    '<CORSConfiguration><CORSRule>' +
    allowed +
    '<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>' +
    '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds>' +
    '</CORSRule></CORSConfiguration>'
  );
}

export async function startS3(opts: {
  host: string;
  port: number;
  directory: string;
  bucket: string;
  corsOrigins: string[];
}): Promise<RunningS3> {
  const server = new S3rver({
    address: opts.host,
    port: opts.port,
    silent: true,
    directory: opts.directory,
    resetOnClose: false,
    configureBuckets: [{ name: opts.bucket, configs: [corsConfiguration(opts.corsOrigins)] }],
  });
  const address = await server.run();
  return {
    endpoint: `http://${opts.host}:${address.port}`,
    port: address.port,
    onEvent: (listener) => void server.on('event', listener),
    close: async () => {
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}

export interface RunningDynamo {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startDynamo(opts: { host: string; port: number; path: string }): Promise<RunningDynamo> {
  const server: Server = dynalite({ path: opts.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://${opts.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets of the SDK would hold the close (and the leveldb lock) for 30 s.
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
