#!/usr/bin/env bash
# Write the tshark oracle for each AnyConnect capture: test/fixtures/scenarios/anyconnect-*/tshark-tls.tsv,
# one line per frame (every frame, also ARP), tab-separated, with a header line naming the fields.
# Independent evidence for the TLS/DTLS decoders: tests compare the decoder's records with it.
#
#   scripts/scenarios/anyconnect-oracle.sh [DIR ...]   (default: every anyconnect-* case folder)
#
# Made with TShark 4.0 (Debian 12). Conventions of its output, which the decoder tests must mirror:
# - Several values of one field in a frame (e.g. a segment holding ServerHello, Certificate,
#   ServerKeyExchange, ServerHelloDone; all cipher suites a ClientHello offers) are joined by ",".
# - Single-pass dissection: a TLS record spread over several TCP segments is shown in the frame
#   whose segment completes it (the earlier segments show only TCP).
# - `-d udp.port==443,dtls`: tshark does not guess DTLS on 443 by itself; the anyconnect-port8443-*
#   captures also need `-d tcp.port==8443,tls -d udp.port==8443,dtls`.
# - x509sat.uTF8String / x509sat.printableString list the directory-string values of every
#   certificate in the frame in wire order: per certificate the issuer's RDNs, then the
#   subject's, each in its own RDN order (the lab's root CA is O, CN; certificates that
#   `openssl ca` signed are CN, O); x509af.utcTime lists notBefore, notAfter per certificate.
# - TLS 1.3's encrypted records (after the ServerHello) have tls.record.opaque_type, not
#   tls.record.content_type (both 23 on the wire).
# - tls.handshake.version is the legacy version field of ClientHello/ServerHello (0x0303 = TLS 1.2,
#   0x0302 = TLS 1.1); tls.handshake.extensions.supported_version lists the supported_versions
#   extension (0x0304 = TLS 1.3); dtls.handshake.version likewise (0xfefd = DTLS 1.2).
# - tls.handshake.ciphersuite / dtls.handshake.ciphersuite: every suite a ClientHello offers, the
#   one a ServerHello picks.
set -u
cd "$(dirname "$0")/../.."
FIELDS="frame.number frame.time_relative ip.src ip.dst tcp.srcport tcp.dstport udp.srcport udp.dstport
tcp.flags tcp.len tcp.analysis.retransmission
tls.record.content_type tls.record.opaque_type tls.handshake.type tls.handshake.version tls.handshake.extensions.supported_version tls.handshake.session_id_length
tls.handshake.extensions_server_name tls.handshake.ciphersuite tls.alert_message.level tls.alert_message.desc
x509sat.uTF8String x509sat.printableString x509ce.dNSName x509af.utcTime x509af.generalizedTime
dtls.record.content_type dtls.handshake.type dtls.handshake.version dtls.handshake.session_id_length dtls.handshake.ciphersuite"
args=()
for f in $FIELDS; do args+=(-e "$f"); done
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(test/fixtures/scenarios/anyconnect-*/)
for d in "${dirs[@]}"; do
  d=${d%/}
  [ -f "$d/capture.pcap" ] || continue
  tshark -r "$d/capture.pcap" -d udp.port==443,dtls -d tcp.port==8443,tls -d udp.port==8443,dtls -T fields -E header=y -E separator=/t \
    -E occurrence=a -E aggregator=, "${args[@]}" >"$d/tshark-tls.tsv" 2>/dev/null
  echo "$d/tshark-tls.tsv: $(($(wc -l <"$d/tshark-tls.tsv") - 1)) frames"
done
