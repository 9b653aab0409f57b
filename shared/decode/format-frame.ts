// Presentation of a decoded frame: the NDJSON record of `vpn-doctor decode --json` (field
// names chosen to line up with tshark's: ispi, rspi, exchangeType, espSpi, radiusCode …) and
// the one-line summary in tshark's column layout. Pure: no I/O.
import type { ArpLayer, DnsMessage, DecodedFrame, DtlsRecord, TlsRecord } from './types.js';
import type { IsakmpMessage } from '../ike/types.js';
import { summarizeIsakmp as ikeSummary } from '../ike/summarize.js';
import { IP_PROTOCOL_NAME } from '../net/protocol-numbers.js';
import { vendorIdLabel } from '../ike/vendor-ids.js';
import { radiusCodeName } from '../radius/constants.js';
import { dnsRcodeName, dnsTypeName } from '../dns/constants.js';
import {
  TLS_ALERT_DESCRIPTIONS,
  TLS_ALERT_LEVELS,
  TLS_CONTENT,
  TLS_HANDSHAKE_TYPES,
  tlsName,
} from '../tls/constants.js';

/** A 48-bit Ethernet address (DecodedFrame.srcMac) as text: six lower-case hex bytes, colons between. */
export function macText(mac: number): string {
  const hex = mac.toString(16).padStart(12, '0');
  return hex.replace(/(..)(?!$)/g, '$1:');
}

/** frame.time_epoch as tshark prints it: seconds with 9 decimals, exact (no float rounding). */
export function epochString(timeSec: number, timeNsec: number): string {
  return `${timeSec}.${String(timeNsec).padStart(9, '0')}`;
}

export interface FrameRecord {
  number: number;
  time: string;
  length: number;
  capturedLength: number;
  src?: string;
  dst?: string;
  srcPort?: number;
  dstPort?: number;
  protocols: string[];
  ispi?: string;
  rspi?: string;
  nextPayload?: number;
  version?: string;
  exchangeType?: number;
  messageId?: string;
  notifyTypes?: number[];
  vendorIds?: string[];
  espSpi?: string;
  espSeq?: number;
  radiusCode?: number;
  layers: Omit<
    DecodedFrame,
    | 'number'
    | 'timeSec'
    | 'timeNsec'
    | 'length'
    | 'capturedLength'
    | 'protocols'
    | 'anomalies'
    | 'srcMac'
    | 'dstMac'
    | 'arp'
  > & {
    /** The Ethernet addresses as tshark's eth.src and eth.dst print them (aa:bb:cc:dd:ee:ff). */
    srcMac?: string;
    dstMac?: string;
    arp?: Omit<ArpLayer, 'senderMac' | 'targetMac'> & { senderMac: string; targetMac: string };
  };
  anomalies: DecodedFrame['anomalies'];
}

/**
 * The --json record. ISAKMP header fields come from the first message of the frame; notify
 * types and vendor IDs are collected over all its messages, in order (as tshark aggregates).
 */
export function frameRecord(frame: DecodedFrame): FrameRecord {
  const { number, timeSec, timeNsec, length, capturedLength, protocols, anomalies, srcMac, dstMac, arp, ...rest } =
    frame;
  const layers: FrameRecord['layers'] = rest;
  if (srcMac !== undefined) layers.srcMac = macText(srcMac);
  if (dstMac !== undefined) layers.dstMac = macText(dstMac);
  if (arp) layers.arp = { ...arp, senderMac: macText(arp.senderMac), targetMac: macText(arp.targetMac) };
  const record: FrameRecord = {
    number,
    time: epochString(timeSec, timeNsec),
    length,
    capturedLength,
    protocols,
    layers,
    anomalies,
  };
  if (frame.ip) {
    record.src = frame.ip.src;
    record.dst = frame.ip.dst;
  }
  const ports = frame.udp ?? frame.tcp;
  if (ports) {
    record.srcPort = ports.srcPort;
    record.dstPort = ports.dstPort;
  }
  const first = frame.isakmp?.[0];
  if (first) {
    record.ispi = first.ispi;
    record.rspi = first.rspi;
    record.nextPayload = first.nextPayload;
    record.version = first.version;
    record.exchangeType = first.exchangeType;
    record.messageId = first.messageId;
    record.notifyTypes = [];
    record.vendorIds = [];
    for (const message of frame.isakmp!) {
      for (const payload of message.payloads) {
        if (payload.type === 'notify') record.notifyTypes.push(payload.notifyType);
        else if (payload.type === 'vendor-id') record.vendorIds.push(vendorIdLabel(payload));
      }
    }
  }
  if (frame.esp) {
    record.espSpi = frame.esp.spi;
    record.espSeq = frame.esp.seq;
  }
  if (frame.radius) record.radiusCode = frame.radius.code;
  return record;
}

/** The Protocol column: the top decoded layer, spelled as tshark spells it. */
export function protocolColumn(frame: DecodedFrame): string {
  if (frame.isakmp?.length) return 'ISAKMP';
  if (frame.esp) return 'ESP';
  if (frame.radius) return 'RADIUS';
  if (frame.dns) return 'DNS';
  if (frame.tls?.length) return TLS_PROTOCOL_COLUMN[frame.tls[frame.tls.length - 1].version] ?? 'TLS';
  if (frame.dtls?.length) return TLS_PROTOCOL_COLUMN[frame.dtls[frame.dtls.length - 1].version] ?? 'DTLS';
  if (frame.natKeepalive) return 'UDPENCAP';
  // A fragment that did not complete a datagram is shown as IP, like tshark does.
  if (frame.ip?.fragment && !frame.ip.reassembledFrom) return frame.ip.version === 6 ? 'IPv6' : 'IPv4';
  let top = frame.protocols[frame.protocols.length - 1];
  // Undissected payload: tshark names the layer that carries it.
  if (top === 'data' && frame.protocols.length > 1) top = frame.protocols[frame.protocols.length - 2];
  switch (top) {
    case 'udp':
      return 'UDP';
    case 'tcp':
      return 'TCP';
    case 'ip':
      return 'IPv4';
    case 'ipv6':
      return 'IPv6';
    case 'isakmp':
      return 'ISAKMP';
    case undefined:
      return 'FRAME';
    default:
      return top.toUpperCase();
  }
}

export type IsakmpSummarizer = (message: IsakmpMessage) => string;

/** The Info column. */
export function infoColumn(frame: DecodedFrame, summarizeIsakmp: IsakmpSummarizer = ikeSummary): string {
  let info: string;
  if (frame.isakmp?.length) info = frame.isakmp.map(summarizeIsakmp).join(', ');
  else if (frame.esp) info = `ESP (SPI=0x${frame.esp.spi})`;
  else if (frame.radius)
    info = `${radiusCodeName(frame.radius.code) ?? `Unknown-Code(${frame.radius.code})`} id=${frame.radius.identifier}`;
  else if (frame.dns) info = dnsInfo(frame.dns);
  else if (frame.tls?.length) info = tlsInfo(frame.tls);
  else if (frame.dtls?.length) info = dtlsInfo(frame.dtls);
  else if (frame.natKeepalive) info = 'NAT-keepalive';
  else if (frame.ip?.fragment && !frame.ip.reassembledFrom) {
    const f = frame.ip.fragment;
    const proto = IP_PROTOCOL_NAME[frame.ip.protocol];
    info =
      `Fragmented IP protocol (proto=${proto ? `${proto.toUpperCase()} ` : ''}${frame.ip.protocol}, ` +
      `off=${f.offset}, ID=${f.id.toString(16).padStart(4, '0')})`;
  } else if (frame.udp) info = `${frame.udp.srcPort} → ${frame.udp.dstPort} Len=${Math.max(0, frame.udp.length - 8)}`;
  else if (frame.tcp) {
    const t = frame.tcp;
    info = `${t.srcPort} → ${t.dstPort} [${tcpFlags(t.flags)}] Seq=${t.seq} Ack=${t.ack} Len=${t.payloadLength}`;
  } else if (frame.ip) info = `IP protocol ${frame.ip.protocol}`;
  else if (frame.arp) info = arpInfo(frame.arp);
  else info = '';
  if (frame.anomalies.length)
    info += ` [${[...new Set(frame.anomalies.map((a) => `${a.layer}:${a.code}`))].join(', ')}]`;
  return info;
}

/**
 * One line in tshark's default layout: number, time relative to the first frame, source →
 * destination, protocol, frame length, info.
 */
export function summaryLine(
  frame: DecodedFrame,
  first: { timeSec: number; timeNsec: number },
  summarizeIsakmp: IsakmpSummarizer = ikeSummary,
): string {
  const rel = frame.timeSec - first.timeSec + (frame.timeNsec - first.timeNsec) / 1e9;
  // Without IP, tshark's Source and Destination are the Ethernet addresses.
  const mac = !frame.ip && frame.srcMac !== undefined && frame.dstMac !== undefined;
  const src = frame.ip?.src ?? (mac ? macText(frame.srcMac!) : '');
  const dst = frame.ip?.dst ?? (mac ? macText(frame.dstMac!) : '');
  const route = src || dst ? `${src} → ${dst}` : '';
  return (
    `${String(frame.number).padStart(5)} ${rel.toFixed(6).padStart(11)} ${route} ${protocolColumn(frame)} ` +
    `${frame.length} ${infoColumn(frame, summarizeIsakmp)}`.trimEnd()
  );
}

/** ARP's Info column as tshark words it (packet-arp.c): probes and gratuitous ARP named. */
function arpInfo(a: ArpLayer): string {
  if (a.opcode === 1) {
    if (a.senderIp === a.targetIp) return `Gratuitous ARP for ${a.senderIp} (Request)`;
    if (a.senderIp === '0.0.0.0') return `Who has ${a.targetIp}? (ARP Probe)`;
    return `Who has ${a.targetIp}? Tell ${a.senderIp}`;
  }
  if (a.opcode === 2) {
    if (a.senderIp === a.targetIp) return `Gratuitous ARP for ${a.senderIp} (Reply)`;
    return `${a.senderIp} is at ${macText(a.senderMac)}`;
  }
  return `Unknown ARP opcode 0x${a.opcode.toString(16).padStart(4, '0')}`;
}

/** RCODEs as tshark's Info column spells them. */
const DNS_RCODE_WORDS: Record<number, string> = {
  1: 'Format error',
  2: 'Server failure',
  3: 'No such name',
  4: 'Not implemented',
  5: 'Refused',
};

function dnsInfo(dns: DnsMessage): string {
  const kind = dns.opcode === 0 ? 'Standard query' : `Opcode ${dns.opcode}`;
  const id = `0x${dns.id.toString(16).padStart(4, '0')}`;
  const rcode = dns.response && dns.rcode !== 0 ? ` ${DNS_RCODE_WORDS[dns.rcode] ?? dnsRcodeName(dns.rcode)}` : '';
  const questions = dns.questions.map((q) => `${dnsTypeName(q.type)} ${q.name}`);
  const answers = dns.answers.map((a) => `${dnsTypeName(a.type)} ${a.data}`);
  return [`${kind}${dns.response ? ' response' : ''} ${id}${rcode}`, ...questions, ...answers].join(' ');
}

const ALERT_WORDS: Record<number, string> = { 1: 'Warning', 2: 'Fatal' };

function tlsInfo(records: TlsRecord[]): string {
  const parts: string[] = [];
  for (const r of records) {
    let part: string;
    switch (r.contentType) {
      case TLS_CONTENT.HANDSHAKE:
        if (r.handshakes)
          part = r.handshakes
            .map((h) => handshakeWords(h.type) + (h.serverName !== undefined ? ` (SNI=${h.serverName})` : ''))
            .join(', ');
        else if (r.handshakeType !== undefined) part = handshakeWords(r.handshakeType);
        else part = 'Encrypted Handshake Message';
        break;
      case TLS_CONTENT.ALERT:
        part = r.alert
          ? `Alert (Level: ${ALERT_WORDS[r.alert.level] ?? tlsName(TLS_ALERT_LEVELS, r.alert.level) ?? r.alert.level}, ` +
            `Description: ${alertWords(r.alert.description)})`
          : 'Encrypted Alert';
        break;
      case TLS_CONTENT.CHANGE_CIPHER_SPEC:
        part = 'Change Cipher Spec';
        break;
      case TLS_CONTENT.APPLICATION_DATA:
        part = 'Application Data';
        break;
      default:
        part = 'Heartbeat';
    }
    if (parts[parts.length - 1] !== part) parts.push(part);
  }
  return parts.join(', ');
}

/** DTLS: one datagram, its records in order (encrypted handshake = epoch > 0). */
function dtlsInfo(records: DtlsRecord[]): string {
  const parts: string[] = [];
  for (const r of records) {
    let part: string;
    if (r.contentType === TLS_CONTENT.HANDSHAKE)
      part = r.handshake ? handshakeWords(r.handshake.type) : 'Encrypted Handshake Message';
    else if (r.contentType === TLS_CONTENT.ALERT)
      part = r.alert
        ? `Alert (Level: ${ALERT_WORDS[r.alert.level] ?? r.alert.level}, Description: ${alertWords(r.alert.description)})`
        : 'Encrypted Alert';
    else if (r.contentType === TLS_CONTENT.CHANGE_CIPHER_SPEC) part = 'Change Cipher Spec';
    else if (r.contentType === TLS_CONTENT.APPLICATION_DATA) part = 'Application Data';
    else part = 'Heartbeat';
    if (parts[parts.length - 1] !== part) parts.push(part);
  }
  return parts.join(', ');
}

function handshakeWords(type: number): string {
  return spaced(tlsName(TLS_HANDSHAKE_TYPES, type) ?? `Handshake ${type}`);
}

/** Record versions as tshark's Protocol column names them (from the record layer only). */
const TLS_PROTOCOL_COLUMN: Record<number, string> = {
  0xfeff: 'DTLSv1.0',
  0xfefd: 'DTLSv1.2',
  0x0300: 'SSLv3',
  0x0301: 'TLSv1',
  0x0302: 'TLSv1.1',
  0x0303: 'TLSv1.2',
  0x0304: 'TLSv1.3',
};

/** "unknown_ca" -> "Unknown CA", "bad_record_mac" -> "Bad Record MAC", as tshark writes them. */
function alertWords(description: number): string {
  const name = tlsName(TLS_ALERT_DESCRIPTIONS, description);
  if (name === undefined) return String(description);
  return name
    .split('_')
    .map((w) => (w === 'ca' || w === 'mac' || w === 'psk' ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}

/** "ClientHello" -> "Client Hello", as in tshark's Info column. */
function spaced(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2');
}

const TCP_FLAG_NAMES: [number, string][] = [
  [0x02, 'SYN'],
  [0x01, 'FIN'],
  [0x04, 'RST'],
  [0x08, 'PSH'],
  [0x10, 'ACK'],
  [0x20, 'URG'],
];

function tcpFlags(flags: number): string {
  return (
    TCP_FLAG_NAMES.filter(([bit]) => flags & bit)
      .map(([, name]) => name)
      .join(', ') || '<None>'
  );
}
