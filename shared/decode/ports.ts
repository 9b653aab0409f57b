// Which application decoder a port selects, following tshark's default port registrations.
// Like tshark, the lower of the two ports is tried first.

export type UdpApplication = 'isakmp' | 'udpencap' | 'radius' | 'dns' | 'l2tp' | 'dtls';
export type TcpApplication = 'tls' | 'dns';

/** IKE's port (RFC 2408), and the port IKE and ESP move to for NAT traversal (RFC 3947/3948). */
export const IKE_PORT = 500;
export const NAT_T_PORT = 4500;

export const UDP_PORT_APPLICATION: Readonly<Record<number, UdpApplication>> = {
  53: 'dns',
  // AnyConnect's DTLS data channel (tshark needs -d udp.port==443,dtls; QUIC also uses 443, so
  // the decoder still requires a DTLS record header).
  443: 'dtls',
  [IKE_PORT]: 'isakmp',
  // RADIUS: 1812/1813 (RFC 2865/2866), the historic 1645/1646, 3799 dynamic authorization
  // (RFC 5176), and 1700, the CoA port Cisco used; tshark decodes it (tcpdump's RADIUS-port1700).
  1645: 'radius',
  1646: 'radius',
  1700: 'radius',
  // L2TP (RFC 2661): a client set to L2TP without IPsec sends it in clear.
  1701: 'l2tp',
  1812: 'radius',
  1813: 'radius',
  3799: 'radius',
  [NAT_T_PORT]: 'udpencap',
};

/**
 * TLS ports: HTTPS 443, LDAPS 636, AD global catalog 3268 (with StartTLS or as seen from
 * Meraki) and 3269 (over TLS), DNS over TLS 853. The stream follower still requires the
 * bytes to look like TLS records.
 */
export const TCP_PORT_APPLICATION: Readonly<Record<number, TcpApplication>> = {
  53: 'dns',
  443: 'tls',
  636: 'tls',
  853: 'tls',
  3268: 'tls',
  3269: 'tls',
};

export function udpApplication(srcPort: number, dstPort: number): UdpApplication | undefined {
  const low = srcPort < dstPort ? srcPort : dstPort;
  const high = srcPort < dstPort ? dstPort : srcPort;
  return UDP_PORT_APPLICATION[low] ?? UDP_PORT_APPLICATION[high];
}

export function tcpApplication(srcPort: number, dstPort: number): TcpApplication | undefined {
  const low = srcPort < dstPort ? srcPort : dstPort;
  const high = srcPort < dstPort ? dstPort : srcPort;
  return TCP_PORT_APPLICATION[low] ?? TCP_PORT_APPLICATION[high];
}
