// Authentication questions the capture ended on: an unanswered lookup or Access-Request, or an
// unfinished directory handshake, whose answer was not yet due (RETRANSMISSION_INTERVAL_SECONDS
// after its last message) when the capture stopped. Not a failure yet (GUIDE.md, "Evidence, not
// habit"): INCONCLUSIVE, capture-ended-early, leaning to the failure it would become.
import { RETRANSMISSION_INTERVAL_SECONDS, secondsToEnd, type CaptureClock } from '../capture-clock.js';
import type { CaptureVerdict } from '../capture-verdict.js';
import type { DnsLookup } from './dns-lookups.js';
import { tlsCompleted, type DirectoryTlsFlow } from './directory-tls.js';
import type { RadiusExchange } from './radius-exchanges.js';

const FATAL = 2;

function notYetDue(clock: CaptureClock, sec: number, nsec: number): boolean {
  return secondsToEnd(clock, sec, nsec) < RETRANSMISSION_INTERVAL_SECONDS;
}

export function dnsStillOpen(l: DnsLookup, clock: CaptureClock): boolean {
  return l.rcode === undefined && !l.icmpError && notYetDue(clock, l.lastQuerySec, l.lastQueryNsec);
}

/** A request sent again proves the earlier one unanswered, however soon the capture ends. */
export function radiusStillOpen(e: RadiusExchange, clock: CaptureClock): boolean {
  return e.answerCode === undefined && e.requestFrames.length === 1 && notYetDue(clock, e.lastSec, e.lastNsec);
}

/** A handshake neither completed nor ended by a fatal alert or a reset, its next message not yet due. */
export function directoryStillOpen(f: DirectoryTlsFlow, clock: CaptureClock): boolean {
  return (
    !tlsCompleted(f) &&
    f.alert?.level !== FATAL &&
    f.resetFrame === undefined &&
    notYetDue(clock, f.lastSec, f.lastNsec)
  );
}

/** The capture's verdict when nothing else decides and an authentication question is still open. */
export function authStillOpen(
  lookups: DnsLookup[],
  exchanges: RadiusExchange[],
  flows: DirectoryTlsFlow[],
  clock: CaptureClock,
): CaptureVerdict | undefined {
  const open = (likelyVerdict: CaptureVerdict['likelyVerdict']): CaptureVerdict => ({
    verdict: 'INCONCLUSIVE',
    reason: 'capture-ended-early',
    likelyVerdict,
  });
  if (exchanges.some((e) => radiusStillOpen(e, clock))) return open('RADIUS_NO_RESPONSE');
  if (flows.some((f) => directoryStillOpen(f, clock))) return open('AD_TLS_FAILED');
  if (lookups.some((l) => dnsStillOpen(l, clock))) return open('CLOUD_DNS_FAILED');
  return undefined;
}
