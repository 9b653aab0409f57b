// Runs one kind of session's rules over its facts: every rule is considered; the first finding
// that is proven is the verdict, later proven ones stay as findings; a finding resting on
// something missing that the capture cannot prove is "not proven" and the first such one is
// the likely verdict of an INCONCLUSIVE. The trace says, rule by rule, what happened.
import { VERDICT_CODES, type InconclusiveReason, type RuleTrace, type VerdictCode } from '../report/types.js';
import { absenceProven, RETRANSMISSION_INTERVAL_SECONDS, type CaptureClock } from './capture-clock.js';
import { isHit, type Rule, type RuleHit } from './rule-types.js';

export interface Decision {
  /** Proven hits in rule order; the first is the verdict. */
  proven: RuleHit[];
  /** The code the evidence leans to when nothing is proven (never a retransmission of one message). */
  likely: VerdictCode | null;
  /** Why the likely verdict is not proven. */
  unproven?: 'capture-ended-early' | 'not-enough-time';
  trace: RuleTrace[];
}

const VERDICTS: ReadonlySet<string> = new Set(VERDICT_CODES);

function isVerdict(code: string): code is VerdictCode {
  return VERDICTS.has(code);
}

/**
 * `verdictOnly`: what a session that will only be counted needs, its verdict: no trace, and no
 * rule considered after the first proven one (later hits would be findings, never the verdict).
 */
export function decide<F>(rules: readonly Rule<F>[], facts: F, clock: CaptureClock, verdictOnly = false): Decision {
  const proven: RuleHit[] = [];
  const trace: RuleTrace[] = [];
  let likely: VerdictCode | null = null;
  let unproven: Decision['unproven'];
  for (const rule of rules) {
    if (verdictOnly && proven.length > 0) break;
    const out = rule.decide(facts);
    if (!isHit(out)) {
      if (!verdictOnly) trace.push({ rule: rule.name, outcome: 'declined', because: out.declined });
      continue;
    }
    const code = isVerdict(out.code) ? out.code : undefined;
    if (out.missing && !absenceProven(clock, out.missing)) {
      const because = out.missing.unproven ?? 'capture-ended-early';
      if (!verdictOnly) trace.push({ rule: rule.name, outcome: 'not-proven', ...(code ? { code } : {}), because });
      if (likely === null && code) {
        likely = code;
        unproven = because;
      }
      continue;
    }
    if (!verdictOnly)
      trace.push({ rule: rule.name, outcome: proven.length === 0 ? 'verdict' : 'finding', ...(code ? { code } : {}) });
    proven.push(out);
  }
  return { proven, likely, trace, ...(unproven ? { unproven } : {}) };
}

/** What a session's INCONCLUSIVE reason is chosen from (besides the capture's clock). */
export interface ReasonCoverage {
  sawFirstMessage: boolean;
  secondsAfter: number;
  packets: number;
  /** Its packets the snap length cut short of what decodes (NAT-D, notifies, whole headers). */
  cutPackets: number;
}

/** Why nothing was proven, from what the capture holds of the session. */
export function inconclusiveReason(clock: CaptureClock, d: Decision, coverage: ReasonCoverage): InconclusiveReason {
  if (clock.damagedAtFrame !== undefined) return 'capture-damaged';
  // The bytes that decide were on the wire but not kept: time would not have helped.
  if (coverage.cutPackets > 0) return 'packets-truncated';
  // A finding waits for its proof: the capture stopped too soon for it.
  if (d.unproven) return d.unproven;
  if (!coverage.sawFirstMessage) return 'capture-started-late';
  if (coverage.secondsAfter < RETRANSMISSION_INTERVAL_SECONDS) return 'capture-ended-early';
  return coverage.packets < 2 ? 'too-few-packets' : 'not-enough-time';
}
