// Collects AnyConnect candidates frame by frame: per client IP and MX address/port, the TCP
// connections (SYNs, answers, resets, FINs, the TLS handshake messages, record counts) and the
// DTLS flows on the same port number. Bounded: sessions, connections and flows per session,
// frames kept per event, timeline entries. Frames on other ports cost one Set lookup, unless they
// carry TLS or DTLS (a server on a port of its own, found by its hellos).
import { epochString } from '../decode/format-frame.js';
import type { DecodedFrame } from '../decode/types.js';
import { TCP_FLAG } from '../net/tcp.js';
import { HANDSHAKE } from '../tls/handshake.js';
import type { At, RawSession } from './raw-session.js';
import { dtlsFrame, tcpFrame } from './record-frame.js';
import { TRACKER_LIMITS } from './tracker-limits.js';

/** A client, its MX and port as text: the tracker's key and the session id's body (sessions.ts). */
export const anyConnectKey = (client: string, mx: string, port: number) => `${client}|${mx}:${port}`;

export interface AnyConnectTracker {
  add(frame: DecodedFrame): void;
  sessions(): RawSession[];
  /** Servers seen on each port (first two only: "one server" is all that is asked). */
  serversOnPort(port: number): number;
  /** The capture's last frame, for "was the capture still running when the answer was due". */
  lastFrame(): At | undefined;
  /** Frames of clients that would have begun a session past TRACKER_LIMITS.sessions. */
  framesNotTracked(): number;
  /** Sessions followed now. */
  live(): number;
  /**
   * Forgets and returns the sessions with no frame since `beforeT` (seconds since the epoch) that
   * `take` accepts; a later frame of the same client and MX begins a new session.
   */
  retireIdle(beforeT: number, take: (s: RawSession) => boolean): RawSession[];
}

/**
 * `ports`: the AnyConnect ports (443 and any configured); `named(mx, port)`: the user said this is
 * the MX or its port (`--mx`, `--anyconnect-port`), so a connection caught mid-stream there is
 * AnyConnect's whatever else the capture holds.
 */
export function createAnyConnectTracker(
  ports: ReadonlySet<number>,
  named: (mx: string, port: number) => boolean = () => false,
): AnyConnectTracker {
  // mx ip -> port -> client ip -> session
  const byMx = new Map<string, Map<number, Map<string, RawSession>>>();
  const all: RawSession[] = [];
  const servers = new Map<number, string[]>();
  /** Sessions on ports not configured (found by their hellos). */
  let ownPortSessions = 0;
  /** Sessions begun by a connection caught mid-stream. */
  let midStreamSessions = 0;
  let lastFrame = 0;
  let notTracked = 0;
  /** Client, MX and port of retired sessions (bounded: past it, every new session is suffixed). */
  const retiredKeys = new Set<string>();
  let retiredKeysFull = false;
  let lastSec = 0;
  let lastNsec = 0;

  /** Servers seen on the port so far (the first two). */
  function noteServer(port: number, mx: string): number {
    let s = servers.get(port);
    if (!s) servers.set(port, (s = []));
    if (s.length < 2 && s[0] !== mx) {
      s.push(mx);
      if (s.length === 2 && midStreamSessions > 0) forgetMidStream(port);
    }
    return s.length;
  }

  /**
   * A second server on the port: sessions that are only connections caught mid-stream can no
   * longer be told from the capture's other HTTPS (sessions.ts: no hello, no DTLS, not the sole
   * server), unless the user named their server or port. Forgotten, so they cost nothing more.
   */
  function forgetMidStream(port: number): void {
    for (let i = all.length - 1; i >= 0; i--) {
      const s = all[i];
      const onlyMid = s.dtls.length === 0 && s.connections.every((c) => c.midStream !== undefined);
      if (s.mxPort !== port || !onlyMid || named(s.mxIp, port)) continue;
      const byClient = byMx.get(s.mxIp)?.get(port);
      if (byClient?.get(s.clientIp) === s) byClient.delete(s.clientIp);
      all.splice(i, 1);
    }
  }

  function session(mx: string, port: number, client: string, at: At, f: DecodedFrame): RawSession | undefined {
    if (all.length >= TRACKER_LIMITS.sessions) return undefined;
    let byPort = byMx.get(mx);
    let byClient = byPort?.get(port);
    if (!byPort) byMx.set(mx, (byPort = new Map()));
    if (!byClient) byPort.set(port, (byClient = new Map()));
    const time = epochString(f.timeSec, f.timeNsec);
    const s: RawSession = {
      clientIp: client,
      mxIp: mx,
      mxPort: port,
      connections: [],
      dtls: [],
      timeline: [],
      timelineTruncated: false,
      tls: { clientToMx: { records: 0, bytes: 0 }, mxToClient: { records: 0, bytes: 0 } },
      udp: { clientToMx: { records: 0, bytes: 0 }, mxToClient: { records: 0, bytes: 0 } },
      first: at,
      last: at,
      firstTime: time,
      lastTime: time,
      dataEntries: {},
      cutSegments: 0,
    };
    if (retiredKeysFull || (retiredKeys.size > 0 && retiredKeys.has(anyConnectKey(client, mx, port))))
      s.idSuffix = `#${f.number}`;
    byClient.set(client, s);
    all.push(s);
    if (!ports.has(port)) ownPortSessions++;
    return s;
  }

  /**
   * A server on a port of its own (AnyConnect moved off 443; the decoder follows TLS and DTLS
   * there only from a hello): towards it (true), from it (false), or not a candidate. Frames
   * without TLS or DTLS are looked up only once such a session exists.
   */
  function ownPortSide(f: DecodedFrame, srcPort: number, dstPort: number): boolean | undefined {
    const ip = f.ip!;
    if (f.tls === undefined && f.dtls === undefined && ownPortSessions === 0) return undefined;
    if (byMx.get(ip.dst)?.get(dstPort)?.has(ip.src)) return true;
    if (byMx.get(ip.src)?.get(srcPort)?.has(ip.dst)) return false;
    const hello =
      f.tls?.some((r) => r.handshakeType === HANDSHAKE.CLIENT_HELLO) ||
      f.dtls?.some((r) => r.handshake?.type === HANDSHAKE.CLIENT_HELLO);
    return hello && ownPortSessions < TRACKER_LIMITS.ownPortSessions ? true : undefined;
  }

  function add(f: DecodedFrame): void {
    // Every frame passes here: nothing is allocated until a frame belongs to the AnyConnect port.
    lastFrame = f.number;
    lastSec = f.timeSec;
    lastNsec = f.timeNsec;
    const l4 = f.tcp ?? (f.dtls ? f.udp : undefined);
    if (!l4 || !f.ip) return;
    let toMx = ports.has(l4.dstPort);
    if (!toMx && !ports.has(l4.srcPort)) {
      const side = ownPortSide(f, l4.srcPort, l4.dstPort);
      if (side === undefined) return;
      toMx = side;
    }
    const ip = f.ip;
    const c2m = toMx && !(ports.has(l4.srcPort) && l4.srcPort < l4.dstPort);
    const mx = c2m ? ip.dst : ip.src;
    const port = c2m ? l4.dstPort : l4.srcPort;
    const serversHere = noteServer(port, mx);
    const client = c2m ? ip.src : ip.dst;
    let known = byMx.get(mx)?.get(port)?.get(client);
    const tcp = f.tcp;
    let opens = false;
    let syn = false;
    if (tcp && c2m) {
      const flags = tcp.flags;
      syn = (flags & TCP_FLAG.SYN) !== 0 && (flags & TCP_FLAG.ACK) === 0;
      opens = syn || (f.tls !== undefined && f.tls.some((r) => r.handshakeType === HANDSHAKE.CLIENT_HELLO));
    }
    // The client connects again after its tunnel ran and closed: a new attempt, a session of its own.
    if (known && syn && tunnelClosed(known)) {
      end(known);
      known = undefined;
    }
    // A connection already running when the capture began, on the AnyConnect port: data, FIN or RST.
    const midStream =
      tcp !== undefined &&
      !opens &&
      ports.has(port) &&
      (tcp.payloadLength > 0 || (tcp.flags & (TCP_FLAG.FIN | TCP_FLAG.RST)) !== 0);
    const starts = tcp
      ? opens ||
        (midStream && midStreamSessions < TRACKER_LIMITS.midStreamSessions && (serversHere === 1 || named(mx, port)))
      : c2m;
    if (!known && !starts) return;
    const at: At = { frame: f.number, t: f.timeSec + f.timeNsec / 1e9 };
    const s = known ?? session(mx, port, client, at, f);
    if (!s) {
      notTracked++;
      return;
    }
    if (!known && tcp && !opens) midStreamSessions++;
    const clientPort = c2m ? l4.srcPort : l4.dstPort;
    const time = epochString(f.timeSec, f.timeNsec);
    s.last = at;
    s.lastTime = time;
    if (tcp && tcp.payloadLength > 0 && f.capturedLength < f.length) s.cutSegments++;
    if (tcp) tcpFrame(s, f, c2m, clientPort, opens, midStream, at, time);
    else dtlsFrame(s, f, c2m, clientPort, at, time);
  }

  /**
   * Stops following `s`: the client's later frames begin a new session (its id suffixed). It
   * stays among the sessions until retired or the capture ends.
   */
  function end(s: RawSession): void {
    const byClient = byMx.get(s.mxIp)?.get(s.mxPort);
    if (byClient?.get(s.clientIp) === s) byClient.delete(s.clientIp);
    if (retiredKeys.size < TRACKER_LIMITS.retiredKeys) retiredKeys.add(anyConnectKey(s.clientIp, s.mxIp, s.mxPort));
    else retiredKeysFull = true;
  }

  function retireIdle(beforeT: number, take: (s: RawSession) => boolean): RawSession[] {
    const retired: RawSession[] = [];
    let kept = 0;
    for (const s of all) {
      if (s.last.t < beforeT && take(s)) {
        end(s);
        retired.push(s);
      } else all[kept++] = s;
    }
    all.length = kept;
    return retired;
  }

  return {
    add,
    live: () => all.length,
    retireIdle,
    sessions: () => all,
    serversOnPort: (port) => servers.get(port)?.length ?? 0,
    lastFrame: () => (lastFrame > 0 ? { frame: lastFrame, t: lastSec + lastNsec / 1e9 } : undefined),
    framesNotTracked: () => notTracked,
  };
}

/**
 * The session's tunnel ran (tunnel packets on TLS, or DTLS data both ways) and every one of its
 * TCP connections has closed (FIN or reset): nothing of it is left to continue.
 */
function tunnelClosed(s: RawSession): boolean {
  const ran =
    s.connections.some((c) => c.tunnelRecords.length > 0) ||
    s.dtls.some((d) => d.dataClientCount > 0 && d.dataMxCount > 0);
  return ran && s.connections.length > 0 && s.connections.every((c) => c.rst || c.finClient || c.finMx);
}
