// Listening and closing for the twin's HTTP servers (API, S3 front, DynamoDB, Meraki fake): a
// listen error rejects instead of becoming an unhandled 'error' event, and close does not wait
// for the SDK's keep-alive sockets (they would hold it, and dynalite's leveldb lock, for 30 s).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on host:port (0 = any free port) and returns the port bound. */
export async function listenOn(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
