// The facts the AnyConnect rules read, derived once from a tracked session: which connection got
// furthest, whether TLS completed, what DTLS did, and how long the capture ran on afterwards.
import type { At, DtlsFlow, RawSession, TcpConnection } from './raw-session.js';

/** GUIDE.md "Evidence, not habit": a missing answer needs the capture running this long after. */
export const ANSWER_DUE_SECONDS = 2;
/** More client records than this over TLS without DTLS is tunnel traffic, not a login exchange. */
export const LOGIN_EXCHANGES = 8;
/**
 * Bytes of the shortest client record a login can be: an HTTP request with its headers and
 * cookie (openconnect's are 650-1100 B, the lab's captures). Shorter ones are tunnel packets
 * (CSTP: a ping 116 B, the goodbye 50 B) and prove the login succeeded.
 */
export const LOGIN_RECORD_MIN = 200;

export interface AnyConnectFacts {
  raw: RawSession;
  /** The capture's last readable frame. */
  captureLast: At;
  /** Where the file broke off (capture-damage.ts), when it did: nothing after it was read. */
  damagedAtFrame?: number;
  syns: At[];
  synAnswered: boolean;
  /** A reset from the MX on a connection it never accepted. */
  refused?: At;
  /** The connection that got furthest through TLS (the tunnel's, else the last of equals). */
  main?: TcpConnection;
  /** Connections whose TLS handshake completed, in order. */
  completed: TcpConnection[];
  /**
   * The completed connection the tunnel belongs to: the one open when DTLS began (the DTLS
   * handshake follows the CONNECT on it), else the last completed.
   */
  tunnel?: TcpConnection;
  /**
   * Completed connections begun beside the running tunnel that closed after a login's few
   * exchanges with no DTLS of their own: AUTH_FAILED's shape. One address can hide several users
   * (NAT); the bytes cannot tell them from the client's own extra connection.
   */
  otherLogins: TcpConnection[];
  tls13: boolean;
  dtlsHellos: At[];
  dtlsAnswer?: At;
  dtlsDataClient: At[];
  dtlsDataMx: At[];
}

const CERTIFICATE_ALERTS = new Set([42, 43, 44, 45, 46, 48]);

export function isCertificateAlert(description: number | undefined): boolean {
  return description !== undefined && CERTIFICATE_ALERTS.has(description);
}

export function selectedVersion(c: TcpConnection): number | undefined {
  const m = c.serverHello?.message;
  return m?.supportedVersions?.[0] ?? m?.version;
}

/**
 * TLS 1.2: both ChangeCipherSpecs. TLS 1.3 hides the rest: data both ways after the ServerHello
 * (the client's Finished and a request). Its ChangeCipherSpecs prove nothing: both sides send one
 * for middleboxes before the MX's encrypted Certificate, so a client that rejects it has sent one.
 */
export function handshakeCompleted(c: TcpConnection): boolean {
  if (c.alert && c.alert.level === 2) return false;
  if (selectedVersion(c) === 0x0304) return c.dataClientCount >= 2 && c.dataMxCount >= 1;
  return c.ccsClient !== undefined && c.ccsMx !== undefined;
}

function progress(c: TcpConnection): number {
  if (handshakeCompleted(c)) return 5 + Math.min(c.dataClientCount, 1);
  if (c.certificate) return 4;
  if (c.serverHello) return 3;
  if (c.clientHello) return 2;
  return c.synAck ? 1 : 0;
}

/** The frame that began a connection in the capture. */
export function openedAt(c: TcpConnection): number {
  return c.syns[0]?.frame ?? c.clientHello?.frame ?? c.last.frame;
}

/** The last frame of a connection's handshake (TLS 1.2: the MX's ChangeCipherSpec). */
function handshakeEnd(c: TcpConnection): number {
  return (c.ccsMx ?? c.serverHello ?? c.last).frame;
}

function tunnelOf(completed: TcpConnection[], dtlsHellos: At[]): TcpConnection | undefined {
  const dtls = dtlsHellos[0];
  if (!dtls) return completed[completed.length - 1];
  let open: TcpConnection | undefined;
  for (const c of completed) {
    const closed = firstClose(c);
    if (handshakeEnd(c) < dtls.frame && (!closed || closed.frame > dtls.frame)) open = c;
  }
  return open ?? completed[completed.length - 1];
}

function otherLoginsBeside(tunnel: TcpConnection, completed: TcpConnection[], flows: DtlsFlow[]): TcpConnection[] {
  const tunnelClosed = firstClose(tunnel)?.frame ?? Infinity;
  return completed.filter((c) => {
    if (c === tunnel) return false;
    const opened = openedAt(c);
    const closed = firstClose(c);
    return (
      opened > handshakeEnd(tunnel) &&
      opened < tunnelClosed &&
      closed !== undefined &&
      c.dataClientCount <= LOGIN_EXCHANGES &&
      c.tunnelRecords.length === 0 &&
      // A DTLS flow begun after it is its own tunnel (the tunnel's repeated hellos are not).
      !flows.some((d) => d.hellos.length > 0 && d.hellos[0].frame > opened)
    );
  });
}

export function deriveFacts(raw: RawSession, captureLast: At, damagedAtFrame?: number): AnyConnectFacts {
  const syns = raw.connections.flatMap((c) => c.syns).sort((a, b) => a.frame - b.frame);
  const flows: DtlsFlow[] = raw.dtls;
  const dtlsHellos = flows.flatMap((d) => d.hellos).sort((a, b) => a.frame - b.frame);
  const completed = raw.connections.filter(handshakeCompleted);
  const tunnel = tunnelOf(completed, dtlsHellos);
  let main: TcpConnection | undefined;
  for (const c of raw.connections) if (!main || progress(c) >= progress(main)) main = c;
  if (tunnel && main && progress(tunnel) >= progress(main)) main = tunnel;
  const refusedConn = raw.connections.find((c) => !c.synAck && c.rst?.from === 'mx');
  const answers = flows.flatMap((d) => [d.serverHello, d.helloVerify].filter((x): x is At => x !== undefined));
  return {
    raw,
    captureLast,
    ...(damagedAtFrame !== undefined ? { damagedAtFrame } : {}),
    syns,
    synAnswered: raw.connections.some((c) => c.synAck !== undefined),
    refused: refusedConn?.rst,
    main,
    completed,
    tunnel,
    otherLogins: tunnel && dtlsHellos.length > 0 ? otherLoginsBeside(tunnel, completed, flows) : [],
    tls13: main !== undefined && selectedVersion(main) === 0x0304,
    dtlsHellos,
    dtlsAnswer: answers.sort((a, b) => a.frame - b.frame)[0],
    dtlsDataClient: flows.flatMap((d) => d.dataClient).sort((a, b) => a.frame - b.frame),
    dtlsDataMx: flows.flatMap((d) => d.dataMx).sort((a, b) => a.frame - b.frame),
  };
}

/** Seconds the capture ran on after `at`. */
export function ranOnAfter(f: AnyConnectFacts, at: At): number {
  return f.captureLast.t - at.t;
}

/**
 * No answer came to `last`: the capture ran on ANSWER_DUE_SECONDS past it or, unless the file broke
 * off, the client asked again. In a damaged file an answer to the repeat may lie in what could not
 * be read, so only time within the readable part proves it (as for IKE: capture-clock.ts).
 */
export function noAnswerProven(f: AnyConnectFacts, last: At, repeated: boolean): boolean {
  return ranOnAfter(f, last) >= ANSWER_DUE_SECONDS || (repeated && f.damagedAtFrame === undefined);
}

/** Why a capture that stops before an answer was due cannot decide: its end, or its damage. */
export function stoppedEarly(f: AnyConnectFacts): 'capture-ended-early' | 'capture-damaged' {
  return f.damagedAtFrame === undefined ? 'capture-ended-early' : 'capture-damaged';
}

/** Who closed a connection first (RST, FIN or an alert), and where. */
export function firstClose(
  c: TcpConnection,
): (At & { from: 'client' | 'mx'; how: 'rst' | 'fin' | 'alert' }) | undefined {
  const cands: (At & { from: 'client' | 'mx'; how: 'rst' | 'fin' | 'alert' })[] = [];
  if (c.rst) cands.push({ frame: c.rst.frame, t: c.rst.t, from: c.rst.from, how: 'rst' });
  if (c.finClient) cands.push({ ...c.finClient, from: 'client', how: 'fin' });
  if (c.finMx) cands.push({ ...c.finMx, from: 'mx', how: 'fin' });
  if (c.alert) cands.push({ frame: c.alert.frame, t: c.alert.t, from: c.alert.from, how: 'alert' });
  return cands.sort((a, b) => a.frame - b.frame)[0];
}

/**
 * Certificate authentication in clear (TLS 1.2): whether the MX asked this connection for a client
 * certificate, whether the client's Certificate held one, and the CAs the MX named.
 */
export function clientCertificateDetails(c: TcpConnection | undefined): Record<string, string> {
  const asked = c?.certificateRequest;
  if (!asked) return {};
  const issuers = asked.acceptedIssuers;
  return {
    clientCertificate: (c.clientCertificate?.count ?? 0) > 0 ? 'sent' : 'none sent',
    ...(issuers.length > 0 ? { acceptedIssuers: issuers.join('; ') } : {}),
  };
}
