// The core's one entry point for adapters (CLI, Lambda, local twin): bytes in, report out.
// Streams: capture reader -> frame decoder -> analyzer, one chunk at a time; memory does not
// grow with the capture.
import { createAnyConnectAnalyzer, DEFAULT_ANYCONNECT_PORT } from './anyconnect/sessions.js';
import { readCapture } from './capture/reader.js';
import { createFrameDecoder, type FrameDecoderOptions } from './decode/frame-decoder.js';
import { createAnalyzer } from './diagnosis/analyzer.js';
import { readingStoppedAt } from './diagnosis/capture-damage.js';
import { DIRECTORY_PORTS } from './diagnosis/auth/directory-tls.js';
import type { AnalysisReport } from './report/types.js';

export interface AnalyzeOptions {
  fileName?: string;
  /** Keep only this client's sessions. */
  clientIp?: string;
  /** The MX's address, for captures whose roles the bytes cannot tell (`--mx`, an upload's mxIp). */
  mxIp?: string;
  /** The MX's AnyConnect port when it is not 443 (`--anyconnect-port`). */
  anyconnectPort?: number;
  /** Called with the bytes read so far (for progress). */
  onProgress?: (bytes: number) => void;
}

async function* counting(
  source: AsyncIterable<Uint8Array>,
  onProgress: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    onProgress(total);
    yield chunk;
  }
}

/**
 * What the analysis decodes of TLS: the directory's and AnyConnect's, the latter from a flow's start,
 * on 443 or on a port of its own.
 */
export const ANALYSIS_DECODER_OPTIONS: FrameDecoderOptions = {
  tlsPorts: [...DIRECTORY_PORTS, DEFAULT_ANYCONNECT_PORT],
  tlsFromStartPorts: [DEFAULT_ANYCONNECT_PORT],
  tlsOnAnyPort: true,
};

/** Throws NotACaptureError (shared/capture/errors.ts) when the input is not a capture at all. */
export async function analyzeCapture(
  source: AsyncIterable<Uint8Array>,
  options: AnalyzeOptions = {},
): Promise<AnalysisReport> {
  // A port given is one of no known application, where the decoder follows TLS from its hellos
  // (tlsOnAnyPort); the AnyConnect tracker takes the port's SYNs and resets itself.
  const port = options.anyconnectPort;
  const decoder = createFrameDecoder(ANALYSIS_DECODER_OPTIONS);
  const analyzer = createAnalyzer({ fileName: options.fileName, clientIp: options.clientIp, mxIp: options.mxIp });
  const anyconnect = createAnyConnectAnalyzer({
    mxIps: options.mxIp ? [options.mxIp] : [],
    ports: port === undefined ? [] : [port],
    onRetired: (s) => analyzer.offerAnyConnect(s),
  });
  const input = options.onProgress ? counting(source, options.onProgress) : source;
  const info = await readCapture(input, (raw) => {
    const frame = decoder.decode(raw);
    analyzer.add(frame);
    anyconnect.add(frame);
  });
  const sessions = anyconnect.finish(readingStoppedAt(info.anomalies, info.frames));
  return analyzer.finish(info, decoder.pendingFragments(), {
    sessions,
    unnamedTls: anyconnect.unnamedTls(),
    framesNotTracked: anyconnect.framesNotTracked(),
    complete: (s) => anyconnect.complete(s),
  });
}
