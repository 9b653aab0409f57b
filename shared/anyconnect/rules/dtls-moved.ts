// DTLS that ran both ways, then comes from another client port with nothing from the MX on it:
// the NAT in front of the client changed its UDP mapping (a restart, or a UDP timeout shorter
// than the tunnel's quiet spells), and the MX, which binds a DTLS session to the address and
// port it was set up from, drops what comes from elsewhere. Real capture:
// anyconnect-dtls-nat-rebind. A client that sets DTLS up again (a new ClientHello) is a new
// handshake, not this; DTLS both ways again after the move, or the MX answering a new handshake,
// is a tunnel that recovered (anyconnect-dtls-nat-rebind-recovers).
import { ANSWER_DUE_SECONDS, type AnyConnectFacts, ranOnAfter } from '../facts.js';
import type { DtlsFlow } from '../raw-session.js';
import { type Decision, frameList, round } from './decision.js';

/** Unanswered DTLS packets from the new port that make the MX's silence a pattern, not a gap. */
const MIN_UNANSWERED = 3;

export function dtlsMovedPort(f: AnyConnectFacts): Decision | undefined {
  const flows = f.raw.dtls;
  const worked = flows.find((d) => d.dataClient.length > 0 && d.dataMx.length > 0);
  if (!worked) return undefined;
  let moved: DtlsFlow | undefined;
  for (const d of flows)
    if (
      d !== worked &&
      d.hellos.length === 0 &&
      d.dataMxCount === 0 &&
      d.dataClientCount >= MIN_UNANSWERED &&
      d.dataClient[0].frame > worked.dataMx[0].frame &&
      (!moved || d.dataClient[0].frame > moved.dataClient[0].frame)
    )
      moved = d;
  if (!moved) return undefined;
  const first = moved.dataClient[0];
  const last = moved.dataClient[moved.dataClient.length - 1];
  const since = first.frame;
  // DTLS got through again after the move: a flow both ways, or the MX answering a new handshake.
  const recovered = flows.some(
    (d) =>
      d !== moved &&
      ((d.dataMx.some((x) => x.frame > since) && d.dataClient.some((x) => x.frame > since)) ||
        (d.serverHello?.frame ?? 0) > since ||
        (d.helloVerify?.frame ?? 0) > since),
  );
  if (recovered || ranOnAfter(f, first) < ANSWER_DUE_SECONDS) return undefined;
  return {
    verdict: 'ANYCONNECT_DTLS_BLOCKED',
    step: 'DTLS',
    frames: frameList(worked.dataMx[worked.dataMx.length - 1], first, last),
    details: {
      dtlsPortBefore: worked.clientPort,
      dtlsPortSince: moved.clientPort,
      dtlsPortMovedAt: since,
      dtlsUnanswered: moved.dataClientCount,
      secondsTried: round(last.t - first.t),
    },
  };
}
