// The AnyConnect scenario captures and a whole-file decode, shared by the AnyConnect tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYSIS_DECODER_OPTIONS } from '#shared/analyze.js';
import { readCapture } from '#shared/capture/reader.js';
import { readingStoppedAt } from '#shared/diagnosis/capture-damage.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import type { DecodedFrame } from '#shared/decode/types.js';
import type { AnyConnectTimelineEntry } from '#shared/anyconnect/types.js';

export const SCENARIOS = join(import.meta.dirname, '../fixtures/scenarios');
export const ANYCONNECT_CASES = readdirSync(SCENARIOS).filter(
  (d) => d.startsWith('anyconnect-') && existsSync(join(SCENARIOS, d, 'expected.json')),
);

/**
 * Decoded as the analysis decodes (TLS on the AnyConnect port followed from a flow's start), with
 * where reading stopped when the file is damaged.
 */
export async function decodeCapture(path: string): Promise<{ frames: DecodedFrame[]; damagedAtFrame?: number }> {
  const decoder = createFrameDecoder(ANALYSIS_DECODER_OPTIONS);
  const frames: DecodedFrame[] = [];
  async function* source() {
    yield new Uint8Array(readFileSync(path));
  }
  const info = await readCapture(source(), (raw) => frames.push(decoder.decode(raw)));
  return { frames, damagedAtFrame: readingStoppedAt(info.anomalies, info.frames) };
}

export async function decodeFile(path: string): Promise<DecodedFrame[]> {
  return (await decodeCapture(path)).frames;
}

/** expected.json keyFrames keys -> the timeline entries they name. */
export const KEY_FRAME_EVENTS: Record<string, (e: AnyConnectTimelineEntry) => boolean> = {
  syn: (e) => e.kind === 'syn',
  synAck: (e) => e.kind === 'synAck',
  clientHello: (e) => e.kind === 'clientHello',
  serverHello: (e) => e.kind === 'serverHello',
  certificate: (e) => e.kind === 'certificate',
  clientKeyExchange: (e) => e.kind === 'clientKeyExchange',
  alert: (e) => (e.kind === 'alert' || e.kind === 'dtlsAlert') && !e.label.includes('encrypted'),
  tlsAppDataClientToMx: (e) => e.kind === 'tlsAppData' && e.direction === 'client-to-mx',
  tlsAppDataMxToClient: (e) => e.kind === 'tlsAppData' && e.direction === 'mx-to-client',
  tcpDataClientToMx: (e) => e.kind === 'tcpData' && e.direction === 'client-to-mx',
  tcpDataMxToClient: (e) => e.kind === 'tcpData' && e.direction === 'mx-to-client',
  dtlsClientHello: (e) => e.kind === 'dtlsClientHello',
  dtlsServerHello: (e) => e.kind === 'dtlsServerHello',
  dtlsAppDataClientToMx: (e) => e.kind === 'dtlsAppData' && e.direction === 'client-to-mx',
  dtlsAppDataMxToClient: (e) => e.kind === 'dtlsAppData' && e.direction === 'mx-to-client',
  rst: (e) => e.kind === 'rst',
  finFromClient: (e) => e.kind === 'fin' && e.direction === 'client-to-mx',
  finFromMx: (e) => e.kind === 'fin' && e.direction === 'mx-to-client',
};
