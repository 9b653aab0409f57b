// WHATWG text codecs, globals in Node.js and every browser; declared narrowly so shared/ compiles
// without the DOM or Node.js type libraries (tsconfig.shared.json).
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
