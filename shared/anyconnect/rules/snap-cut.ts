// A session whose TLS segments the snap length cut (raw-session.ts cutSegments): the stream
// cannot be followed past the first cut, so its later records look missing and record sizes
// (the login's shape) are unknown. Only what TCP shows alone (a connection never accepted) or a
// tunnel's data proves stands; every other verdict would rest on records that were on the wire
// but not in the file (a TLS 1.3 login read as a refused certificate, a working PSK login as a
// failed one), so the session is INCONCLUSIVE: packets-truncated.
import type { AnyConnectVerdict } from '../types.js';
import type { Decision } from './decision.js';

const STANDS_WHEN_CUT: ReadonlySet<AnyConnectVerdict> = new Set([
  'ANYCONNECT_TCP_UNREACHABLE',
  'ANYCONNECT_ESTABLISHED',
]);

export function decisionWhenCut(d: Decision): Decision {
  if (STANDS_WHEN_CUT.has(d.verdict)) return d;
  if (d.verdict === 'INCONCLUSIVE') return d.reason === 'capture-damaged' ? d : { ...d, reason: 'packets-truncated' };
  return { verdict: 'INCONCLUSIVE', step: d.step, frames: d.frames, details: {}, reason: 'packets-truncated' };
}
