// Test helper: the real analysis of a capture file, streamed as the CLI and Lambda do.
import { createReadStream } from 'node:fs';
import { analyzeCapture, type AnalyzeOptions } from '#shared/analyze.js';
import type { AnalysisReport } from '#shared/report/types.js';

export function analyzeFile(
  path: string,
  clientIp?: string,
  options: Pick<AnalyzeOptions, 'mxIp' | 'anyconnectPort'> = {},
): Promise<AnalysisReport> {
  return analyzeCapture(createReadStream(path, { highWaterMark: 1 << 16 }), {
    fileName: path.split('/').pop(),
    clientIp,
    ...options,
  });
}

/** Every frame number the report mentions anywhere (timeline, ESP, evidence). */
export function framesMentioned(r: AnalysisReport): Set<number> {
  const out = new Set<number>();
  for (const s of r.sessions) {
    for (const t of s.timeline) out.add(t.frame);
    for (const e of s.esp) {
      out.add(e.firstFrame);
      out.add(e.lastFrame);
    }
    for (const f of s.findings) for (const n of f.evidence.frames) out.add(n);
  }
  for (const s of r.anyconnect ?? []) {
    for (const t of s.timeline) out.add(t.frame);
    for (const f of s.findings) for (const n of f.evidence.frames) out.add(n);
  }
  for (const f of [...r.auth, ...r.findings]) for (const n of f.evidence.frames) out.add(n);
  return out;
}
