// English texts per AnyConnect code. {placeholders} come from the evidence details. Checklists
// follow Meraki's AnyConnect documentation (AnyConnect on the MX Appliance; Managing and
// Troubleshooting AnyConnect Certificates; AnyConnect Authentication Methods).
import type { AnyConnectCode } from './types.js';

export interface AnyConnectText {
  title: string;
  explanation: string;
  checklist: string[];
}

const CERT_COMMON = [
  "With the default auto-enrolled certificate, the client connects to the MX's DDNS hostname (…dynamic-m.com) or an alias in an AnyConnect profile, so the name it uses is on the certificate.",
  'With a custom certificate, upload the full chain (the server certificate and its intermediates) and check that the client trusts the root it chains to.',
  "The certificate is valid now (check the client's clock as well).",
];

export const ANYCONNECT_CATALOG_EN: Record<AnyConnectCode, AnyConnectText> = {
  ANYCONNECT_ESTABLISHED: {
    title: 'AnyConnect tunnel established',
    explanation:
      'The TLS handshake on TCP {port} completed, the MX answered the DTLS handshake on UDP {port}, and tunnel data flows both ways over DTLS.{otherLoginsNote}',
    checklist: [
      'If users still cannot reach resources, check the AnyConnect client address pool, the routes pushed to the client (split or full tunnel) and the group policy / firewall rules on the MX.',
    ],
  },
  ANYCONNECT_DTLS_BLOCKED: {
    title: 'DTLS gets no answer: the tunnel runs over TLS only',
    explanation: '{dtlsAttempt}; {dtlsFallback}{otherLoginsNote}',
    checklist: [
      '{natUdpTimeout}',
      'Allow inbound UDP {port} to the MX on every firewall upstream of it, and on the client side outbound UDP {port} with its answers back.',
      'If the MX is behind NAT, forward UDP {port} as well as TCP {port} to it.',
      'No other device or service on the way takes UDP {port} (the AnyConnect port setting covers TCP and UDP).',
    ],
  },
  ANYCONNECT_CERT_REJECTED: {
    title: "The client rejected the MX's certificate",
    explanation: '{afterCertificate}, {closedBy}: the client does not trust the certificate or the name on it.',
    checklist: CERT_COMMON,
  },
  ANYCONNECT_AUTH_FAILED: {
    title: 'Login refused or abandoned (likely)',
    explanation:
      'TLS completed and {exchangesCounted} followed (the login form and its answer), then {closedBy}, with no DTLS and no tunnel. {authReason}',
    checklist: [
      'Check the user name and password, and that the user is authorized for AnyConnect on the MX (Meraki Cloud authentication: the user list on the Client VPN page).',
      "RADIUS: the MX is a client of the RADIUS server with the right shared secret, and the server's log shows an Access-Accept for this user.",
      "Active Directory: the MX reaches the domain controller on TCP 3268 (TLS) and the user's group is allowed.",
      'SAML: the IdP answers and the AnyConnect URL (with :port when not 443) matches the one in the IdP.',
      'Certificate-based authentication: the client presents a certificate the MX trusts.',
    ],
  },
  ANYCONNECT_TCP_UNREACHABLE: {
    title: 'Nothing answers on the AnyConnect TCP port',
    explanation: "The client's {synsCounted} to port {port} {synsWere} {answer}: no TLS could start.",
    checklist: [
      'AnyConnect is enabled on the MX (Client VPN > AnyConnect settings) and the client uses the configured AnyConnect port.',
      'Inbound TCP {port} is allowed (and forwarded, if the MX is behind NAT) on every device upstream of the MX.',
      "The client connects to the MX's public address or its DDNS hostname.",
      "Return traffic from TCP {port} reaches the client: no firewall or asymmetric route on its side drops the MX's answers.",
    ],
  },
  ANYCONNECT_TLS_FAILED: {
    title: 'The TLS handshake failed',
    explanation:
      'The handshake ended before completing ({ending}); the client offered versions {versionsOffered} and {suitesOffered} cipher suites.{clientCertRefused}',
    checklist: [
      'The client is Cisco Secure Client / AnyConnect 4.8 or later and allows TLS 1.2.',
      'No proxy or TLS inspection device on the way intercepts the connection to the MX.',
    ],
  },
  INCONCLUSIVE: {
    title: 'Not enough in the capture to decide',
    explanation: '{notInCapture} ({reason}); {leaning}.',
    checklist: [
      '{wholePackets}',
      "Capture again on the MX's WAN (Internet) interface for at least 30 seconds after the client starts connecting, filtered on the client's address and port {port} (TCP and UDP).",
    ],
  },
  ANYCONNECT_CERT_EXPIRED: {
    title: 'The MX certificate had expired',
    explanation: 'The certificate {subject} was valid until {notAfter}; the capture was taken at {captureTime}.',
    checklist: ['Renew or re-upload the server certificate (the auto-enrolled one renews itself).'],
  },
  ANYCONNECT_CERT_NOT_YET_VALID: {
    title: 'The MX certificate is not valid yet',
    explanation: 'The certificate {subject} is valid from {notBefore}; the capture was taken at {captureTime}.',
    checklist: ["Check the client's and the MX's clocks, or the certificate's dates."],
  },
  ANYCONNECT_CERT_NAME_MISMATCH: {
    title: 'The name the client asked for is not on the certificate',
    explanation: 'The client asked for {sni} (SNI) but the certificate names {names}.',
    checklist: [
      "Connect with a name on the certificate (the MX's DDNS hostname or the custom certificate's name), or get a certificate for the name users type.",
    ],
  },
  ANYCONNECT_CERT_SELF_SIGNED: {
    title: 'The MX certificate is self-signed',
    explanation:
      'The certificate {subject} is signed by itself: clients reject it unless it is installed as trusted on each of them.',
    checklist: [
      'Use the auto-enrolled, publicly trusted certificate, or a custom certificate from a CA the clients trust.',
    ],
  },
  ANYCONNECT_CERT_CHAIN_INCOMPLETE: {
    title: 'The certificate chain is incomplete',
    explanation:
      'The MX sent {chainCounted} without the issuer {missingIssuer}: a client that does not already hold that intermediate cannot build the chain.',
    checklist: [
      'Upload the custom certificate together with its intermediate certificates (the full chain, leaf first).',
    ],
  },
};

/**
 * The AnyConnect codes as the report-wide catalogs list them (code titles in the dashboard and the
 * CLI): INCONCLUSIVE keeps the report-wide words there.
 */
export function contractCodes<T>(
  catalog: Record<AnyConnectCode, T>,
): Record<Exclude<AnyConnectCode, 'INCONCLUSIVE'>, T> {
  const { INCONCLUSIVE: _inconclusive, ...codes } = catalog;
  return codes;
}
