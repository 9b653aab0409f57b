// What one frame adds to an AnyConnect candidate session (tracker.ts finds or makes the session):
// on TCP the connection's SYNs, answers, resets, FINs and TLS records; on UDP the DTLS flow's
// hellos, answers and datagrams; each as a bounded timeline event.
import { COPY_SECONDS } from '../capture/copies.js';
import type { DecodedFrame } from '../decode/types.js';
import { TCP_FLAG } from '../net/tcp.js';
import { TLS_CONTENT } from '../tls/constants.js';
import { HANDSHAKE } from '../tls/handshake.js';
import { LOGIN_RECORD_MIN } from './facts.js';
import type { At, RawSession, Side, TcpConnection } from './raw-session.js';
import { TRACKER_LIMITS } from './tracker-limits.js';
import type { AnyConnectEventKind, AnyConnectTimelineEntry } from './types.js';
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

export function tcpFrame(
  s: RawSession,
  f: DecodedFrame,
  c2m: boolean,
  clientPort: number,
  opens: boolean,
  midStream: boolean,
  at: At,
  time: string,
): void {
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
    // The same SYN captured twice is not a retransmission (copies.ts): it would prove an absence.
    const previous = c.syns[c.syns.length - 1];
    if (previous && at.t - previous.t < COPY_SECONDS) return;
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

export function dtlsFrame(
  s: RawSession,
  f: DecodedFrame,
  c2m: boolean,
  clientPort: number,
  at: At,
  time: string,
): void {
  let d = s.dtls.find((x) => x.clientPort === clientPort);
  if (!d) {
    if (!c2m || s.dtls.length >= TRACKER_LIMITS.dtlsFlowsPerSession) return;
    d = { clientPort, hellos: [], dataClient: [], dataMx: [], dataClientCount: 0, dataMxCount: 0 };
    s.dtls.push(d);
  }
  const lastHello = d.hellos[d.hellos.length - 1];
  const hello = c2m && f.dtls!.some((r) => r.handshake?.type === HANDSHAKE.CLIENT_HELLO);
  if (hello && lastHello && at.t - lastHello.t < COPY_SECONDS) return; // one hello captured twice
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
