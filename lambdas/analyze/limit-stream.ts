// Wraps the object stream so the analysis stops at the configured size even if the object grew
// after HeadObject, and stops before the Lambda's own timeout (so the capture can still be
// recorded as FAILED instead of staying PENDING behind a killed invocation).

export class CaptureTooLargeError extends Error {
  override name = 'CaptureTooLargeError';
}

export class AnalysisTimeoutError extends Error {
  override name = 'AnalysisTimeoutError';
}

export function limitStream(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  deadlineMs = Number.POSITIVE_INFINITY,
  now: () => number = Date.now,
): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      let total = 0;
      for await (const chunk of source) {
        total += chunk.byteLength;
        if (total > maxBytes)
          throw new CaptureTooLargeError(`the capture is larger than the limit of ${maxBytes} bytes`);
        if (now() > deadlineMs) throw new AnalysisTimeoutError(`the analysis ran out of time after ${total} bytes`);
        yield chunk;
      }
    },
  };
}
