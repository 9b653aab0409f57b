// What a rule decides: the verdict, where the session stopped, the frames that show it and the
// facts to put into words. INCONCLUSIVE carries why and what the evidence leans to.
import { type AnyConnectFacts, noAnswerProven, ranOnAfter, stoppedEarly } from '../facts.js';
import type { At } from '../raw-session.js';
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

/**
 * A verdict that rests on a missing answer to `last`: `proven` once the absence is (facts.ts
 * noAnswerProven: the client asked again, or time within what was read); until then the capture
 * stopped, or broke off, too soon: INCONCLUSIVE, leaning to it, with the seconds it ran on.
 */
export function onceNoAnswerProven(f: AnyConnectFacts, last: At, repeated: boolean, proven: Decision): Decision {
  if (noAnswerProven(f, last, repeated)) return proven;
  return {
    ...proven,
    verdict: 'INCONCLUSIVE',
    details: { ...proven.details, secondsAfter: round(ranOnAfter(f, last)) },
    reason: stoppedEarly(f),
    likelyVerdict: proven.verdict,
  };
}

/** Seconds to the millisecond, for the evidence's words. */
export function round(s: number): number {
  return Math.round(s * 1000) / 1000;
}
