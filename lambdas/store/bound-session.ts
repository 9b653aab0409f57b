// Keeps one diagnosed session well under DynamoDB's 400 KB item limit: the full report lives in
// S3, the item only needs what the dashboard shows. Trimming is progressive and always ends
// below the budget, whatever the session holds.
import type { AnyConnectSession } from '#shared/anyconnect/types.js';
import type { Finding, SessionDiagnosis } from '#shared/report/types.js';

export const SESSION_ITEM_BUDGET_BYTES = 100_000;
const MAX_FRAMES_PER_EVIDENCE = 50;

const size = (s: object) => Buffer.byteLength(JSON.stringify(s), 'utf8');

function trimFinding(f: Finding): Finding {
  const e = f.evidence;
  return {
    ...f,
    evidence: {
      ...e,
      frames: e.frames.slice(0, MAX_FRAMES_PER_EVIDENCE),
      repeated: e.repeated?.slice(0, 10).map((r) => ({ ...r, frames: r.frames.slice(0, MAX_FRAMES_PER_EVIDENCE) })),
      notifies: e.notifies?.slice(0, 20),
      ports: e.ports?.slice(0, 20),
    },
  };
}

/** Returns the session as JSON of at most `budget` bytes, trimming the least useful parts first. */
export function boundSessionJson(session: SessionDiagnosis, budget = SESSION_ITEM_BUDGET_BYTES): string {
  let s: SessionDiagnosis = session;
  if (size(s) <= budget) return JSON.stringify(s);
  s = { ...s, findings: s.findings.map(trimFinding), esp: s.esp.slice(0, 20) };
  // Halve the timeline until it fits (keeping its start, where the failure usually shows).
  while (size(s) > budget && s.timeline.length > 0) {
    s = { ...s, timeline: s.timeline.slice(0, Math.floor(s.timeline.length / 2)), timelineTruncated: true };
  }
  while (size(s) > budget && s.findings.length > 1) s = { ...s, findings: s.findings.slice(0, s.findings.length - 1) };
  if (size(s) > budget) {
    // Last resort for pathological sessions: keep the identity and the verdict only.
    s = {
      ...s,
      findings: [],
      timeline: [],
      timelineTruncated: true,
      esp: [],
      client: { fingerprint: s.client.fingerprint.slice(0, 200), vendorIds: [] },
      proposals: { phase1Offered: [] },
    };
  }
  return JSON.stringify(s);
}

/** The same bound for an AnyConnect session: its timeline halves first, then the certificate checks go. */
export function boundAnyConnectJson(session: AnyConnectSession, budget = SESSION_ITEM_BUDGET_BYTES): string {
  let s: AnyConnectSession = session;
  while (size(s) > budget && s.timeline.length > 0)
    s = { ...s, timeline: s.timeline.slice(0, Math.floor(s.timeline.length / 2)), timelineTruncated: true };
  if (size(s) > budget)
    s = {
      ...s,
      findings: s.findings.slice(0, 1).map((f) => ({ ...f, evidence: { frames: f.evidence.frames.slice(0, 50) } })),
      certificates: s.certificates?.slice(0, 1),
    };
  return JSON.stringify(s);
}
