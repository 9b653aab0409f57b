// A frame after all layers were decoded: the record `vpn-doctor decode` prints and the
// session tracker consumes. Only the layers present are set.
import type { Anomaly } from '../anomaly.js';
import type { IsakmpMessage } from '../ike/types.js';

export interface IpLayer {
  version: 4 | 6;
  src: string;
  dst: string;
  /** Upper-layer protocol after IPv6 extension headers (17 UDP, 6 TCP, 50 ESP …). */
  protocol: number;
  ttl: number;
  /** IPv4 identification (IPv6 has none): the same value on two frames is one datagram seen twice. */
  id: number | undefined;
  /** Total length of the (reassembled) datagram. */
  length: number;
  /** Present when this frame is an IP fragment. */
  fragment?: { id: number; offset: number; more: boolean };
  /** Present on the frame that completed reassembly: the frames that made the datagram. */
  reassembledFrom?: number[];
}

export interface EspLayer {
  /** 8 lower-case hex digits. */
  spi: string;
  /** Absent when the capture cut the packet after the SPI. */
  seq?: number;
  /** Bytes after SPI and sequence (IV, data, padding, ICV). */
  dataLength: number;
  /** true when carried in UDP (RFC 3948), false for IP protocol 50. */
  udpEncapsulated: boolean;
}

/** ICMP / ICMPv6 message; errors quote the start of the datagram that caused them. */
export interface IcmpLayer {
  version: 4 | 6;
  type: number;
  code: number;
  /**
   * The offending datagram quoted by an error (destination/port unreachable, time exceeded,
   * packet too big …): e.g. a port unreachable for UDP 500 or 4500 sent back by the peer.
   */
  quoted?: { src: string; dst: string; protocol: number; srcPort?: number; dstPort?: number };
}

export interface RadiusAttribute {
  type: number;
  name?: string;
  /** Text value for string attributes (User-Name, Reply-Message …), dotted quad for addresses. */
  value?: string;
  /** Numeric value for integer attributes. */
  number?: number;
  /** Raw hex for the rest (vendor-specific, State, Message-Authenticator …). */
  hex?: string;
  /** Vendor-Id for type 26. */
  vendorId?: number;
}

export interface RadiusMessage {
  code: number;
  identifier: number;
  length: number;
  /** 32 hex digits. */
  authenticator: string;
  attributes: RadiusAttribute[];
  userName?: string;
  replyMessage?: string;
  nasIp?: string;
  hasEapMessage: boolean;
  hasMessageAuthenticator: boolean;
}

export interface DnsMessage {
  id: number;
  response: boolean;
  opcode: number;
  /** RCODE: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED. */
  rcode: number;
  questions: { name: string; type: number; class: number }[];
  answers: { name: string; type: number; ttl: number; data: string }[];
}

export interface TlsRecord {
  /** 20 ChangeCipherSpec, 21 Alert, 22 Handshake, 23 ApplicationData. */
  contentType: number;
  /** Record-layer version, e.g. 0x0303. */
  version: number;
  length: number;
  /** Handshake message type (1 ClientHello, 2 ServerHello …) when contentType is 22 and in clear. */
  handshakeType?: number;
  /** SNI from a ClientHello. */
  serverName?: string;
  /** Alert level and description when contentType is 21 and in clear. */
  alert?: { level: number; description: number };
  /**
   * The handshake messages in clear that this record completes, in order (a message split over
   * records is reassembled and listed at the record that completes it, as tshark does).
   */
  handshakes?: TlsHandshakeMessage[];
}

/** An X.509 certificate as far as a capture can judge it (parsed by shared/tls/x509.ts). */
export interface CertificateFacts {
  /** Distinguished names as `TYPE=value` in wire order joined by ", " (as tshark lists them). */
  subject: string;
  issuer: string;
  /** ISO 8601 UTC, second precision: 2026-11-01T00:00:00Z. */
  notBefore?: string;
  notAfter?: string;
  /** subjectAltName dNSName entries. */
  sans: string[];
  /** subjectAltName iPAddress entries. */
  ipSans?: string[];
  /** "RSA 2048", "EC P-256", "Ed25519" … */
  keyType?: string;
  /** Issuer name equals subject name (byte for byte): self-issued, usually self-signed. */
  selfIssued: boolean;
  /** basicConstraints cA. */
  isCA: boolean;
  /** Hex, as on the wire. */
  serial: string;
  /** DER length in bytes. */
  length: number;
  /** Set when the bytes are not a certificate the parser accepts (the other fields are then empty). */
  error?: string;
}

/** A TLS or DTLS handshake message in clear, with the fields the diagnosis reads. */
export interface TlsHandshakeMessage {
  /** 1 ClientHello, 2 ServerHello, 3 HelloVerifyRequest, 11 Certificate … */
  type: number;
  /** Declared body length. */
  length: number;
  /** legacy_version / server_version (0x0303 TLS 1.2, 0xfefd DTLS 1.2). */
  version?: number;
  sessionIdLength?: number;
  /** Session ID, hex (at most 32 bytes). */
  sessionId?: string;
  /** DTLS ClientHello / HelloVerifyRequest cookie length. */
  cookieLength?: number;
  /** ClientHello: offered suites, in order. */
  cipherSuites?: number[];
  /** ServerHello: the chosen suite. */
  cipherSuite?: number;
  /** supported_versions: offered list (ClientHello) or the selected one (ServerHello). */
  supportedVersions?: number[];
  /** ALPN protocol names offered (ClientHello) or chosen (ServerHello). */
  alpn?: string[];
  serverName?: string;
  /** Certificate (TLS 1.2 and below, in clear): the chain as sent, leaf first. */
  certificates?: CertificateFacts[];
  /** CertificateRequest: the CAs whose client certificates the server accepts (DNs, wire order). */
  acceptedIssuers?: string[];
  /** DTLS message_seq. */
  messageSeq?: number;
}

/** One DTLS record of a UDP datagram (RFC 6347 4.1). */
export interface DtlsRecord {
  contentType: number;
  /** 0xfeff DTLS 1.0, 0xfefd DTLS 1.2. */
  version: number;
  epoch: number;
  /** 48-bit record sequence number. */
  sequence: number;
  length: number;
  /** Handshake message in clear (epoch 0), unfragmented or first fragment. */
  handshake?: TlsHandshakeMessage;
  alert?: { level: number; description: number };
}

/** L2TPv2 (RFC 2661) on UDP 1701: header fields and, for a control message, its type. */
export interface L2tpMessage {
  control: boolean;
  tunnelId: number;
  sessionId: number;
  ns?: number;
  nr?: number;
  /** Control message type (1 SCCRQ, 2 SCCRP, 6 Hello …); absent on a ZLB acknowledgement or data. */
  messageType?: number;
}

/** An Ethernet/IPv4 ARP message (RFC 826): the Info column's "Who has …? Tell …" and "… is at …". */
export interface ArpLayer {
  /** 1 request, 2 reply. */
  opcode: number;
  /** Sender and target hardware addresses as 48-bit numbers (as DecodedFrame.srcMac). */
  senderMac: number;
  senderIp: string;
  targetMac: number;
  targetIp: string;
}

export interface DecodedFrame {
  number: number;
  timeSec: number;
  timeNsec: number;
  /** frame.len */
  length: number;
  /** frame.cap_len */
  capturedLength: number;
  linkType: number;
  /** Protocol stack in tshark's spelling: eth, vlan, sll, null, raw, ip, ipv6, udp, tcp, udpencap, isakmp, esp, radius, dns, tls. */
  protocols: string[];
  vlanIds?: number[];
  ip?: IpLayer;
  udp?: { srcPort: number; dstPort: number; length: number };
  tcp?: {
    srcPort: number;
    dstPort: number;
    seq: number;
    ack: number;
    flags: number;
    payloadLength: number;
    /** Set on a followed (TLS) flow when the segment repeats a SYN or bytes already seen. */
    retransmission?: boolean;
  };
  /** ISAKMP messages in this frame (usually one). */
  isakmp?: IsakmpMessage[];
  /** RFC 3948 NAT keep-alive (one 0xFF byte on UDP 4500). */
  natKeepalive?: boolean;
  /** RFC 3948 non-ESP marker (four zero bytes) before an ISAKMP message on UDP 4500. */
  nonEspMarker?: boolean;
  esp?: EspLayer;
  /** Optional (added by the network-layer decoder): ICMP/ICMPv6, with the quoted datagram of an error. */
  icmp?: IcmpLayer;
  radius?: RadiusMessage;
  dns?: DnsMessage;
  l2tp?: L2tpMessage;
  /** Ethernet source address as a 48-bit number (its top 24 bits are the OUI). */
  srcMac?: number;
  /** Ethernet destination address, likewise (tshark's Destination column for frames without IP). */
  dstMac?: number;
  arp?: ArpLayer;
  /** TLS records that completed in this frame (TCP reassembled per flow). */
  tls?: TlsRecord[];
  /** DTLS records of a UDP datagram (AnyConnect's data channel on UDP 443). */
  dtls?: DtlsRecord[];
  anomalies: Anomaly[];
}
