// Every public capture (tcpdump, Suricata, Zeek, Arkime, nDPI, scapy test suites) gets a
// sensible verdict: IKEv2 -> IKEV2_NOT_SUPPORTED, aggressive mode -> AGGRESSIVE_MODE, ESP-only
// captures -> the tunnel state from ESP alone, RADIUS -> its auth verdict, malformed files ->
// a verdict plus anomalies, never a crash.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from './analyze-file.js';

const DIR = join(__dirname, '../fixtures/public');

/** file -> [capture verdict, anomalies expected, why when not obvious] */
const TABLE: Record<string, [string, boolean, string?]> = {
  'arkime__IKEv1.pcap': [
    'TUNNEL_ESTABLISHED',
    false,
    'both peers initiate at once; the abandoned SPI is NO_RESPONSE_FROM_MX, the latest attempt of the pair speaks for the capture',
  ],
  'arkime__IKEv2.pcap': ['IKEV2_NOT_SUPPORTED', false],
  'arkime__ah-esp.pcap': ['TUNNEL_ESTABLISHED', false, 'ESP only (after AH), both directions'],
  'arkime__ike-cert_synthetic.pcap': [
    'IKEV2_NOT_SUPPORTED',
    false,
    'synthetic mix: IKEv2 attempts outrank lone main mode 1s',
  ],
  'arkime__radius.pcap': ['NO_IKE_FROM_CLIENT', false, 'RADIUS accounting only: no authentication exchange to judge'],
  'arkime__wireshark-esp.pcap': ['ESP_ONE_WAY', false, 'each SPI flows one way between its pair of hosts'],
  'nDPI__esp.pcapng': ['IKEV2_NOT_SUPPORTED', false],
  'nDPI__ipsec_isakmp_esp.pcap': ['IKEV2_NOT_SUPPORTED', true],
  'scapy__ikev2_nat_t.pcapng': ['IKEV2_NOT_SUPPORTED', false],
  'scapy__ikev2_notify_redirect.pcap': ['IKEV2_NOT_SUPPORTED', false],
  'suricata-verify__IKEv2_SA_INIT_2-8-weak.pcap': ['IKEV2_NOT_SUPPORTED', false],
  'suricata-verify__eve-flow-esp_input.pcap': ['ESP_ONE_WAY', false],
  'suricata-verify__generated.pcap': ['NO_RESPONSE_FROM_MX', false, 'a lone main mode 1'],
  'suricata-verify__ikev1-isakmp-main-mode.pcap': [
    'TUNNEL_ESTABLISHED',
    false,
    'quick mode completed; no ESP in the file',
  ],
  'tcpdump__02-sunrise-sunset-esp.pcap': ['ESP_ONE_WAY', false],
  'tcpdump__ISAKMP_sa_setup.pcap': [
    'TUNNEL_ESTABLISHED',
    false,
    'quick mode completed; tshark flags the SA KEK payload malformed, we keep it opaque',
  ],
  'tcpdump__RADIUS-RFC4675.pcap': ['RADIUS_ACCEPTED', false],
  'tcpdump__RADIUS-RFC5176.pcap': ['NO_IKE_FROM_CLIENT', false, 'Disconnect/CoA only: no authentication exchange'],
  'tcpdump__RADIUS-port1700.pcap': [
    'NO_IKE_FROM_CLIENT',
    false,
    'CoA on port 1700, which tshark does not decode as RADIUS either',
  ],
  'tcpdump__RADIUS.pcap': ['RADIUS_ACCEPTED', false],
  'tcpdump__esp_truncated.pcap': [
    'ESP_ONE_WAY',
    true,
    'a single ESP packet snapped after its SPI: one direction only, too few packets to be sure (INCONCLUSIVE attached)',
  ],
  'tcpdump__espudp1.pcap': ['ESP_ONE_WAY', false],
  'tcpdump__ikev2four.pcap': ['IKEV2_NOT_SUPPORTED', false],
  'tcpdump__ikev2pI2-segfault.pcapng': ['IKEV2_NOT_SUPPORTED', true],
  'tcpdump__ikev2pI2.pcap': ['IKEV2_NOT_SUPPORTED', false],
  'tcpdump__isakmp-delete-segfault.pcap': [
    'NO_RESPONSE_FROM_MX',
    true,
    'fuzzed exchange type; one message from one side',
  ],
  'tcpdump__isakmp-identification-segfault.pcap': [
    'KE_RETRANSMITTED',
    false,
    "a lone main mode 5 with no Key Exchange before it: not enough for PSK_MISMATCH; phase 1 unfinished is the guide's Key Exchange case (INCONCLUSIVE attached)",
  ],
  'tcpdump__isakmp-ikev1_n_print-oobr.pcap': ['IKEV2_NOT_SUPPORTED', true],
  'tcpdump__isakmp-no-none-np.pcapng': ['NO_RESPONSE_FROM_MX', true],
  'tcpdump__isakmp-rfc3948-oobr.pcap': ['NO_IKE_FROM_CLIENT', true],
  'tcpdump__isakmp4500.pcap': ['ESP_ONE_WAY', false, 'quick mode completed, then ESP-in-UDP one way only'],
  'tcpdump__radius_rfc5447_invalid_length.pcap': ['RADIUS_NO_RESPONSE', true, 'a lone malformed Access-Request'],
  'zeek-plugin-ikev2__ikev2.pcap': ['IKEV2_NOT_SUPPORTED', false],
  'zeek-spicy-ipsec__ikev1-certs.pcap': ['TUNNEL_ESTABLISHED', false, 'quick mode 1 repeated once, then completed'],
  'zeek-spicy-ipsec__ipsec-ikev1-isakmp-aggressive-mode.pcap': ['AGGRESSIVE_MODE', false],
  'zeek-spicy-ipsec__ipsec-ikev1-payload-bad-length.pcap': ['NO_RESPONSE_FROM_MX', true],
  'zeek-spicy-ipsec__ipsec-ikev1-zero-length.pcap': [
    'NO_IKE_FROM_CLIENT',
    true,
    'ISAKMP length 0: no message, an anomaly',
  ],
  'zeek-spicy-ipsec__ipsec.cap': [
    'TUNNEL_ESTABLISHED',
    false,
    'an informational in clear after main mode 2, then main mode completes and ESP flows both ways',
  ],
  'zeek-spicy-ipsec__ipsec_client.pcap': ['IKEV2_NOT_SUPPORTED', false],
  'zeek__radius_localhost.pcap': [
    'RADIUS_REJECTED',
    false,
    'accept, reject and an unanswered request: the reject is the most specific failure',
  ],
};

describe('public captures get sensible verdicts', () => {
  for (const [file, [verdict, anomalies]] of Object.entries(TABLE)) {
    it(file, async () => {
      const r = await analyzeFile(join(DIR, file));
      expect(r.verdict).toBe(verdict);
      expect(r.capture.anomalies.length > 0, 'anomalies').toBe(anomalies);
      for (const s of r.sessions) {
        expect(s.findings[0].code).toBe(s.verdict);
        expect(s.findings[0].filter.length).toBeGreaterThan(0);
        expect(s.findings[0].checklist.ja.length).toBe(s.findings[0].checklist.en.length);
      }
    });
  }

  it('covers every public capture', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(DIR).filter((f) => /\.(pcap|pcapng|cap)$/.test(f));
    expect(files.sort()).toEqual(Object.keys(TABLE).sort());
  });

  it('puts the aggressive-mode session on AGGRESSIVE_MODE and IKEv2 sessions on IKEV2_NOT_SUPPORTED', async () => {
    const agg = await analyzeFile(join(DIR, 'zeek-spicy-ipsec__ipsec-ikev1-isakmp-aggressive-mode.pcap'));
    expect(agg.sessions.map((s) => [s.mode, s.verdict])).toEqual([['aggressive', 'AGGRESSIVE_MODE']]);
    // Aggressive mode sends the ID payload in clear: the report shows who the client claims to be.
    expect(agg.sessions[0].client.identity).toEqual({ type: 'IPV4_ADDR', value: '192.168.12.2' });
    const v2 = await analyzeFile(join(DIR, 'nDPI__ipsec_isakmp_esp.pcap'));
    expect(v2.sessions.length).toBeGreaterThan(10);
    expect(new Set(v2.sessions.map((s) => s.verdict))).toEqual(new Set(['IKEV2_NOT_SUPPORTED']));
  });
});
