// English texts per code. {placeholders} are filled from the evidence.
import { contractCodes, ANYCONNECT_CATALOG_EN } from '../anyconnect/catalog-en.js';
import type { Code, CatalogText } from './catalog.js';
import { espOneWayChecklist } from './catalog-lists.js';

/** See catalog-ja.ts for the sources (Microsoft KB 947234, [MS-FASP] 2.2.41): value 2 when the MX (the server) is behind NAT. */
const WINDOWS_MX_BEHIND_NAT =
  'If the MX is behind NAT, Windows clients connect only once the registry value AssumeUDPEncapsulationContextOnSendRule (HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent, DWORD) is 2 (error 809): set it to 2 on the Windows client and restart it.';

const NAT_T_FIREWALLS = 'UDP 4500 is allowed in both directions on every firewall between the client and the MX.';
const NAT_T_FORWARD = 'If the MX is behind NAT, UDP 4500 (as well as 500) is forwarded to it upstream.';

const ESP_ONE_WAY_CHECKS = [
  'IP protocol 50 (ESP) is not filtered, or with NAT-T ESP in UDP 4500 is not dropped by a NAT or firewall.',
  'Routing behind the silent side sends the replies back into the tunnel.',
  'NAT keepalives / idle timeouts on the NAT between the client and the MX.',
];
const MX_FORGOT_SA =
  "If the MX restarted (a reboot, a firmware upgrade) or ended the tunnel, the client keeps sending on an SA the MX no longer has until it reconnects (Windows' client, without DPD, does not notice): check the MX's event log for the time its ESP stopped, and reconnect the client.";

/** "once", "2 times": never "1 time(s)". */
function times(n: unknown): string {
  return n === 1 ? 'once' : `${String(n)} times`;
}

function seconds(n: unknown): string {
  return `${String(n)} s`;
}

const AUTH_COMMON = [
  "If no authentication packets appear at all, the client did not send credentials: check the client's VPN settings (Client VPN OS configuration), and troubleshoot that client device (restart, conflicting software).",
  "If authentication succeeds but the client still fails to connect, check that the Client VPN subnet's address pool is not exhausted.",
];

export const CATALOG_EN: Record<Code, CatalogText> = {
  NO_IKE_FROM_CLIENT: {
    title: 'No ISAKMP from the client',
    explanation: (v) =>
      'The capture holds no IKE (ISAKMP) message from any client, so the negotiation never reached the MX.' +
      (v.tlsOnOwnPort
        ? ` TLS without DTLS was seen on a port of its own (${String(v.tlsOnOwnPort)}): if that is the MX's AnyConnect, analyse the capture again with the MX's address (--mx) or that port (--anyconnect-port).`
        : ''),
    checklist: [
      "The client connects to the primary MX's WAN IP (the warm-spare VIP).",
      'Nothing upstream blocks or drops inbound UDP 500.',
      'If the MX is behind NAT, UDP 500 and 4500 are forwarded to it upstream.',
      'Try another device or OS to rule out an OS-specific cause.',
    ],
  },
  NO_RESPONSE_FROM_MX: {
    title: 'The MX never answered',
    explanation: (v) =>
      `The client sent its Security Association proposal (${v.message === 'AM1' ? 'aggressive mode 1' : 'main mode 1'}) ${times(v.sent)} and the MX sent nothing back.`,
    checklist: [
      "The destination IP and MAC address are the MX's (or the warm-spare VIP).",
      'No port forward of UDP 500 is configured on the MX.',
      'The client is not connecting from behind the same MX.',
      "The client's public IP is not a non-Meraki VPN peer's IP, nor another connected VPN client's.",
      'No extra configuration on the MX overrides the Client VPN defaults.',
    ],
  },
  SA_RETRANSMITTED: {
    title: 'Security Association messages repeated',
    explanation:
      'The client kept sending main mode 1 and the MX answered with main mode 2, but the client never moved on to Key Exchange: the replies do not reach it.',
    checklist: [
      "The client does not receive the MX's UDP 500 replies: check firewalls and NAT on the client's side for inbound UDP 500.",
    ],
  },
  KE_RETRANSMITTED: {
    title: 'Key Exchange repeated',
    explanation: 'One side kept sending its Key Exchange message and the negotiation went no further.',
    checklist: [
      "The pre-shared key is the same on the client and in the MX's Client VPN settings.",
      'UDP 4500 is not dropped or filtered on the way, so phase 2 can start (NAT-T).',
    ],
  },
  PHASE2_RETRANSMITTED: {
    title: 'Identification / Hash messages repeated',
    explanation: (v) =>
      v.repeatedBy === 'client'
        ? 'The client kept sending quick mode 1 (Hash) without bringing the tunnel up; the MX repeated nothing.'
        : v.repeatedBy === 'mx'
          ? 'The MX kept sending its phase 2 messages (main mode 6 or quick mode 2) without bringing the tunnel up.'
          : 'Both sides kept sending their phase 2 (Identification/Hash) messages without bringing the tunnel up.',
    checklist: [
      'Encryption and authentication settings on the client are correct.',
      'Subnet definitions are correct (site-to-site VPN only).',
      "Check the client device's VPN settings (Client VPN OS configuration).",
    ],
  },
  TUNNEL_ESTABLISHED: {
    title: 'Tunnel established',
    explanation: (v) =>
      (v.by === 'quick-mode'
        ? `Quick mode completed (frame ${v.frame}); ESP seen client→MX ${v.up}, MX→client ${v.down}`
        : `ESP flows in both directions (${v.up} packets client→MX, ${v.down} packets MX→client)`) +
      ': IPsec is up and user authentication happens now, inside the tunnel.',
    checklist: [
      'User authentication happens after this step; the WAN capture cannot show it (it is encrypted).',
      'Check that authentication between the MX and its authentication server succeeds (take a LAN-side capture).',
      ...AUTH_COMMON,
    ],
  },
  RADIUS_ACCEPTED: {
    title: 'RADIUS accepted the user',
    explanation: "The RADIUS server answered the MX's Access-Request with Access-Accept.",
    checklist: [
      'The MX receives ACCESS-ACCEPT from the RADIUS server, as a successful connection needs.',
      ...AUTH_COMMON,
    ],
  },
  RADIUS_REJECTED: {
    title: 'RADIUS rejected the user',
    explanation: (v) =>
      `The RADIUS server answered the MX's Access-Request with Access-Reject${v.reply ? ` (Reply-Message "${v.reply}")` : ''}.`,
    checklist: [
      "Check the RADIUS server's event log for the reason of the reject.",
      "The user name and password are correct; the user is allowed by the server's policy.",
      ...AUTH_COMMON,
    ],
  },
  RADIUS_NO_RESPONSE: {
    title: 'RADIUS server did not answer',
    explanation: (v) => `The MX sent Access-Request ${times(v.count)} and no answer came back from ${v.server}.`,
    checklist: [
      'The RADIUS server is up and reachable from the MX.',
      'The MX is configured as a RADIUS client on the server with the same shared secret (a wrong secret is silently dropped).',
      "Check the RADIUS server's event log.",
      ...AUTH_COMMON,
    ],
  },
  AD_TLS_FAILED: {
    title: 'TLS to the directory failed',
    // The MX is the TLS client towards the domain controller: see catalog-ja.ts for the source.
    explanation: (v) =>
      `The TLS session from the MX to the domain controller (${v.server}) did not complete${
        v.alert
          ? ` (${v.alertFrom === 'client' ? 'the MX, as TLS client,' : 'the domain controller, as TLS server,'} sent the alert "${v.alert}", frame ${v.alertFrame})`
          : v.resetFrame
            ? ` (TCP reset in frame ${v.resetFrame})`
            : ''
      }.`,
    checklist: [
      'The MX and the server complete a TLS connection in the Active Directory packets.',
      'The domain controller has a valid certificate for LDAPS / the global catalog (TCP 3268/3269/636).',
      "Check the Active Directory server's event log.",
      ...AUTH_COMMON,
    ],
  },
  AD_TLS_OK: {
    title: 'TLS to the directory completed',
    explanation: 'The TLS session from the MX to the domain controller ({server}) completed its handshake.',
    checklist: [
      "The TLS connection succeeds; check the Active Directory server's event log for the user's authentication.",
      ...AUTH_COMMON,
    ],
  },
  CLOUD_DNS_FAILED: {
    title: 'meraki.com does not resolve',
    explanation: (v) =>
      v.rcode === 'no-answer'
        ? `The DNS query for ${v.name} was sent ${times(v.sent)} and never answered, so Meraki cloud authentication cannot reach the cloud.`
        : `The DNS query for ${v.name} failed (${v.rcode}), so Meraki cloud authentication cannot reach the cloud.`,
    checklist: [
      'The MX can resolve meraki.com by DNS from its WAN port, and all cloud connectivity requirements are allowed upstream (upstream firewall rules for cloud connectivity).',
      'The account has "Authorized for Client VPN" set to Yes in the dashboard and its password is right.',
      ...AUTH_COMMON,
    ],
  },
  CLOUD_DNS_OK: {
    title: 'meraki.com resolves',
    explanation: 'The DNS query for {name} was answered, so the MX can reach the Meraki cloud for authentication.',
    checklist: [
      'The account has "Authorized for Client VPN" set to Yes in the dashboard and its password is right.',
      'All cloud connectivity requirements are allowed upstream.',
      ...AUTH_COMMON,
    ],
  },
  PSK_MISMATCH: {
    title: 'Pre-shared key mismatch',
    explanation: (v) =>
      v.message === 'IKE_AUTH'
        ? `The initiator's IKE_AUTH (encrypted with keys derived from the pre-shared key) reached the responder, which answered with a bare notification (frame ${v.reactionFrame}) instead of identifying itself, and nothing followed.`
        : `The client's Identification message (main mode 5, encrypted with keys derived from the pre-shared key) reached the MX${
            v.reaction === 'informational'
              ? ` (the MX answered with an informational exchange, frame ${v.reactionFrame})`
              : v.reaction === 'key-exchange-again'
                ? ` (the MX sent its Key Exchange again, frame ${v.reactionFrame})`
                : ''
          }, but the MX could not decrypt it and never sent main mode 6.`,
    checklist: [
      "The pre-shared key (shared secret) on the client matches the MX's Client VPN settings exactly (case, trailing spaces).",
      "On Windows, re-enter the key in the VPN connection's advanced settings (L2TP/IPsec pre-shared key).",
    ],
  },
  NAT_T_BLOCKED: {
    title: 'UDP 4500 (NAT-T) blocked',
    explanation: (v) =>
      'The NAT-D hashes show a NAT, so the negotiation had to move to UDP 4500, and nothing on UDP 4500 got through' +
      (v.captureSide === 'client'
        ? ` (main mode 5 left on UDP 4500 ${times(v.sent)}; nothing came back).`
        : ' (after Key Exchange nothing arrived at the MX on UDP 4500).') +
      (v.mxForwarded
        ? " The client's NAT-D hash of the MX's address does not match the address the MX has: the client dialled another address, which a NAT in front of the MX forwards to it. That forward passes UDP 500; " +
          (v.windowsClient
            ? 'either it does not pass UDP 4500, or Windows, which by default does not use NAT-T towards a server behind NAT, never sent main mode 5 (the MX cannot tell which).'
            : 'most likely it does not pass UDP 4500.')
        : ''),
    checklist: (v) =>
      v.windowsClient
        ? [WINDOWS_MX_BEHIND_NAT, NAT_T_FORWARD, NAT_T_FIREWALLS]
        : v.mxForwarded
          ? [NAT_T_FORWARD, NAT_T_FIREWALLS, WINDOWS_MX_BEHIND_NAT]
          : [NAT_T_FIREWALLS, NAT_T_FORWARD, WINDOWS_MX_BEHIND_NAT],
  },
  PHASE1_PROPOSAL_REJECTED: {
    title: 'Phase 1 proposal rejected',
    explanation: 'The MX refused every phase 1 proposal the client offered ({offered}).',
    checklist: [
      'The client offers what Meraki Client VPN accepts in phase 1: 3DES or AES with SHA1, DH group 2 (MODP1024), pre-shared key.',
      'No extra configuration on the MX overrides the Client VPN defaults.',
    ],
  },
  PHASE2_PROPOSAL_REJECTED: {
    title: 'Phase 2 proposal rejected',
    explanation:
      "Phase 1 completed but the MX answered the client's quick mode proposal with an informational exchange instead of quick mode 2.",
    checklist: [
      'The client offers what Meraki Client VPN accepts in phase 2: ESP with AES-128 or 3DES and SHA1, transport mode (L2TP), no PFS.',
      'Encryption and authentication settings on the client are correct (Client VPN OS configuration).',
    ],
  },
  AGGRESSIVE_MODE: {
    title: 'Aggressive mode is not supported',
    explanation:
      'The client used IKEv1 aggressive mode, which Client VPN does not support on MX 15 and later (it has known weaknesses).',
    checklist: [
      'Configure the client for main mode (L2TP/IPsec with a pre-shared key uses main mode on Windows, macOS, iOS and Android).',
    ],
  },
  IKEV2_NOT_SUPPORTED: {
    title: 'IKEv2 attempt',
    explanation:
      'The client started an IKEv2 negotiation (IKE_SA_INIT); Meraki Client VPN speaks IKEv1 (L2TP over IPsec).',
    checklist: [
      'Configure the client as L2TP/IPsec with a pre-shared key (IKEv1), not IKEv2.',
      // The MX has no IKEv2 setting for Client VPN; its other Client VPN is AnyConnect: see catalog-ja.ts.
      'Where the OS cannot use L2TP/IPsec, use AnyConnect (Cisco Secure Client, TLS/DTLS) on the MX ("AnyConnect on the MX Appliance"): the MX has no IKEv2 setting for Client VPN.',
    ],
  },
  ESP_ONE_WAY: {
    title: 'ESP flows one way only',
    explanation: (v) =>
      `ESP flows ${v.direction === 'client-to-mx' ? 'client→MX' : 'MX→client'} only${v.since ? ` after frame ${v.since}` : ''}: none comes back from the ${v.direction === 'client-to-mx' ? 'MX' : 'client'}.` +
      (v.movedTo
        ? ` From frame ${String(v.since)} the client's ESP comes from UDP port ${String(v.movedTo)} (before: ${String(v.movedFrom)}) while the MX still sends to port ${String(v.movedFrom)}: the NAT in front of the client changed its mapping (it restarted, or the mapping timed out) and the MX did not follow.`
        : '') +
      (v.refused
        ? ` ${v.refused === 1 ? 'One packet was' : `${String(v.refused)} packets were`} refused with ICMP destination unreachable (first in frame ${String(v.refusedFrame)}): nothing receives ESP at that address and port.`
        : ''),
    checklist: (v) => espOneWayChecklist(v, ESP_ONE_WAY_CHECKS, MX_FORGOT_SA),
  },
  NAT_DETECTED: {
    title: 'NAT detected',
    explanation: (v) =>
      `The NAT-D hashes (${v.hash}) show ${v.client && v.responder ? 'both the client and the MX' : v.client ? 'the client' : 'the MX'} behind NAT${
        v.captureSide === 'unknown'
          ? ''
          : `; the capture was taken on the ${v.captureSide === 'mx' ? 'MX' : 'client'} side of the NAT`
      }.`,
    checklist: (v) => [
      'A client behind NAT must support NAT-T (UDP 4500): check its OS and VPN settings.',
      'UDP 4500 must be allowed both ways.',
      ...(v.responder ? [WINDOWS_MX_BEHIND_NAT] : []),
    ],
  },
  CLIENT_FINGERPRINT: {
    title: 'Client implementation',
    explanation: (v) => {
      const features = String(v.features ?? '')
        .split('|')
        .filter(Boolean);
      const supports = features.length ? `; it announces ${features.join(', ')}` : '';
      return v.implementation
        ? `The client's vendor IDs identify it as ${String(v.implementation)}${supports}.`
        : `The client's vendor IDs do not identify its implementation${supports}.`;
    },
    checklist: ['Compare with the OS the user reports; try another device or OS if this one misbehaves.'],
  },
  PROPOSAL_NOT_ACCEPTED_BY_MERAKI: {
    title: "Proposal outside Meraki's accepted set",
    explanation: (v) =>
      v.chosen
        ? `The responder chose ${v.chosen}, which is not what Meraki Client VPN negotiates.`
        : `None of the client's phase 1 proposals (${v.offeredCount}) is one Meraki Client VPN accepts: ${v.offered}.`,
    checklist: ['Meraki Client VPN accepts phase 1 3DES/AES with SHA1 and DH group 2, phase 2 AES-128/3DES with SHA1.'],
  },
  WEAK_PROPOSAL: {
    title: 'Weak cryptography offered',
    explanation: 'The client offered weak algorithms: {what}.',
    checklist: ['Prefer AES with SHA1 or better; DES, MD5 and MODP768 are weak.'],
  },
  NOTIFY_IN_CLEAR: {
    title: 'Notification in clear',
    explanation: (v) =>
      `${v.from === 'mx' ? 'The MX' : 'The client'} sent notification ${v.name} (${v.type}) in clear.`,
    checklist: ['The notification names the error the sender saw; check the matching setting on the other side.'],
  },
  IKE_FRAGMENTS_INCOMPLETE: {
    title: 'IKE message fragments never completed',
    explanation: (v) =>
      `${v.count === 1 ? 'One IP fragment set' : `${v.count} IP fragment sets`} of IKE traffic never completed: a large IKE message (certificates, many proposals) lost a fragment on the way.`,
    checklist: [
      'Check the path MTU and that no firewall drops IP fragments between the client and the MX.',
      'Enable IKE fragmentation on the client if it supports it.',
    ],
  },
  NO_AUTH_TRAFFIC: {
    title: 'No authentication traffic',
    explanation: 'The capture holds no RADIUS, directory (TLS) or meraki.com DNS traffic.',
    checklist: AUTH_COMMON,
  },
  MALFORMED_TRAFFIC: {
    title: 'Malformed packets',
    explanation: (v) =>
      `${v.count === 1 ? 'One frame' : `${v.count} frames`} could not be fully decoded (ISAKMP payload errors).`,
    checklist: [
      'Check the capture was exported whole (not cut by a snap length) and that no middlebox mangles IKE packets.',
    ],
  },
  INCONCLUSIVE: {
    title: 'Not enough in the capture to decide',
    explanation: (v) => {
      const lean = v.likely ? ` The evidence leans to ${v.likely}, which would need proof that nothing more came.` : '';
      switch (v.reason) {
        case 'capture-ended-early':
          return `The capture ends ${seconds(v.after)} after the last message${v.step ? ` (${v.step})` : ''}, before its answer or a retransmission was due.${lean}`;
        case 'capture-started-late':
          return `The capture starts after the negotiation began (its first message is not in it), and what is left decides nothing.${lean}`;
        case 'too-few-packets':
          return `The capture holds ${v.packets === 1 ? 'one packet' : `${v.packets} packets`} of this traffic: nothing to decide on.${lean}`;
        case 'capture-damaged':
          return `The file breaks off or cannot be read from frame ${v.frame} on, before the question was answered.${lean}`;
        case 'packets-truncated':
          return `The capture's snap length cut ${v.cut === 1 ? 'one packet' : `${v.cut} packets`} of this traffic short: what decides (the messages' contents, NAT-D hashes, notifications) was on the wire but is not in the file.${lean}`;
        default:
          return `The frames span too little time for a verdict.${lean}`;
      }
    },
    checklist: (v) => [
      v.reason === 'capture-damaged'
        ? 'Export the capture again from the dashboard (Network-wide > Packet capture, "download .pcap") and check the file is complete.'
        : v.reason === 'packets-truncated'
          ? 'Capture again with whole packets: no snap length limit (tcpdump -s 0; in Wireshark, no "limit each packet" size).'
          : 'Start the capture before the client connects and keep it running at least 30 seconds after the client gives up (or connects).',
      'Capture on the MX WAN interface with the filter "host <client public IP>" (or "udp port 500 or udp port 4500 or esp") so the whole negotiation fits.',
    ],
  },
  L2TP_WITHOUT_IPSEC: {
    title: 'L2TP without IPsec',
    explanation: (v) =>
      `The client sends L2TP control messages (${v.message}, UDP 1701) in clear to ${v.mx} ${times(v.sent)} and no IKE: its VPN connection is set to L2TP without IPsec (or "optional encryption").`,
    checklist: [
      'Set the VPN type to L2TP/IPsec with a pre-shared key (Windows: "Use preshared key for authentication", encryption required).',
      "Enter the MX's Client VPN shared secret as the pre-shared key.",
    ],
  },
  NOT_CLIENT_VPN: {
    title: 'Not Meraki Client VPN',
    explanation: (v) =>
      v.why === 'ikev2'
        ? 'The responder carries IKEv2 on (its IKE_SA_INIT answer holds SA, KE and nonce): this negotiation is not Meraki Client VPN (L2TP over IPsec, IKEv1). It is diagnosed on its own evidence, without the Client VPN checklist.'
        : v.why === 'gateway-initiated'
          ? `The initiator ${v.gateway} is a gateway: it answers other hosts' IKE in this capture (or is the MX you named), and here it opened the negotiation itself. An MX does not open Client VPN connections, so this is a tunnel it initiates (site-to-site), not Meraki Client VPN. It is diagnosed on its own evidence, without the Client VPN checklist.`
          : `The responder's vendor IDs name another product (${v.product}): this negotiation is not Meraki Client VPN. It is diagnosed on its own evidence, without the Client VPN checklist.`,
    checklist: [
      'Check the configuration of both peers of this tunnel (proposals, pre-shared key or certificates, traffic selectors).',
      "If this capture was meant to show a Client VPN connection, capture again filtered on the client's public IP.",
    ],
  },
  ...contractCodes(ANYCONNECT_CATALOG_EN),
};
