// Counts for `decode --summary`: frames and bytes per protocol of the stack (a frame counts
// once for each protocol it carries, as in tshark's protocol hierarchy).
import type { DecodedFrame } from '../shared/decode/types.js';

export interface ProtocolCount { protocol: string; frames: number; bytes: number }

export class ProtocolSummary {
  private readonly counts = new Map<string, { frames: number; bytes: number }>();
  frames = 0;
  bytes = 0;
  anomalies = 0;

  add(frame: DecodedFrame): void {
    this.frames++;
    this.bytes += frame.length;
    this.anomalies += frame.anomalies.length;
    for (const protocol of frame.protocols) {
      let count = this.counts.get(protocol);
      if (count === undefined) { count = { frames: 0, bytes: 0 }; this.counts.set(protocol, count); }
      count.frames++;
      count.bytes += frame.length;
    }
  }

  /** Most frames first; ties in the order first seen. */
  rows(): ProtocolCount[] {
    return [...this.counts].map(([protocol, c]) => ({ protocol, ...c })).sort((a, b) => b.frames - a.frames);
  }
}

export function formatSummary(summary: ProtocolSummary, fileBytes: number, seconds: number): string {
  const rows = summary.rows();
  const width = Math.max(8, ...rows.map((r) => r.protocol.length));
  const lines = [`${'protocol'.padEnd(width)} ${'frames'.padStart(12)} ${'bytes'.padStart(16)}`];
  for (const r of rows) lines.push(`${r.protocol.padEnd(width)} ${String(r.frames).padStart(12)} ${String(r.bytes).padStart(16)}`);
  const mb = fileBytes / 1e6;
  const rate = seconds > 0 ? mb / seconds : 0;
  lines.push(`total: ${summary.frames} frames, ${summary.bytes} bytes on the wire, ${summary.anomalies} anomalies`);
  lines.push(`read ${mb.toFixed(1)} MB in ${seconds.toFixed(2)} s (${rate.toFixed(0)} MB/s)`);
  return lines.join('\n') + '\n';
}
