// The per-frame decoder: link -> IP (with reassembly) -> UDP/TCP/ESP -> the application
// decoders chosen by port. Every read is bounds-checked in the layer that makes it; a short
// or malformed layer ends the decode with an anomaly. One decoder per capture: it holds the
// fragment and TCP stream state, bounded.
import type { RawFrame } from '../capture/types.js';
import { decodeEsp } from '../esp/esp.js';
import { decodeUdpEncap } from '../esp/udp-encap.js';
import { createPayloadCache } from '../ike/payload-cache.js';
import { decodeIsakmp } from '../ike/decode.js';
import { type ReassemblyLimits, IpReassembler, type PendingFragmentSet } from '../net/ip-reassembly.js';
import { type IpPayload, newIpPayload } from '../net/ip-payload.js';
import { decodeIpv4 } from '../net/ipv4.js';
import { decodeIpv6, skipAh } from '../net/ipv6.js';
import { decodeLink, type LinkResult } from '../net/link.js';
import { IP_PROTOCOL_NAME, IPPROTO } from '../net/protocol-numbers.js';
import { decodeIcmp } from '../net/icmp.js';
import { decodeTcp } from '../net/tcp.js';
import { type StreamLimits, TlsStreams } from '../net/tcp-stream.js';
import { decodeUdp } from '../net/udp.js';
import { decodeDns, decodeDnsTcp } from '../dns/decode.js';
import { decodeL2tp } from '../l2tp/decode.js';
import { decodeRadius } from '../radius/decode.js';
import { looksLikeDtls, parseDtlsRecords } from '../tls/dtls.js';
import { parseTlsRecords } from '../tls/records.js';
import { createCertificateReader } from '../tls/x509.js';
import { tcpApplication, udpApplication } from './ports.js';
import type { DecodedFrame } from './types.js';

export type { PendingFragmentSet } from '../net/ip-reassembly.js';

export interface FrameDecoderOptions {
  reassembly?: Partial<ReassemblyLimits>;
  streams?: Partial<StreamLimits>;
  /**
   * Follow TLS only on flows with one of these ports (default: every TLS port in ports.ts).
   * The diagnosis needs the directory's TLS alone, not the MX WAN's HTTPS.
   */
  tlsPorts?: readonly number[];
  /**
   * On these ports follow only the TLS flows seen from their start (SYN or a handshake record
   * first): the AnyConnect diagnosis needs its sessions' handshakes, not every HTTPS flow of a
   * WAN capture caught mid-stream, which costs the analysis its throughput.
   */
  tlsFromStartPorts?: readonly number[];
  /**
   * On ports of no known application, follow a TCP flow from its first hello record, and
   * decode datagrams that look like DTLS: AnyConnect moved off 443 (the dashboard allows it)
   * keeps its shape, TLS and DTLS on one port, and is found without being told the port.
   */
  tlsOnAnyPort?: boolean;
  /** Reuse ISAKMP SA and vendor ID payloads that repeat byte for byte (default on; off to compare). */
  payloadCache?: boolean;
}

export interface FrameDecoder {
  decode(raw: RawFrame): DecodedFrame;
  /** IP fragment sets that never completed (timed out, evicted, or still open now). */
  pendingFragments(): PendingFragmentSet[];
}

const EMPTY = new Uint8Array(0);

export function createFrameDecoder(options: FrameDecoderOptions = {}): FrameDecoder {
  const reasm = new IpReassembler(options.reassembly);
  const certificates = createCertificateReader();
  const streams = new TlsStreams(
    (stream, frame, state) => parseTlsRecords(stream, frame, state, certificates),
    options.streams,
  );
  const link: LinkResult = { offset: 0, network: 0 };
  const p: IpPayload = newIpPayload();
  const ikePayloads = options.payloadCache === false ? undefined : createPayloadCache();
  const tlsPorts = options.tlsPorts ? new Set(options.tlsPorts) : undefined;
  const fromStartPorts = options.tlsFromStartPorts ? new Set(options.tlsFromStartPorts) : undefined;
  const tlsOnAnyPort = options.tlsOnAnyPort === true;

  function layers(d: Uint8Array, f: DecodedFrame): void {
    decodeLink(d, f.linkType, f, link);
    if (link.network === 4) {
      decodeIpv4(d, link.offset, f, reasm, p);
      if (!p.ok) return;
      // IPv4 AH: skipped by its length so that what it authenticates is decoded.
      while (p.protocol === IPPROTO.AH) if (!skipAh(f, p)) return;
      f.ip!.protocol = p.protocol;
    } else if (link.network === 6) {
      decodeIpv6(d, link.offset, f, reasm, p);
      if (!p.ok) return;
    } else {
      return;
    }
    transport(f);
  }

  function transport(f: DecodedFrame): void {
    switch (p.protocol) {
      case IPPROTO.UDP:
        f.protocols.push('udp');
        if (decodeUdp(f, p)) udpApplicationLayer(f);
        return;
      case IPPROTO.TCP:
        f.protocols.push('tcp');
        if (decodeTcp(f, p)) tcpApplicationLayer(f);
        return;
      case IPPROTO.ESP:
        decodeEsp(f, p, false);
        return;
      case IPPROTO.ICMP:
        if (f.ip!.version === 4) decodeIcmp(f, p, 4);
        else f.protocols.push('icmp');
        return;
      case IPPROTO.ICMPV6:
        if (f.ip!.version === 6) decodeIcmp(f, p, 6);
        else f.protocols.push('icmpv6');
        return;
      default:
        f.protocols.push(IP_PROTOCOL_NAME[p.protocol] ?? 'data');
    }
  }

  function udpApplicationLayer(f: DecodedFrame): void {
    if (p.end <= p.start) return; // no payload captured
    const app = udpApplication(f.udp!.srcPort, f.udp!.dstPort);
    switch (app) {
      case 'isakmp':
        isakmp(f);
        return;
      case 'udpencap':
        if (decodeUdpEncap(f, p)) isakmp(f);
        return;
      case 'radius': {
        f.protocols.push('radius');
        const r = decodeRadius(p.buf.subarray(p.start, p.end), f.number);
        if (r.message) {
          f.radius = r.message;
          if (r.message.hasEapMessage) f.protocols.push('eap');
        }
        append(f, r.anomalies);
        return;
      }
      case 'dns': {
        f.protocols.push('dns');
        const r = decodeDns(p.buf.subarray(p.start, p.end), f.number);
        if (r.message) f.dns = r.message;
        append(f, r.anomalies);
        return;
      }
      case 'l2tp': {
        f.protocols.push('l2tp');
        const r = decodeL2tp(p.buf.subarray(p.start, p.end), f.number);
        if (r.message) f.l2tp = r.message;
        append(f, r.anomalies);
        return;
      }
      case 'dtls':
        if (!looksLikeDtls(p.buf, p.start, p.end))
          f.protocols.push('data'); // QUIC or anything else on UDP 443
        else dtls(f);
        return;
      default:
        if (app === undefined && tlsOnAnyPort && looksLikeDtls(p.buf, p.start, p.end)) dtls(f, true);
        else f.protocols.push('data');
    }
  }

  /** `guessed`: on a port of no known application, only a datagram of whole, sound records is DTLS. */
  function dtls(f: DecodedFrame, guessed = false): void {
    const r = parseDtlsRecords(p.buf.subarray(p.start, p.end), f.number);
    if (guessed && r.anomalies.length > 0) {
      f.protocols.push('data');
      return;
    }
    f.protocols.push('dtls');
    if (r.records.length > 0) f.dtls = r.records;
    append(f, r.anomalies);
  }

  function isakmp(f: DecodedFrame): void {
    if (p.end <= p.start) return;
    const r = decodeIsakmp(p.buf.subarray(p.start, p.end), f.number, ikePayloads);
    if (r.messages.length > 0) {
      f.protocols.push('isakmp');
      f.isakmp = r.messages;
    } else {
      f.protocols.push('data'); // e.g. a header with length 0: tshark shows no isakmp layer either
    }
    append(f, r.anomalies);
  }

  function tcpApplicationLayer(f: DecodedFrame): void {
    const t = f.tcp!;
    const app = tcpApplication(t.srcPort, t.dstPort);
    if (app === 'tls' && tlsPorts !== undefined && !tlsPorts.has(t.srcPort) && !tlsPorts.has(t.dstPort)) return;
    const anyPort = app === undefined && tlsOnAnyPort;
    if (app === 'tls' || anyPort) {
      const ip = f.ip!;
      const records = streams.segment(
        f,
        ip.src,
        t.srcPort,
        ip.dst,
        t.dstPort,
        t.seq,
        t.flags,
        p.buf,
        p.start,
        p.end,
        p.declaredLength,
        anyPort
          ? 'hello'
          : fromStartPorts !== undefined && (fromStartPorts.has(t.srcPort) || fromStartPorts.has(t.dstPort)),
      );
      if (records) {
        f.protocols.push('tls');
        f.tls = records;
      } else if (p.declaredLength > 0) {
        f.protocols.push('data');
      }
      return;
    }
    if (p.declaredLength <= 0) return;
    if (app === 'dns') {
      // Best effort without stream reassembly: a message that starts in this segment.
      f.protocols.push('dns');
      const r = decodeDnsTcp(p.buf.subarray(p.start, p.end), f.number);
      if (r.message) f.dns = r.message;
      append(f, r.anomalies);
      return;
    }
    f.protocols.push('data');
  }

  return {
    decode(raw: RawFrame): DecodedFrame {
      const f: DecodedFrame = {
        number: raw.number,
        timeSec: raw.timeSec,
        timeNsec: raw.timeNsec,
        length: raw.originalLength,
        capturedLength: raw.data.length,
        linkType: raw.linkType,
        protocols: [],
        // Every optional layer present (undefined) from the start: all frames share one hidden
        // class, so the trackers' per-frame reads stay monomorphic (layers added later would give
        // each protocol mix its own shape).
        vlanIds: undefined,
        ip: undefined,
        udp: undefined,
        tcp: undefined,
        isakmp: undefined,
        natKeepalive: undefined,
        nonEspMarker: undefined,
        esp: undefined,
        icmp: undefined,
        radius: undefined,
        dns: undefined,
        l2tp: undefined,
        srcMac: undefined,
        dstMac: undefined,
        arp: undefined,
        tls: undefined,
        dtls: undefined,
        anomalies: [],
      };
      try {
        layers(raw.data, f);
      } catch (e) {
        // Last safety net: a bug must cost one frame, not the capture.
        f.anomalies.push({
          layer: 'capture',
          code: 'internal-error',
          message: `decoder error: ${e instanceof Error ? e.message : String(e)}`,
          frame: raw.number,
        });
      }
      p.buf = EMPTY; // drop the reference to the reader's reusable buffer
      return f;
    },
    pendingFragments(): PendingFragmentSet[] {
      return reasm.pending();
    },
  };
}

function append(f: DecodedFrame, anomalies: readonly DecodedFrame['anomalies'][number][]): void {
  for (let i = 0; i < anomalies.length; i++) f.anomalies.push(anomalies[i]);
}
