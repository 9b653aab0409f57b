// The AnyConnect scenario captures and a whole-file decode, shared by the AnyConnect tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import type { DecodedFrame } from '#shared/decode/types.js';

export const SCENARIOS = join(import.meta.dirname, '../fixtures/scenarios');
export const ANYCONNECT_CASES = readdirSync(SCENARIOS).filter(
  (d) => d.startsWith('anyconnect-') && existsSync(join(SCENARIOS, d, 'expected.json')),
);

export async function decodeFile(path: string): Promise<DecodedFrame[]> {
  const decoder = createFrameDecoder();
  const frames: DecodedFrame[] = [];
  async function* source() {
    yield new Uint8Array(readFileSync(path));
  }
  await readCapture(source(), (raw) => frames.push(decoder.decode(raw)));
  return frames;
}
