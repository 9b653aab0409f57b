// A hand-made report for developing the dashboard before the analyzer existed; the browser
// tests use the real local twin and real analysis instead. Shapes follow shared/report/types.ts.
import type { AnalysisReport, Finding, SessionDiagnosis, TimelineEntry } from '../../shared/report/types.js';

const T0 = 1_764_200_000;

function entry(i: number, frame: number, dt: number, dir: TimelineEntry['direction'], label: string, step: TimelineEntry['step'], ports: [number, number], extra: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    frame,
    time: (T0 + dt).toFixed(9),
    direction: dir,
    step,
    exchangeType: 2,
    exchangeName: 'Identity Protection (Main Mode)',
    nextPayload: step === 'SA' ? 1 : step === 'KE' ? 4 : step === 'ID' ? 5 : 8,
    nextPayloadName: step,
    srcPort: ports[0],
    dstPort: ports[1],
    messageId: '0x00000000',
    encrypted: step === 'ID' || step === 'HASH',
    retransmission: false,
    notifies: [],
    label,
    ...extra,
    ...(i < 0 ? {} : {}),
  };
}

function finding(code: Finding['code'], severity: Finding['severity'], step: Finding['step'], en: string, ja: string, frames: number[], filter: string, extra: Partial<Finding> = {}): Finding {
  return {
    code,
    severity,
    step,
    title: { en, ja },
    explanation: { en: `${en}: the responder never answered the identification message.`, ja: `${ja}: レスポンダーが ID メッセージに応答しませんでした。` },
    checklist: { en: ['Check the pre-shared key on the client and on the MX.', 'Check that UDP 4500 is not blocked upstream.'], ja: ['クライアントと MX の事前共有キーを確認してください。', '上流で UDP 4500 がブロックされていないか確認してください。'] },
    evidence: { frames, ports: [500, 4500], repeated: [{ message: 'MM5 ID', from: 'client', count: 3, frames: [5, 6, 8] }], details: { 'NAT-D client': 'mismatch' } },
    filter,
    ...extra,
  };
}

export function sampleReport(fileName: string): AnalysisReport {
  const c2m = 'client-to-mx' as const;
  const m2c = 'mx-to-client' as const;
  const psk: SessionDiagnosis = {
    id: 'a1b2c3d4e5f60718',
    clientIp: '198.51.100.7',
    clientPort: 500,
    responderIp: '203.0.113.1',
    responderPort: 500,
    ikeVersion: 1,
    mode: 'main',
    natT: true,
    nat: { client: true, responder: false },
    stepReached: 'ID',
    verdict: 'PSK_MISMATCH',
    findings: [
      finding('PSK_MISMATCH', 'error', 'ID', 'Pre-shared key mismatch', '事前共有キーの不一致', [5, 6, 7, 8], 'isakmp.ispi == a1:b2:c3:d4:e5:f6:07:18 && udp.port == 4500'),
      finding('NAT_DETECTED', 'info', 'KE', 'Client behind NAT', 'クライアントが NAT の内側', [3, 4], 'isakmp.nat_d'),
      finding('CLIENT_FINGERPRINT', 'info', 'SA', 'Windows (MS NT5 ISAKMPOAKLEY v9)', 'Windows (MS NT5 ISAKMPOAKLEY v9)', [1], 'frame.number == 1', { evidence: { frames: [1], details: { vendor: '<b>not bold</b>' } } }),
    ],
    timeline: [
      entry(0, 1, 0, c2m, 'MM1 SA', 'SA', [500, 500]),
      entry(1, 2, 0.012, m2c, 'MM2 SA', 'SA', [500, 500]),
      entry(2, 3, 0.031, c2m, 'MM3 KE', 'KE', [500, 500]),
      entry(3, 4, 0.052, m2c, 'MM4 KE', 'KE', [500, 500]),
      entry(4, 5, 0.07, c2m, 'MM5 ID', 'ID', [4500, 4500]),
      entry(5, 6, 1.07, c2m, 'MM5 ID', 'ID', [4500, 4500], { retransmission: true }),
      entry(6, 7, 1.1, m2c, 'MM4 KE', 'KE', [500, 500], { retransmission: true }),
      entry(7, 8, 3.07, c2m, 'MM5 ID', 'ID', [4500, 4500], { retransmission: true }),
      entry(8, 9, 3.2, m2c, 'INFO', 'INFO', [500, 500], { exchangeType: 5, exchangeName: 'Informational', notifies: [24], label: 'INFO' }),
    ],
    timelineTruncated: false,
    esp: [],
    client: { fingerprint: 'Windows 10/11 (MS NT5 ISAKMPOAKLEY v9)', os: 'Windows', vendorIds: [{ name: 'MS NT5 ISAKMPOAKLEY <img src=x onerror=alert(1)>', hex: '1e2b516905991c7d7c96fcbfb587e46100000009' }, { name: 'RFC 3947', hex: '4a131c81070358455c5728f20e95452f' }] },
    proposals: {
      phase1Offered: [
        { text: 'AES-CBC-256 / SHA2-256 / MODP2048 / PSK / 28800 s', acceptedByMeraki: false },
        { text: '3DES / SHA1 / MODP1024 / PSK / 28800 s', acceptedByMeraki: true },
      ],
      phase1Chosen: { text: '3DES / SHA1 / MODP1024 / PSK / 28800 s', acceptedByMeraki: true },
    },
    start: T0.toFixed(9),
    end: (T0 + 3.2).toFixed(9),
  };
  const ok: SessionDiagnosis = {
    ...psk,
    id: '0011223344556677',
    clientIp: '192.0.2.44',
    clientPort: 4500,
    verdict: 'TUNNEL_ESTABLISHED',
    stepReached: 'ESP',
    findings: [finding('TUNNEL_ESTABLISHED', 'ok', 'ESP', 'Tunnel established', 'トンネル確立', [20, 21], 'esp')],
    timeline: psk.timeline.slice(0, 5).concat([
      entry(5, 6, 0.09, m2c, 'MM6 ID', 'ID', [4500, 4500]),
      entry(6, 7, 0.1, c2m, 'QM1 HASH', 'HASH', [4500, 4500], { exchangeType: 32, exchangeName: 'Quick Mode' }),
      entry(7, 8, 0.11, m2c, 'QM2 HASH', 'HASH', [4500, 4500], { exchangeType: 32, exchangeName: 'Quick Mode' }),
      entry(8, 9, 0.12, c2m, 'QM3 HASH', 'HASH', [4500, 4500], { exchangeType: 32, exchangeName: 'Quick Mode' }),
    ]),
    esp: [
      { spi: '0xc0ffee01', direction: c2m, udpEncapsulated: true, packets: 412, bytes: 98234, firstFrame: 10, lastFrame: 900, firstTime: (T0 + 0.2).toFixed(9), lastTime: (T0 + 30).toFixed(9) },
      { spi: '0x0badf00d', direction: m2c, udpEncapsulated: true, packets: 398, bytes: 301220, firstFrame: 11, lastFrame: 899, firstTime: (T0 + 0.21).toFixed(9), lastTime: (T0 + 30).toFixed(9) },
    ],
  };
  return {
    schemaVersion: 1,
    capture: { fileName, format: 'pcap', linkTypes: [1], frames: 912, bytes: 420000, start: T0.toFixed(9), end: (T0 + 30).toFixed(9), anomalies: [{ layer: 'isakmp', code: 'payload-overrun', message: 'payload <i>length</i> 300 > remaining 40', frame: 77 }], protocols: { isakmp: 20, esp: 810 } },
    verdict: 'PSK_MISMATCH',
    sessions: [psk, ok],
    auth: [finding('RADIUS_REJECTED', 'error', 'AUTH', 'RADIUS Access-Reject', 'RADIUS Access-Reject', [40, 41], 'radius.code == 3', { evidence: { frames: [40, 41], details: { 'Reply-Message': '<script>alert(1)</script> bad password' } } })],
    findings: [],
    hosts: [],
  };
}
