// Collects AnyConnect candidates frame by frame: per client IP and MX address/port, the TCP
// connections (SYNs, answers, resets, FINs, the TLS handshake messages, record counts) and the
// DTLS flows on the same port number. Bounded: sessions, connections and flows per session,
// frames kept per event, timeline entries. Frames on other ports cost one Set lookup, unless they
// carry TLS or DTLS (a server on a port of its own, found by its hellos).
import { epochString } from '../decode/format-frame.js';
import type { DecodedFrame } from '../decode/types.js';
import { TCP_FLAG } from '../net/tcp.js';
import { TLS_CONTENT } from '../tls/constants.js';
import { HANDSHAKE } from '../tls/handshake.js';
import { LOGIN_RECORD_MIN } from './facts.js';
import type { At, RawSession, Side, TcpConnection } from './raw-session.js';
import type { AnyConnectEventKind, AnyConnectTimelineEntry } from './types.js';

export const TRACKER_LIMITS = {
  sessions: 1000,
  /** Of those, on ports nobody named (any HTTPS on another port may start one): 443's stay free. */
  ownPortSessions: 100,
  /**
   * Of those, begun by a connection caught mid-stream on the AnyConnect port (a WAN capture's
   * HTTPS looks the same until recognised: only the first few are kept).
   */
  midStreamSessions: 32,
  connectionsPerSession: 16,
  dtlsFlowsPerSession: 8,
  framesPerEvent: 32,
  timeline: 200,
  /** Application-data entries per direction and channel in the timeline (all are counted). */
  dataEntries: 16,
};

export interface AnyConnectTracker {
  add(frame: DecodedFrame): void;
  sessions(): RawSession[];
  /** Servers seen on each port (first two only: "one server" is all that is asked). */
  serversOnPort(port: number): number;
  /** The capture's last frame, for "was the capture still running when the answer was due". */
  lastFrame(): At | undefined;
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
      byMx.get(s.mxIp)?.get(port)?.delete(s.clientIp);
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
    };
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
    const known = byMx.get(mx)?.get(port)?.get(client);
    const tcp = f.tcp;
    let opens = false;
    if (tcp && c2m) {
      const flags = tcp.flags;
      opens =
        ((flags & TCP_FLAG.SYN) !== 0 && (flags & TCP_FLAG.ACK) === 0) ||
        (f.tls !== undefined && f.tls.some((r) => r.handshakeType === HANDSHAKE.CLIENT_HELLO));
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
    if (!s) return;
    if (!known && tcp && !opens) midStreamSessions++;
    const clientPort = c2m ? l4.srcPort : l4.dstPort;
    const time = epochString(f.timeSec, f.timeNsec);
    if (tcp) tcpFrame(s, f, c2m, clientPort, opens, midStream, at, time);
    else dtlsFrame(s, f, c2m, clientPort, at, time);
  }

  return {
    add,
    sessions: () => all,
    serversOnPort: (port) => servers.get(port)?.length ?? 0,
    lastFrame: () => (lastFrame > 0 ? { frame: lastFrame, t: lastSec + lastNsec / 1e9 } : undefined),
  };
}

function event(
  s: RawSession,
  at: At,
  time: string,
  c2m: boolean,
  channel: AnyConnectTimelineEntry['channel'],
  kind: AnyConnectEventKind,
  clientPort: number,
  label: string,
  retransmission = false,
): void {
  if (kind === 'tlsAppData' || kind === 'dtlsAppData' || kind === 'tcpData') {
    const key = `${kind}${c2m ? '>' : '<'}`;
    const n = (s.dataEntries[key] = (s.dataEntries[key] ?? 0) + 1);
    if (n > TRACKER_LIMITS.dataEntries) return;
  }
  if (s.timeline.length >= TRACKER_LIMITS.timeline) {
    s.timelineTruncated = true;
    return;
  }
  const direction = c2m ? 'client-to-mx' : 'mx-to-client';
  s.timeline.push({ frame: at.frame, time, direction, channel, kind, clientPort, retransmission, label });
}

function push(list: At[], at: At): void {
  if (list.length < TRACKER_LIMITS.framesPerEvent) list.push(at);
}

function tcpFrame(
  s: RawSession,
  f: DecodedFrame,
  c2m: boolean,
  clientPort: number,
  opens: boolean,
  midStream: boolean,
  at: At,
  time: string,
): void {
  s.last = at;
  s.lastTime = time;
  let c = s.connections.find((x) => x.clientPort === clientPort);
  if (!c) {
    if (!(opens || midStream) || s.connections.length >= TRACKER_LIMITS.connectionsPerSession) return;
    c = {
      clientPort,
      syns: [],
      dataClient: [],
      dataMx: [],
      dataClientCount: 0,
      dataMxCount: 0,
      tunnelRecords: [],
      last: at,
    };
    if (!opens) c.midStream = { client: [], mx: [], clientSegments: 0, mxSegments: 0 };
    s.connections.push(c);
  }
  c.last = at;
  const t = f.tcp!;
  if (c.midStream && t.payloadLength > 0 && f.tls === undefined) {
    if (c2m) c.midStream.clientSegments++;
    else c.midStream.mxSegments++;
    push(c2m ? c.midStream.client : c.midStream.mx, at);
    event(s, at, time, c2m, 'tcp', 'tcpData', clientPort, `TCP data ${String(t.payloadLength)} B`);
  }
  const side: Side = c2m ? 'client' : 'mx';
  const syn = (t.flags & TCP_FLAG.SYN) !== 0;
  const ack = (t.flags & TCP_FLAG.ACK) !== 0;
  if (syn && !ack && c2m) {
    push(c.syns, at);
    event(s, at, time, c2m, 'tcp', 'syn', clientPort, t.retransmission ? 'SYN ↻' : 'SYN', t.retransmission);
  } else if (syn && ack && !c2m) {
    const again = c.synAck !== undefined;
    c.synAck ??= at;
    event(s, at, time, c2m, 'tcp', 'synAck', clientPort, again ? 'SYN/ACK ↻' : 'SYN/ACK', again);
  }
  for (const r of f.tls ?? []) tlsRecord(s, c, r, c2m, side, clientPort, at, time);
  if (t.flags & TCP_FLAG.RST) {
    c.rst ??= { ...at, from: side };
    event(s, at, time, c2m, 'tcp', 'rst', clientPort, 'RST');
  } else if (t.flags & TCP_FLAG.FIN) {
    if (c2m) c.finClient ??= at;
    else c.finMx ??= at;
    event(s, at, time, c2m, 'tcp', 'fin', clientPort, 'FIN');
  }
}

const HANDSHAKE_LABELS: Partial<Record<number, [AnyConnectEventKind, string]>> = {
  [HANDSHAKE.CLIENT_HELLO]: ['clientHello', 'ClientHello'],
  [HANDSHAKE.SERVER_HELLO]: ['serverHello', 'ServerHello'],
  [HANDSHAKE.CERTIFICATE]: ['certificate', 'Certificate'],
  [HANDSHAKE.CERTIFICATE_REQUEST]: ['certificateRequest', 'CertificateRequest'],
  [HANDSHAKE.SERVER_HELLO_DONE]: ['serverHelloDone', 'ServerHelloDone'],
  [HANDSHAKE.CLIENT_KEY_EXCHANGE]: ['clientKeyExchange', 'ClientKeyExchange'],
};

function tlsRecord(
  s: RawSession,
  c: TcpConnection,
  r: NonNullable<DecodedFrame['tls']>[number],
  c2m: boolean,
  side: Side,
  clientPort: number,
  at: At,
  time: string,
): void {
  const counts = c2m ? s.tls.clientToMx : s.tls.mxToClient;
  counts.records++;
  counts.bytes += 5 + r.length;
  switch (r.contentType) {
    case TLS_CONTENT.HANDSHAKE:
      if (!r.handshakes) {
        if ((c2m ? c.ccsClient : c.ccsMx) !== undefined)
          event(s, at, time, c2m, 'tls', 'finished', clientPort, 'Finished (encrypted)');
        return;
      }
      for (const m of r.handshakes) {
        const known = HANDSHAKE_LABELS[m.type];
        if (!known) continue;
        const [kind, word] = known;
        let label = word;
        if (kind === 'clientHello') {
          c.clientHello ??= { ...at, message: m };
          if (m.serverName) label += ` (SNI ${m.serverName})`;
        } else if (kind === 'serverHello') c.serverHello ??= { ...at, message: m };
        else if (kind === 'certificate') {
          // The client's own Certificate answers a CertificateRequest (it may hold none).
          if (c2m) c.clientCertificate ??= { ...at, count: m.certificates?.length ?? 0 };
          else c.certificate ??= { ...at, message: m };
          const leaf = m.certificates?.[0];
          label += ` (${m.certificates?.length ?? 0})${leaf?.subject ? ` ${leaf.subject}` : ''}`;
        } else if (kind === 'certificateRequest' && !c2m)
          c.certificateRequest ??= { ...at, acceptedIssuers: m.acceptedIssuers ?? [] };
        else if (kind === 'clientKeyExchange') c.clientKeyExchange ??= at;
        event(s, at, time, c2m, 'tls', kind, clientPort, label);
      }
      return;
    case TLS_CONTENT.CHANGE_CIPHER_SPEC:
      if (c2m) c.ccsClient ??= at;
      else c.ccsMx ??= at;
      event(s, at, time, c2m, 'tls', 'changeCipherSpec', clientPort, 'ChangeCipherSpec');
      return;
    case TLS_CONTENT.ALERT:
      c.alert ??= { ...at, from: side, level: r.alert?.level, description: r.alert?.description };
      event(
        s,
        at,
        time,
        c2m,
        'tls',
        'alert',
        clientPort,
        r.alert ? `Alert ${r.alert.description}` : 'Alert (encrypted)',
      );
      return;
    case TLS_CONTENT.APPLICATION_DATA:
      if (c2m) {
        if (c.dataClientCount > 0 && r.length < LOGIN_RECORD_MIN) push(c.tunnelRecords, at);
        push(c.dataClient, at);
        c.dataClientCount++;
      } else {
        push(c.dataMx, at);
        c.dataMxCount++;
      }
      event(s, at, time, c2m, 'tls', 'tlsAppData', clientPort, `Application Data ${r.length} B`);
      return;
  }
}

function dtlsFrame(s: RawSession, f: DecodedFrame, c2m: boolean, clientPort: number, at: At, time: string): void {
  s.last = at;
  s.lastTime = time;
  let d = s.dtls.find((x) => x.clientPort === clientPort);
  if (!d) {
    if (!c2m || s.dtls.length >= TRACKER_LIMITS.dtlsFlowsPerSession) return;
    d = { clientPort, hellos: [], dataClient: [], dataMx: [], dataClientCount: 0, dataMxCount: 0 };
    s.dtls.push(d);
  }
  const counts = c2m ? s.udp.clientToMx : s.udp.mxToClient;
  counts.records++;
  counts.bytes += Math.max(0, f.udp!.length - 8);
  let data = false;
  for (const r of f.dtls!) {
    const m = r.handshake;
    if (m?.type === HANDSHAKE.CLIENT_HELLO && c2m) {
      const again = d.hellos.length > 0;
      push(d.hellos, at);
      d.hello ??= m;
      event(
        s,
        at,
        time,
        c2m,
        'dtls',
        'dtlsClientHello',
        clientPort,
        again ? 'DTLS ClientHello ↻' : 'DTLS ClientHello',
        again,
      );
    } else if (m?.type === HANDSHAKE.HELLO_VERIFY_REQUEST && !c2m) {
      d.helloVerify ??= at;
      event(s, at, time, c2m, 'dtls', 'dtlsHelloVerifyRequest', clientPort, 'DTLS HelloVerifyRequest');
    } else if (m?.type === HANDSHAKE.SERVER_HELLO && !c2m) {
      d.serverHello ??= { ...at, message: m };
      event(s, at, time, c2m, 'dtls', 'dtlsServerHello', clientPort, 'DTLS ServerHello');
    } else if (r.contentType === TLS_CONTENT.CHANGE_CIPHER_SPEC) {
      event(s, at, time, c2m, 'dtls', 'dtlsChangeCipherSpec', clientPort, 'DTLS ChangeCipherSpec');
    } else if (r.contentType === TLS_CONTENT.ALERT) {
      d.alert ??= { ...at, from: c2m ? 'client' : 'mx', level: r.alert?.level, description: r.alert?.description };
      event(s, at, time, c2m, 'dtls', 'dtlsAlert', clientPort, 'DTLS Alert');
    } else if (r.contentType === TLS_CONTENT.APPLICATION_DATA) data = true;
  }
  if (data) {
    if (c2m) {
      push(d.dataClient, at);
      d.dataClientCount++;
    } else {
      push(d.dataMx, at);
      d.dataMxCount++;
    }
    event(s, at, time, c2m, 'dtls', 'dtlsAppData', clientPort, `DTLS data ${f.udp!.length - 8} B`);
  }
}
