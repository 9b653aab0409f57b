// Authentication findings of a LAN-side capture: RADIUS answers, TLS to the directory, and
// meraki.com lookups, each with its frames and a filter. One finding per outcome and protocol.
import { dnsRcodeName } from '../../dns/constants.js';
import { TLS_ALERT_DESCRIPTIONS, tlsName } from '../../tls/constants.js';
import type { Finding } from '../../report/types.js';
import { buildFinding } from '../finding.js';
import { RETRANSMISSION_INTERVAL_SECONDS, secondsToEnd, type CaptureClock } from '../capture-clock.js';
import type { DnsLookup } from './dns-lookups.js';
import { tlsCompleted, tlsDecided, type DirectoryTlsFlow } from './directory-tls.js';
import { RadiusCode, type RadiusExchange } from './radius-exchanges.js';
import { directoryStillOpen, radiusStillOpen } from './still-open.js';
import { frameSetFilter, MAX_FILTER_FRAMES } from '../frame-filter.js';

function cap(frames: number[]): number[] {
  return [...new Set(frames)].sort((a, b) => a - b).slice(0, MAX_FILTER_FRAMES);
}

function frameFilter(frames: number[], fallback: string): string {
  return frames.length > 0 && frames.length <= MAX_FILTER_FRAMES ? frameSetFilter(frames) : fallback;
}

export function radiusFindings(exchanges: RadiusExchange[], clock: CaptureClock): Finding[] {
  const accepted = exchanges.filter((e) => e.answerCode === RadiusCode.AccessAccept);
  const rejected = exchanges.filter((e) => e.answerCode === RadiusCode.AccessReject);
  // No answer is a failure only once it was due (still-open.ts).
  const silent = exchanges.filter((e) => e.answerCode === undefined && !radiusStillOpen(e, clock));
  const out: Finding[] = [];
  const users = (list: RadiusExchange[]) =>
    [...new Set(list.map((e) => e.userName).filter(Boolean))].slice(0, 8).join(', ');
  if (rejected.length) {
    const frames = cap(rejected.flatMap((e) => [...e.requestFrames, e.answerFrame!]));
    const reply = rejected.find((e) => e.replyMessage)?.replyMessage;
    out.push(
      buildFinding(
        'RADIUS_REJECTED',
        {
          frames,
          details: { rejects: rejected.length, users: users(rejected), ...(reply ? { replyMessage: reply } : {}) },
        },
        frameFilter(frames, 'radius.code == 3'),
        { reply: reply ?? '' },
      ),
    );
  }
  if (silent.length) {
    const frames = cap(silent.flatMap((e) => e.requestFrames));
    const count = silent.reduce((n, e) => n + e.requestFrames.length, 0);
    out.push(
      buildFinding(
        'RADIUS_NO_RESPONSE',
        {
          frames,
          repeated: silent
            .filter((e) => e.requestFrames.length > 1)
            .slice(0, 8)
            .map((e) => ({
              message: `Access-Request ID ${e.identifier}`,
              from: 'mx' as const,
              count: e.requestFrames.length,
              frames: e.requestFrames,
            })),
          details: { unanswered: silent.length, users: users(silent) },
        },
        frameFilter(frames, 'radius.code == 1'),
        { count, server: silent[0].server },
      ),
    );
  }
  if (accepted.length) {
    const frames = cap(accepted.flatMap((e) => [...e.requestFrames, e.answerFrame!]));
    out.push(
      buildFinding(
        'RADIUS_ACCEPTED',
        { frames, details: { accepts: accepted.length, users: users(accepted) } },
        frameFilter(frames, 'radius.code == 2'),
      ),
    );
  }
  return out;
}

/**
 * A query nobody answered is a failure only when the resolver asked again (a resolver facing a
 * dead server retries; a single query answered by an ICMP error is a client probing the MX's
 * WAN address) and the capture ran on a retransmission interval past the last try. A lookup
 * still open at the end of the capture proves nothing: it only makes CLOUD_DNS_FAILED likely.
 */
function unansweredFailure(l: DnsLookup, clock: CaptureClock): boolean {
  return (
    !l.icmpError &&
    l.queryFrames.length > 1 &&
    secondsToEnd(clock, l.lastQuerySec, l.lastQueryNsec) >= RETRANSMISSION_INTERVAL_SECONDS
  );
}

export function dnsFindings(all: DnsLookup[], clock: CaptureClock): Finding[] {
  const lookups = all.filter((l) => l.rcode !== undefined || unansweredFailure(l, clock));
  if (lookups.length === 0) return [];
  const ok = lookups.filter((l) => l.rcode === 0 && (l.answers ?? 0) > 0);
  const failed = lookups.filter((l) => !(l.rcode === 0 && (l.answers ?? 0) > 0));
  const out: Finding[] = [];
  if (failed.length && ok.length === 0) {
    const f = failed[0];
    const rcode = f.rcode === undefined ? 'no-answer' : f.rcode === 0 ? 'no-address' : dnsRcodeName(f.rcode);
    const frames = cap(failed.flatMap((l) => [...l.queryFrames, ...(l.answerFrame ? [l.answerFrame] : [])]));
    out.push(
      buildFinding(
        'CLOUD_DNS_FAILED',
        { frames, details: { name: f.name, rcode, server: f.server, failedLookups: failed.length } },
        frameFilter(frames, 'dns.qry.name contains "meraki.com"'),
        { name: f.name, rcode, sent: f.queryFrames.length },
      ),
    );
  }
  if (ok.length) {
    const frames = cap(ok.flatMap((l) => [...l.queryFrames, l.answerFrame!]));
    out.push(
      buildFinding(
        'CLOUD_DNS_OK',
        { frames, details: { name: ok[0].name, server: ok[0].server, answered: ok.length, failed: failed.length } },
        frameFilter(frames, 'dns.qry.name contains "meraki.com"'),
        { name: ok[0].name },
      ),
    );
  }
  return out;
}

export function directoryTlsFindings(flows: DirectoryTlsFlow[], clock: CaptureClock): Finding[] {
  if (flows.length === 0) return [];
  const ok = flows.filter(tlsCompleted);
  const failed = flows.filter((f) => !tlsCompleted(f) && tlsDecided(f) && !directoryStillOpen(f, clock));
  const out: Finding[] = [];
  const portFilter = (list: DirectoryTlsFlow[]) =>
    [...new Set(list.map((f) => f.serverPort))].map((p) => `tcp.port == ${p}`).join(' || ');
  if (failed.length) {
    const f = failed[0];
    const desc = f.alert
      ? (tlsName(TLS_ALERT_DESCRIPTIONS, f.alert.description) ?? String(f.alert.description))
      : undefined;
    const frames = cap(failed.flatMap((x) => x.frames));
    out.push(
      buildFinding(
        'AD_TLS_FAILED',
        {
          frames,
          ports: [...new Set(failed.map((x) => x.serverPort))],
          details: {
            server: f.server,
            failedSessions: failed.length,
            ...(desc ? { alert: desc, alertFrom: f.alert!.from, alertFrame: f.alert!.frame } : {}),
            ...(f.resetFrame ? { resetFrame: f.resetFrame } : {}),
          },
        },
        frameFilter(frames, portFilter(failed)),
        {
          server: f.server,
          alert: desc ?? '',
          alertFrom: f.alert?.from ?? '',
          alertFrame: f.alert?.frame ?? 0,
          resetFrame: f.resetFrame ?? 0,
        },
      ),
    );
  }
  if (ok.length) {
    const frames = cap(ok.flatMap((x) => x.frames));
    out.push(
      buildFinding(
        'AD_TLS_OK',
        {
          frames,
          ports: [...new Set(ok.map((x) => x.serverPort))],
          details: { server: ok[0].server, sessions: ok.length },
        },
        frameFilter(frames, portFilter(ok)),
        { server: ok[0].server },
      ),
    );
  }
  return out;
}
