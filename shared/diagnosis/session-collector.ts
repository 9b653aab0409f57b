// Which sessions the report holds in full and which it only counts. Sessions are offered as
// they are decided (idle ones while the capture streams, the rest at its end) with their
// verdict and shape; the `inFull` that say most are kept for a full diagnosis (IKE's
// MAX_SESSIONS_IN_FULL, AnyConnect's MAX_ANYCONNECT_IN_FULL, each kind its own collector):
// distinct sessions (the first of their shape) before identical repeats, then those that got
// further in the negotiation, then the earliest. The others are counted per verdict and
// responder, with a sample of their clients: a day of scanners becomes one line.
import { MAX_SUMMARY_CLIENT_SAMPLE, MAX_SUMMARY_GROUPS, MAX_TRACKED_CLIENTS } from '../report/limits.js';
import type { SessionSummary } from '../report/types.js';
import { catalogText } from './catalog.js';
import type { SessionOutline } from './client-book.js';
import { isoFromMs } from './time.js';

/** A decided session as the collector ranks and counts it. */
export interface OfferedSession extends SessionOutline {
  /** How far the negotiation got, in its own kind's step order (IKE: STEP_ORDER). */
  progress: number;
  firstFrame: number;
  lastFrame: number;
  /** timeMs of its last message (time.ts). */
  endMs: number;
  /** Equal for identical tries (same verdict and messages), whoever sent them. */
  shape: string;
}

/** Shapes remembered to tell a distinct session from a repeat. */
const MAX_SHAPES = 4096;

interface Kept<T> {
  item: T;
  session: OfferedSession;
  distinct: boolean;
}

interface Group {
  summary: Omit<SessionSummary, 'title' | 'clientAddresses' | 'start' | 'end'>;
  startMs: number;
  endMs: number;
  clients: Set<string>;
}

export interface SessionCollector<T> {
  /**
   * `item` is what a full diagnosis is made from, should the session be kept. Returns the item
   * that will now only be counted, if any (this one, or the kept one it displaced), so that its
   * owner can let go of what only a full diagnosis reads.
   */
  offer(item: T, session: OfferedSession): T | undefined;
  /** The items kept for a full diagnosis, in the order they were offered. */
  kept(): T[];
  /** Sessions counted, not kept (only when some were). */
  summaries(): SessionSummary[];
}

/**
 * `inFull`: how many are kept for a full diagnosis; `onSummarised` hears every session that will
 * only be counted (for the clients' verdicts).
 */
export function createSessionCollector<T>(
  inFull: number,
  onSummarised: (s: OfferedSession) => void = () => {},
): SessionCollector<T> {
  const kept: Kept<T>[] = [];
  const shapes = new Set<string>();
  const groups = new Map<string, Group>();
  let clientsCounted = 0;
  /** Index in `kept` of its lowest-ranked session, or -1 when it must be found again. */
  let worst = -1;

  function offer(item: T, session: OfferedSession): T | undefined {
    let distinct = false;
    if (!shapes.has(session.shape) && shapes.size < MAX_SHAPES) {
      shapes.add(session.shape);
      distinct = true;
    }
    const candidate = { item, session, distinct };
    if (kept.length < inFull) {
      kept.push(candidate);
      return undefined;
    }
    // The lowest-ranked kept session is found again only after it was replaced: a capture of
    // identical tries offers tens of thousands that never outrank it.
    if (worst < 0) {
      worst = 0;
      for (let i = 1; i < kept.length; i++) if (outranks(kept[worst], kept[i])) worst = i;
    }
    if (!outranks(candidate, kept[worst])) {
      summarise(session);
      return item;
    }
    const [displaced] = kept.splice(worst, 1);
    summarise(displaced.session);
    kept.push(candidate);
    worst = -1;
    return displaced.item;
  }

  function summarise(s: OfferedSession): void {
    onSummarised(s);
    let key = `${s.verdict}|${s.responderIp}`;
    if (!groups.has(key) && groups.size >= MAX_SUMMARY_GROUPS) key = `${s.verdict}|*`;
    let g = groups.get(key);
    if (!g) {
      const responderIp = key.slice(s.verdict.length + 1);
      g = {
        summary: {
          verdict: s.verdict,
          responderIp,
          sessions: 0,
          clientSample: [],
          firstFrame: s.firstFrame,
          lastFrame: s.lastFrame,
        },
        startMs: s.startMs,
        endMs: s.endMs,
        clients: new Set(),
      };
      groups.set(key, g);
    }
    const sum = g.summary;
    sum.sessions++;
    if (!g.clients.has(s.clientIp) && clientsCounted < MAX_TRACKED_CLIENTS) {
      g.clients.add(s.clientIp);
      clientsCounted++;
      if (sum.clientSample.length < MAX_SUMMARY_CLIENT_SAMPLE) sum.clientSample.push(s.clientIp);
    }
    if (s.firstFrame < sum.firstFrame) sum.firstFrame = s.firstFrame;
    if (s.lastFrame > sum.lastFrame) sum.lastFrame = s.lastFrame;
    if (s.startMs < g.startMs) g.startMs = s.startMs;
    if (s.endMs > g.endMs) g.endMs = s.endMs;
  }

  function summaries(): SessionSummary[] {
    return [...groups.values()]
      .map((g) => ({
        ...g.summary,
        start: isoFromMs(g.startMs),
        end: isoFromMs(g.endMs),
        title: catalogText(g.summary.verdict).title,
        clientAddresses: g.clients.size,
      }))
      .sort((a, b) => b.sessions - a.sessions || a.firstFrame - b.firstFrame);
  }

  return { offer, kept: () => kept.map((k) => k.item), summaries };
}

/** Does `a` say more than `b`: distinct before repeated, further in the negotiation, earlier? */
function outranks<T>(a: Kept<T>, b: Kept<T>): boolean {
  if (a.distinct !== b.distinct) return a.distinct;
  const step = a.session.progress - b.session.progress;
  if (step !== 0) return step > 0;
  return a.session.firstFrame < b.session.firstFrame;
}
