// Start-up check of the local twin's ports: each wanted port is tried before anything starts, so
// a busy one gives one line naming the option that sets it (and nothing is left running that
// would keep the process alive). Port 0 means "any free port" and is never busy.
import { createServer } from 'node:net';

export interface WantedPort {
  port: number;
  /** The command-line option that sets it, e.g. `--s3-port`. */
  flag: string;
  /** What listens there, e.g. `S3 (s3rver)`. */
  what: string;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    readonly wanted: WantedPort,
    readonly host: string,
  ) {
    super(
      `${wanted.what} cannot listen on ${host}:${wanted.port}: the port is in use; ` +
        `stop what uses it or choose another with ${wanted.flag} (${wanted.flag} 0 picks a free one)`,
    );
  }
}

function probe(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** Throws PortInUseError for the first wanted port that cannot be listened on. */
export async function assertPortsFree(host: string, wanted: readonly WantedPort[]): Promise<void> {
  for (const w of wanted) {
    if (w.port === 0) continue;
    const err = await probe(host, w.port);
    if (err?.code === 'EADDRINUSE' || err?.code === 'EACCES') throw new PortInUseError(w, host);
  }
}
