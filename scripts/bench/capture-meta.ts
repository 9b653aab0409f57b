// What a bench generator wrote, kept next to the capture so a later run reuses the file instead
// of writing gigabytes again (same generator version and size).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

export interface CaptureMeta {
  kind: 'mixed' | 'many-sessions' | 'anyconnect-sessions';
  version: number;
  sizeMb: number;
  bytes: number;
  frames: number;
  /** Frames planted per protocol (ike, esp, radius, dns, …): what a decoder must find. */
  special: Record<string, number>;
  /** Anything else the generator wants the results to carry (sessions, client addresses, …). */
  details?: Record<string, unknown>;
}

export async function cachedCapture(
  file: string,
  expect: Pick<CaptureMeta, 'kind' | 'version' | 'sizeMb'>,
  generate: () => Promise<CaptureMeta>,
): Promise<CaptureMeta> {
  const metaPath = `${file}.json`;
  if (existsSync(file) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CaptureMeta;
    if (
      meta.kind === expect.kind &&
      meta.version === expect.version &&
      meta.sizeMb === expect.sizeMb &&
      statSync(file).size === meta.bytes
    ) {
      console.log(`reusing ${file} (${(meta.bytes / 1e6).toFixed(0)} MB, ${meta.frames} frames)`);
      return meta;
    }
  }
  const t0 = performance.now();
  const meta = await generate();
  writeFileSync(metaPath, JSON.stringify(meta));
  console.log(
    `generated ${file}: ${(meta.bytes / 1e6).toFixed(0)} MB, ${meta.frames} frames ` +
      `(${JSON.stringify(meta.special)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return meta;
}
