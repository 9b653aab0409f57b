// The shape every diagnosis rule shares, whatever the kind of session (IKE, ESP only, and
// later AnyConnect): a rule is a small pure function from its facts to either a finding with
// its evidence, or a typed "declined because …". Rules pass values to the catalogs, never prose.
import type { DeclineReason, Evidence } from '../report/types.js';
import type { Code } from './catalog.js';

/** Values a catalog entry renders (numbers, names, frames, flags); never sentence fragments. */
export type CatalogValues = Record<string, string | number | boolean>;

/**
 * The message whose answer a rule says is missing. The absence is proven only when the capture
 * ran on for a retransmission interval after it, or the message was sent again (GUIDE.md,
 * "Evidence, not habit").
 */
export interface Question {
  frame: number;
  sec: number;
  nsec: number;
  /** The unanswered message was itself sent again. */
  repeated: boolean;
  /** Why it is not proven when the capture is too short: by default the capture ended on it. */
  unproven?: 'capture-ended-early' | 'not-enough-time';
}

/** What a finding shows of its hit: the evidence, the Wireshark filter, the catalog's values. */
export interface HitDetail {
  evidence: Evidence;
  filter: string;
  values?: CatalogValues;
}

export interface RuleHit {
  code: Code;
  /**
   * Made only for a session diagnosed in full: a session that is only counted needs its code
   * (tens of thousands of scanners' sessions would otherwise build evidence nobody reads).
   */
  detail: () => HitDetail;
  /** Set when the hit rests on something missing: the question left unanswered. */
  missing?: Question;
}

export interface RuleDecline {
  declined: DeclineReason;
}

export type RuleOutcome = RuleHit | RuleDecline;

/** A named rule over facts F. The name is what the report's `rules[]` shows. */
export interface Rule<F> {
  name: string;
  decide(facts: F): RuleOutcome;
}

export function decline(declined: DeclineReason): RuleDecline {
  return { declined };
}

export function isHit(o: RuleOutcome): o is RuleHit {
  return 'code' in o;
}
