// The only Node.js API the pure core uses: a message digest for NAT-D hashes (RFC 3947 §3).
// Declared here, narrowly, so shared/ compiles without @types/node (tsconfig.shared.json) and
// nothing else of Node's can creep in; node:crypto exists on every runtime we target.
declare module 'node:crypto' {
  interface Hash {
    update(data: Uint8Array): Hash;
    digest(): Uint8Array;
  }
  export function createHash(algorithm: string): Hash;
  /** One-shot digest (Node >= 20.12): no Hash object per call. Absent on older runtimes. */
  export const hash: ((algorithm: string, data: Uint8Array, outputEncoding: 'hex') => string) | undefined;
}
