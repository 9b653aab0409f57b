// What a rule decides: the verdict, where the session stopped, the frames that show it and the
// facts to put into words. INCONCLUSIVE carries why and what the evidence leans to.
import type { AnyConnectStep, AnyConnectVerdict, InconclusiveReason } from '../types.js';

export interface Decision {
  verdict: AnyConnectVerdict;
  step: AnyConnectStep;
  frames: number[];
  details: Record<string, string | number | boolean>;
  reason?: InconclusiveReason;
  likelyVerdict?: AnyConnectVerdict;
}

export function frameList(...groups: ({ frame: number } | undefined | { frame: number }[])[]): number[] {
  const out = new Set<number>();
  for (const g of groups) {
    if (!g) continue;
    if (Array.isArray(g)) for (const x of g) out.add(x.frame);
    else out.add(g.frame);
  }
  return [...out].sort((a, b) => a - b).slice(0, 64);
}
