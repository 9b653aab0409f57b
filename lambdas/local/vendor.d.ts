// The emulators ship no type declarations; we use a handful of their members.
declare module 's3rver' {
  import type { Server } from 'node:http';
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
    [k: string]: unknown;
  }
  class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    configureBuckets(): Promise<void>;
    callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
    store: { existsObject(bucket: string, key: string): Promise<boolean> };
    close(): Promise<void>;
    on(event: 'event', listener: (event: unknown) => void): this;
    on(event: 'error', listener: (err: unknown) => void): this;
    httpServer?: Server;
  }
  export default S3rver;
}

declare module 'dynalite' {
  import type { Server } from 'node:http';
  function dynalite(options?: {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }): Server;
  export default dynalite;
}
