// What every kind of session shares once its rules ran: the verdict finding (or INCONCLUSIVE
// with its reason and likely verdict), the other proven findings, the coverage and the rules'
// trace. Session kinds (IKE, ESP only, AnyConnect) build their own facts and call this.
import type { Finding, InconclusiveReason, SessionCoverage, VerdictCode } from '../report/types.js';
import type { CaptureClock } from './capture-clock.js';
import type { Decision, ReasonCoverage } from './decide.js';
import { inconclusiveReason } from './decide.js';
import { buildFinding } from './finding.js';

export interface Verdict {
  verdict: VerdictCode;
  reason?: InconclusiveReason;
  likelyVerdict?: VerdictCode | null;
  findings: Finding[];
}

export type VerdictOnly = Omit<Verdict, 'findings'>;

/** The verdict of a decision without its words or evidence: what a summarised session needs. */
export function verdictCodeOf(d: Decision, clock: CaptureClock, coverage: ReasonCoverage): VerdictOnly {
  if (d.proven.length > 0) return { verdict: d.proven[0].code as VerdictCode };
  return { verdict: 'INCONCLUSIVE', reason: inconclusiveReason(clock, d, coverage), likelyVerdict: d.likely };
}

/** The findings of a decision: the verdict first, then the other proven hits. */
export function verdictOf(
  d: Decision,
  clock: CaptureClock,
  coverage: SessionCoverage & ReasonCoverage & { lastStep?: string; lastFrames: number[] },
  filter: string,
): Verdict {
  const findings = d.proven.map((h) => {
    const { evidence, filter, values } = h.detail();
    return buildFinding(h.code, evidence, filter, values);
  });
  const v = verdictCodeOf(d, clock, coverage);
  if (v.verdict !== 'INCONCLUSIVE') return { ...v, findings };
  const reason = v.reason ?? 'not-enough-time';
  const inconclusive = buildFinding(
    'INCONCLUSIVE',
    {
      frames: coverage.lastFrames,
      details: {
        reason,
        secondsAfterLastMessage: round3(coverage.secondsAfter),
        sawFirstMessage: coverage.sawFirstMessage,
        ...(d.likely ? { likelyVerdict: d.likely } : {}),
        ...(clock.damagedAtFrame !== undefined ? { damagedAtFrame: clock.damagedAtFrame } : {}),
      },
    },
    filter,
    {
      reason,
      likely: d.likely ?? '',
      after: round3(coverage.secondsAfter).toFixed(3),
      step: coverage.lastStep ?? '',
      packets: coverage.packets,
      cut: coverage.cutPackets,
      frame: clock.damagedAtFrame ?? 0,
    },
  );
  return { verdict: 'INCONCLUSIVE', reason, likelyVerdict: d.likely, findings: [inconclusive, ...findings] };
}

function round3(n: number): number {
  return Math.max(0, Math.round(n * 1000) / 1000);
}
