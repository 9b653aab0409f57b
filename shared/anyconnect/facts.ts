// The facts the AnyConnect rules read, derived once from a tracked session: which connection got
// furthest, whether TLS completed, what DTLS did, and how long the capture ran on afterwards.
import type { At, DtlsFlow, RawSession, TcpConnection } from './raw-session.js';

/** GUIDE.md "Evidence, not habit": a missing answer needs the capture running this long after. */
export const ANSWER_DUE_SECONDS = 2;

export interface AnyConnectFacts {
  raw: RawSession;
  /** The capture's last frame. */
  captureLast: At;
  syns: At[];
  synAnswered: boolean;
  /** A reset from the MX on a connection it never accepted. */
  refused?: At;
  /** The connection that got furthest through TLS (the last of equals). */
  main?: TcpConnection;
  /** Connections whose TLS handshake completed, in order. */
  completed: TcpConnection[];
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

export function deriveFacts(raw: RawSession, captureLast: At): AnyConnectFacts {
  const syns = raw.connections.flatMap((c) => c.syns).sort((a, b) => a.frame - b.frame);
  let main: TcpConnection | undefined;
  for (const c of raw.connections) if (!main || progress(c) >= progress(main)) main = c;
  const refusedConn = raw.connections.find((c) => !c.synAck && c.rst?.from === 'mx');
  const flows: DtlsFlow[] = raw.dtls;
  const answers = flows.flatMap((d) => [d.serverHello, d.helloVerify].filter((x): x is At => x !== undefined));
  return {
    raw,
    captureLast,
    syns,
    synAnswered: raw.connections.some((c) => c.synAck !== undefined),
    refused: refusedConn?.rst,
    main,
    completed: raw.connections.filter(handshakeCompleted),
    tls13: main !== undefined && selectedVersion(main) === 0x0304,
    dtlsHellos: flows.flatMap((d) => d.hellos).sort((a, b) => a.frame - b.frame),
    dtlsAnswer: answers.sort((a, b) => a.frame - b.frame)[0],
    dtlsDataClient: flows.flatMap((d) => d.dataClient).sort((a, b) => a.frame - b.frame),
    dtlsDataMx: flows.flatMap((d) => d.dataMx).sort((a, b) => a.frame - b.frame),
  };
}

/** Seconds the capture ran on after `at`. */
export function ranOnAfter(f: AnyConnectFacts, at: At): number {
  return f.captureLast.t - at.t;
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
