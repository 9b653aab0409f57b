// Counts for `decode --summary`: frames and bytes per protocol of the stack (a frame counts
// once for each protocol it carries, as in tshark's protocol hierarchy).
import type { DecodedFrame } from '#shared/decode/types.js';

export interface ProtocolCount {
  protocol: string;
  frames: number;
  bytes: number;
}

interface StackCount {
  protocols: string[];
  frames: number;
  bytes: number;
}

/** Distinct stacks kept before falling back to per-protocol counting (hostile captures). */
const MAX_STACKS = 64;

/**
 * A capture has few distinct protocol stacks, so frames are counted per stack (compared
 * element by element, most recent first) and expanded into per-protocol counts at the end:
 * cheaper than a Map update per protocol per frame on the --summary fast path.
 */
export class ProtocolSummary {
  private readonly stacks: StackCount[] = [];
  private readonly overflow = new Map<string, { frames: number; bytes: number }>();
  frames = 0;
  bytes = 0;
  anomalies = 0;

  add(frame: DecodedFrame): void {
    this.frames++;
    this.bytes += frame.length;
    this.anomalies += frame.anomalies.length;
    const protocols = frame.protocols;
    const stacks = this.stacks;
    for (let i = 0; i < stacks.length; i++) {
      const s = stacks[i];
      if (sameStack(s.protocols, protocols)) {
        s.frames++;
        s.bytes += frame.length;
        if (i > 0) {
          stacks[i] = stacks[i - 1];
          stacks[i - 1] = s;
        } // drift towards the front
        return;
      }
    }
    if (stacks.length < MAX_STACKS) {
      stacks.push({ protocols: protocols.slice(), frames: 1, bytes: frame.length });
      return;
    }
    for (let i = 0; i < protocols.length; i++) {
      const protocol = protocols[i];
      if (protocols.indexOf(protocol) < i) continue; // once per frame (ethertype repeats after a VLAN tag)
      const count = this.overflow.get(protocol) ?? { frames: 0, bytes: 0 };
      count.frames++;
      count.bytes += frame.length;
      this.overflow.set(protocol, count);
    }
  }

  /** Most frames first. */
  rows(): ProtocolCount[] {
    const totals = new Map(this.overflow);
    for (const s of this.stacks) {
      for (const protocol of new Set(s.protocols)) {
        const count = totals.get(protocol) ?? { frames: 0, bytes: 0 };
        totals.set(protocol, { frames: count.frames + s.frames, bytes: count.bytes + s.bytes });
      }
    }
    return [...totals].map(([protocol, c]) => ({ protocol, ...c })).sort((a, b) => b.frames - a.frames);
  }
}

function sameStack(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function formatSummary(summary: ProtocolSummary, fileBytes: number, seconds: number): string {
  const rows = summary.rows();
  const width = Math.max(8, ...rows.map((r) => r.protocol.length));
  const lines = [`${'protocol'.padEnd(width)} ${'frames'.padStart(12)} ${'bytes'.padStart(16)}`];
  for (const r of rows)
    lines.push(`${r.protocol.padEnd(width)} ${String(r.frames).padStart(12)} ${String(r.bytes).padStart(16)}`);
  const mb = fileBytes / 1e6;
  const rate = seconds > 0 ? mb / seconds : 0;
  lines.push(`total: ${summary.frames} frames, ${summary.bytes} bytes on the wire, ${summary.anomalies} anomalies`);
  lines.push(`read ${mb.toFixed(1)} MB in ${seconds.toFixed(2)} s (${rate.toFixed(0)} MB/s)`);
  return lines.join('\n') + '\n';
}
