// TLS sessions from the MX to a directory server (LDAPS 636, global catalog 3268/3269):
// whether the handshake completed, or which alert or reset ended it.
import type { DecodedFrame } from '../../decode/types.js';

export const DIRECTORY_PORTS = new Set([636, 3268, 3269]);
const MAX_FLOWS = 1000;
const TLS = { ChangeCipherSpec: 20, Alert: 21, Handshake: 22, ApplicationData: 23 } as const;
const HANDSHAKE = { ClientHello: 1, ServerHello: 2 } as const;
const TCP_RST = 0x04;
const ALERT_FATAL = 2;

export interface DirectoryTlsFlow {
  client: string;
  server: string;
  serverPort: number;
  frames: number[];
  clientHello?: number;
  serverHello?: number;
  ccsClient?: number;
  ccsServer?: number;
  appDataClient: number;
  appDataServer: number;
  alert?: { level: number; description: number; frame: number; from: 'client' | 'server' };
  resetFrame?: number;
  /** Segments with data the snap length cut: the records after the first cut cannot be read. */
  cutSegments: number;
  /** TLS records read, of any type (a flow caught mid-stream has some and no hello). */
  records: number;
  /** When its last segment was seen (an unfinished handshake is not failed until its answer is due). */
  lastSec: number;
  lastNsec: number;
}

/**
 * Whether the flow's outcome was read: a completed handshake, a fatal alert or a reset (present
 * in the file), or a whole stream. A cut stream that shows neither proves no failure.
 */
export function tlsDecided(f: DirectoryTlsFlow): boolean {
  return f.cutSegments === 0 || tlsCompleted(f) || f.alert?.level === ALERT_FATAL || f.resetFrame !== undefined;
}

export function tlsCompleted(f: DirectoryTlsFlow): boolean {
  if (f.alert && f.alert.level === ALERT_FATAL) return false;
  if (f.ccsClient !== undefined && f.ccsServer !== undefined) return true;
  // TLS 1.3 hides the rest of the handshake: the client's Finished and data are type 23.
  return f.serverHello !== undefined && f.appDataClient >= 2 && f.appDataServer >= 1 && f.resetFrame === undefined;
}

export interface DirectoryTlsTracker {
  add(frame: DecodedFrame): void;
  flows(): DirectoryTlsFlow[];
  /** TLS records on a directory flow whose handshake is not in the capture (it began before). */
  startedLate(): boolean;
}

export function createDirectoryTlsTracker(): DirectoryTlsTracker {
  const flows = new Map<string, DirectoryTlsFlow>();
  function add(frame: DecodedFrame): void {
    const tcp = frame.tcp;
    const ip = frame.ip;
    if (!tcp || !ip) return;
    const toServer = DIRECTORY_PORTS.has(tcp.dstPort);
    if (!toServer && !DIRECTORY_PORTS.has(tcp.srcPort)) return;
    const client = toServer ? `${ip.src}:${tcp.srcPort}` : `${ip.dst}:${tcp.dstPort}`;
    const server = toServer ? `${ip.dst}:${tcp.dstPort}` : `${ip.src}:${tcp.srcPort}`;
    const key = `${client}|${server}`;
    let flow = flows.get(key);
    if (!flow) {
      if (flows.size >= MAX_FLOWS) return;
      flow = {
        client,
        server,
        serverPort: toServer ? tcp.dstPort : tcp.srcPort,
        frames: [],
        appDataClient: 0,
        appDataServer: 0,
        cutSegments: 0,
        records: 0,
        lastSec: frame.timeSec,
        lastNsec: frame.timeNsec,
      };
      flows.set(key, flow);
    }
    if (flow.frames.length < 64) flow.frames.push(frame.number);
    flow.lastSec = frame.timeSec;
    flow.lastNsec = frame.timeNsec;
    if ((tcp.flags & TCP_RST) !== 0 && flow.resetFrame === undefined) flow.resetFrame = frame.number;
    if (tcp.payloadLength > 0 && frame.capturedLength < frame.length) flow.cutSegments++;
    for (const rec of frame.tls ?? []) {
      flow.records++;
      if (rec.contentType === TLS.Handshake && rec.handshakeType === HANDSHAKE.ClientHello)
        flow.clientHello ??= frame.number;
      if (rec.contentType === TLS.Handshake && rec.handshakeType === HANDSHAKE.ServerHello)
        flow.serverHello ??= frame.number;
      if (rec.contentType === TLS.ChangeCipherSpec) {
        if (toServer) flow.ccsClient ??= frame.number;
        else flow.ccsServer ??= frame.number;
      }
      if (rec.contentType === TLS.ApplicationData) {
        if (toServer) flow.appDataClient++;
        else flow.appDataServer++;
      }
      if (rec.contentType === TLS.Alert && rec.alert && !flow.alert) {
        flow.alert = { ...rec.alert, frame: frame.number, from: toServer ? 'client' : 'server' };
      }
    }
  }
  return {
    add,
    flows: () => [...flows.values()].filter((f) => f.clientHello !== undefined || f.serverHello !== undefined),
    startedLate: () =>
      [...flows.values()].some((f) => f.clientHello === undefined && f.serverHello === undefined && f.records > 0),
  };
}
