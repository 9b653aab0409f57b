// After TLS: the tunnel. ANYCONNECT_ESTABLISHED needs the DTLS answer and DTLS data both ways;
// ANYCONNECT_DTLS_BLOCKED needs the DTLS ClientHello unanswered with proof the capture ran on
// (a repeat, or 2 s of capture after it), or the DTLS moved by a NAT to a port the MX ignores; ANYCONNECT_AUTH_FAILED (likely) is TLS complete, a few
// short exchanges, a close and no DTLS at all: the bytes cannot prove why. A tunnel already running
// when the capture began is INCONCLUSIVE, leaning to ANYCONNECT_ESTABLISHED.
import {
  type AnyConnectFacts,
  clientCertificateDetails,
  firstClose,
  LOGIN_EXCHANGES,
  noAnswerProven,
  openedAt,
  ranOnAfter,
  stoppedEarly,
} from '../facts.js';
import type { At } from '../raw-session.js';
import { type Decision, frameList, onceNoAnswerProven, round } from './decision.js';
import { dtlsMovedPort } from './dtls-moved.js';

/**
 * Logins that failed beside the tunnel, for the tunnel's finding: counted, with their client
 * ports and frame spans (the verdict's evidence stays the tunnel's own).
 */
function otherLoginDetails(f: AnyConnectFacts): Record<string, string | number> {
  if (f.otherLogins.length === 0) return {};
  return {
    otherLogins: f.otherLogins.length,
    otherLoginPorts: f.otherLogins.map((c) => c.clientPort).join(', '),
    otherLoginFrames: f.otherLogins.map((c) => `${String(openedAt(c))}-${String(c.last.frame)}`).join(', '),
  };
}

export function tunnelRule(f: AnyConnectFacts): Decision | undefined {
  const done = f.tunnel;
  if (!done && f.dtlsHellos.length === 0 && f.dtlsDataClient.length === 0) return undefined;
  const hello = done?.clientHello;
  if (f.dtlsAnswer) {
    const both = f.dtlsDataClient.length > 0 && f.dtlsDataMx.length > 0;
    const frames = frameList(
      hello,
      done?.serverHello,
      f.dtlsHellos[0],
      f.dtlsAnswer,
      f.dtlsDataClient[0],
      f.dtlsDataMx[0],
    );
    if (!both && done) {
      const lost = answersLost(f, f.dtlsAnswer);
      if (lost) return lost;
    }
    const moved = both && done ? dtlsMovedPort(f) : undefined;
    if (moved) return { ...moved, details: { ...moved.details, ...otherLoginDetails(f) } };
    if (both && done)
      return {
        verdict: 'ANYCONNECT_ESTABLISHED',
        step: 'TUNNEL',
        frames,
        details: {
          dtlsClientToMx: f.raw.udp.clientToMx.records,
          dtlsMxToClient: f.raw.udp.mxToClient.records,
          ...otherLoginDetails(f),
        },
      };
    return {
      verdict: 'INCONCLUSIVE',
      step: 'DTLS',
      frames,
      details: { dtlsData: both ? 'both ways' : 'not both ways', tlsHandshakeSeen: done !== undefined },
      reason: done ? 'too-few-packets' : 'capture-started-late',
      likelyVerdict: 'ANYCONNECT_ESTABLISHED',
    };
  }
  if (f.dtlsHellos.length > 0) {
    const lastHello = f.dtlsHellos[f.dtlsHellos.length - 1];
    const proven = noAnswerProven(f, lastHello, f.dtlsHellos.length >= 2);
    const afterTls = done?.dataClient.find((d) => d.frame > lastHello.frame);
    if (proven && done)
      return {
        verdict: 'ANYCONNECT_DTLS_BLOCKED',
        step: 'DTLS',
        frames: frameList(f.dtlsHellos, afterTls),
        details: {
          dtlsClientHellos: f.dtlsHellos.length,
          secondsTried: round(lastHello.t - f.dtlsHellos[0].t),
          tunnelOverTls: afterTls !== undefined,
          ...otherLoginDetails(f),
        },
      };
    return {
      verdict: 'INCONCLUSIVE',
      step: 'DTLS',
      frames: frameList(f.dtlsHellos),
      details: { dtlsClientHellos: f.dtlsHellos.length, secondsAfter: round(ranOnAfter(f, lastHello)) },
      reason: done ? stoppedEarly(f) : 'capture-started-late',
      likelyVerdict: 'ANYCONNECT_DTLS_BLOCKED',
    };
  }
  // DTLS data both ways without its handshake: a tunnel was up before the capture began, whatever
  // login is seen beside it (a second user behind the same address failing is no failed tunnel).
  if (!done || (f.dtlsDataClient.length > 0 && f.dtlsDataMx.length > 0)) return startedLate(f);
  const close = firstClose(done);
  const exchanges = Math.min(done.dataClientCount, done.dataMxCount);
  if (done.tunnelRecords.length > 0) return tunnelWithoutDtls(f, done.tunnelRecords, close);
  // "No DTLS at all": DTLS data one way without a handshake is a tunnel's too.
  if (close && done.dataClientCount <= LOGIN_EXCHANGES && f.dtlsDataClient.length + f.dtlsDataMx.length === 0) {
    return {
      verdict: 'ANYCONNECT_AUTH_FAILED',
      step: 'LOGIN',
      frames: frameList(
        done.certificateRequest,
        done.clientCertificate,
        done.ccsMx,
        done.dataClient,
        done.dataMx,
        close,
        done.finClient,
        done.finMx,
      ),
      details: {
        exchanges,
        closedBy: close.how,
        closedFrom: close.from,
        dtls: 'none',
        ...clientCertificateDetails(f.completed.find((c) => c.certificateRequest)),
      },
    };
  }
  return {
    verdict: 'INCONCLUSIVE',
    step: 'LOGIN',
    frames: frameList(done.ccsMx, done.dataClient.slice(0, 4), done.dataMx.slice(0, 4), close),
    details: { exchanges, dtls: 'none', closed: close !== undefined },
    reason: close ? 'too-few-packets' : stoppedEarly(f),
  };
}

/**
 * DTLS data both ways with no handshake in the capture: the tunnel was up before the capture began.
 * How it came up is not in the bytes (GUIDE.md: INCONCLUSIVE, and what to capture next).
 */
function startedLate(f: AnyConnectFacts): Decision | undefined {
  if (f.dtlsDataClient.length === 0 || f.dtlsDataMx.length === 0) return undefined;
  return {
    verdict: 'INCONCLUSIVE',
    step: 'DTLS',
    frames: frameList(f.dtlsDataClient[0], f.dtlsDataMx[0]),
    details: { dtlsData: 'both ways', tlsHandshakeSeen: false },
    reason: 'capture-started-late',
    likelyVerdict: 'ANYCONNECT_ESTABLISHED',
  };
}

/**
 * Tunnel packets over TLS (records too short for a login) and no DTLS from the client at all: the
 * login succeeded, but the contract's ESTABLISHED needs DTLS. Every AnyConnect client tries DTLS
 * once the tunnel is up unless it is off, so at the MX this is UDP dropped before the capture point
 * (the client's side): INCONCLUSIVE, leaning to ANYCONNECT_DTLS_BLOCKED; a capture at the client
 * decides it.
 */
function tunnelWithoutDtls(f: AnyConnectFacts, tunnelRecords: At[], close: At | undefined): Decision {
  return {
    verdict: 'INCONCLUSIVE',
    step: 'DTLS',
    frames: frameList(f.tunnel?.ccsMx, tunnelRecords.slice(0, 4), close),
    details: { tunnelOverTls: true, tunnelRecords: tunnelRecords.length, dtls: 'none' },
    reason: 'too-few-packets',
    likelyVerdict: 'ANYCONNECT_DTLS_BLOCKED',
  };
}

/**
 * The MX answered the DTLS ClientHello but the client sent it again and never finished the
 * handshake (no DTLS data from it): the answers do not reach the client, UDP from the port dropped
 * on the way back. ANYCONNECT_DTLS_BLOCKED, proven as an unanswered hello is (the repeat itself,
 * or time, within what was read); else INCONCLUSIVE, leaning to it (never to ESTABLISHED: an
 * answer the client did not take is no tunnel).
 */
function answersLost(f: AnyConnectFacts, answer: At): Decision | undefined {
  const again = f.dtlsHellos.filter((h) => h.frame > answer.frame);
  if (again.length === 0 || f.dtlsDataClient.length > 0) return undefined;
  const last = again[again.length - 1];
  const afterTls = f.tunnel?.dataClient.find((d) => d.frame > last.frame);
  return onceNoAnswerProven(f, last, true, {
    verdict: 'ANYCONNECT_DTLS_BLOCKED',
    step: 'DTLS',
    frames: frameList(f.dtlsHellos[0], answer, again, afterTls),
    details: {
      answersLost: true,
      dtlsClientHellos: f.dtlsHellos.length,
      secondsTried: round(last.t - f.dtlsHellos[0].t),
      tunnelOverTls: afterTls !== undefined,
      ...otherLoginDetails(f),
    },
  });
}
