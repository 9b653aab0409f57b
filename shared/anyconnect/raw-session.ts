// What the AnyConnect tracker keeps of a candidate session (tracker.ts fills it frame by frame):
// its TCP connections with their TLS handshake, its DTLS flows, counts and a bounded timeline.
// The facts (facts.ts) and the rules read it; nothing here is decided yet.
import type { TlsHandshakeMessage } from '../decode/types.js';
import type { AnyConnectTimelineEntry, DirectionCounts } from './types.js';

export interface At {
  frame: number;
  /** Seconds since the epoch (float: for intervals). */
  t: number;
}

export type Side = 'client' | 'mx';

export interface TcpConnection {
  clientPort: number;
  syns: At[];
  synAck?: At;
  rst?: At & { from: Side };
  finClient?: At;
  finMx?: At;
  clientHello?: At & { message: TlsHandshakeMessage };
  serverHello?: At & { message: TlsHandshakeMessage };
  certificate?: At & { message: TlsHandshakeMessage };
  /** The MX asked for a client certificate, naming the CAs it accepts. */
  certificateRequest?: At & { acceptedIssuers: string[] };
  /** The client's answer to it: how many certificates its Certificate message held. */
  clientCertificate?: At & { count: number };
  clientKeyExchange?: At;
  ccsClient?: At;
  ccsMx?: At;
  alert?: At & { from: Side; level?: number; description?: number };
  dataClient: At[];
  dataMx: At[];
  dataClientCount: number;
  dataMxCount: number;
  /**
   * Client application-data records too short for an HTTP login message (facts.ts
   * LOGIN_RECORD_MIN), its first record aside (TLS 1.3's encrypted Finished): tunnel packets.
   */
  tunnelRecords: At[];
  last: At;
  /**
   * The connection began before the capture (no SYN, no ClientHello in it): the decoder does not
   * read TLS there, so its segments with data are counted instead.
   */
  midStream?: { client: At[]; mx: At[]; clientSegments: number; mxSegments: number };
}

export interface DtlsFlow {
  clientPort: number;
  hellos: At[];
  hello?: TlsHandshakeMessage;
  helloVerify?: At;
  serverHello?: At & { message: TlsHandshakeMessage };
  alert?: At & { from: Side; level?: number; description?: number };
  dataClient: At[];
  dataMx: At[];
  dataClientCount: number;
  dataMxCount: number;
}

export interface RawSession {
  clientIp: string;
  mxIp: string;
  mxPort: number;
  connections: TcpConnection[];
  dtls: DtlsFlow[];
  timeline: AnyConnectTimelineEntry[];
  timelineTruncated: boolean;
  tls: { clientToMx: DirectionCounts; mxToClient: DirectionCounts };
  udp: { clientToMx: DirectionCounts; mxToClient: DirectionCounts };
  first: At;
  last: At;
  firstTime: string;
  lastTime: string;
  dataEntries: Record<string, number>;
  /** TCP segments with data that the snap length cut: the TLS stream cannot be read past them. */
  cutSegments: number;
  /**
   * `#<first frame>` when an earlier session of the same client and MX was decided while the
   * capture streamed (tracker.ts retireIdle): each session's id stays unique in the report.
   */
  idSuffix?: string;
}
