// Wraps the object stream so the analysis stops at the configured size even if the object grew
// after HeadObject, and reports how many bytes were read.

export class CaptureTooLargeError extends Error {
  override name = 'CaptureTooLargeError';
}

export function limitStream(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      let total = 0;
      for await (const chunk of source) {
        total += chunk.byteLength;
        if (total > maxBytes) throw new CaptureTooLargeError(`the capture is larger than the limit of ${maxBytes} bytes`);
        yield chunk;
      }
    },
  };
}
