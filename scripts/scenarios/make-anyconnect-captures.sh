#!/usr/bin/env bash
# Make the real AnyConnect captures under test/fixtures/scenarios/anyconnect-<case>/capture.pcap.
#
# Run by hand as root (not by CI): it creates network namespaces ac-* (never vd-*, which the IKE
# lab uses), runs ocserv (standing in for the MX's AnyConnect server) and openconnect (standing
# in for Cisco Secure Client) in them, captures with tcpdump on the MX WAN port, and removes
# everything again. Only documentation ranges are used; nothing leaves the namespaces.
#
#   sudo scripts/scenarios/make-anyconnect-captures.sh [OUTDIR] [case ...]   (default: all cases)
#
# Needs (Debian 12): ocserv, openconnect, openssl, tcpdump, tshark (editcap), nftables, iproute2,
# ethtool, iputils-ping. Expected outputs (expected.json, README.md) are written by hand from
# the real capture with tshark, not by this script; tshark-tls.tsv is made by
# anyconnect-oracle.sh. A new run reproduces the same message sequences, but keys, timing and
# TCP segmentation differ, so check the frame numbers in expected.json against a recapture.
set -u
OUT=${1:-$(dirname "$0")/../../test/fixtures/scenarios}
shift || true
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
cd "$(dirname "$0")"
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
for t in ip nft ethtool tcpdump tshark editcap ocserv ocpasswd openconnect openssl ping ss; do
  command -v "$t" >/dev/null || { echo "missing: $t (see the header for the Debian packages)" >&2; exit 1; }
done
. ./ac-lab.sh

# ---- helpers ---------------------------------------------------------------------------------

wan_capture() {
  local name=${CASE_NAME:-$1}
  mkdir -p "$OUT/anyconnect-$name"
  capture_start ac-mx mx-wan "$OUT/anyconnect-$name/capture.pcap"
}

finish() { # finish CASE [SECONDS] : stop client, capture and daemons, keep logs for the README
  oc_stop
  capture_stop "${2:-1}"
  stop_pids
  local logs=$AC_LAB/logs/${CASE_NAME:-$1}
  mkdir -p "$logs"
  cp "$AC_LAB/oc.log" "$logs/openconnect.log" 2>/dev/null
  mv "$AC_LAB/oc2.log" "$logs/openconnect-2.log" 2>/dev/null
  cp "$AC_LAB/ocserv/ocserv.log" "$logs/ocserv.log" 2>/dev/null
  mv "$AC_LAB/s_server.out" "$logs/s_server.log" 2>/dev/null
  lab_up
}

tunnel_pings() { # a few pings from the client to the MX end of the tunnel (203.0.113.1)
  nsx ac-client ping -q -c 3 -i 0.3 -W 1 203.0.113.1 >"$AC_LAB/ping.out" 2>&1
}

# ---- cases -----------------------------------------------------------------------------------

case_success() { # no NAT: TLS 1.2, DTLS answered, pings over DTLS
  ocserv_start good.pem
  wan_capture success
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_wait "Established DTLS connection" 15 || echo "  (no DTLS established)" >&2
  tunnel_pings
  finish success
}

case_success_nat() { # the client behind a masquerading router: the MX sees 198.51.100.60
  nat_on
  ocserv_start good.pem
  wan_capture success-nat
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_wait "Established DTLS connection" 15 || echo "  (no DTLS established)" >&2
  tunnel_pings
  finish success-nat
}

# The client's router forgets its UDP mappings mid-tunnel (a UDP timeout shorter than the
# tunnel's quiet spells) and maps the next DTLS packets to another port; TCP keeps its mapping.
# dtls_nat_rebind CASE SECONDS [openconnect options] : the move, then pings until SECONDS later.
dtls_nat_rebind() {
  local name=$1 wait=$2
  shift 2
  nat_on
  ocserv_start good.pem
  wan_capture "$name"
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem" "$@"
  oc_wait "Established DTLS connection" 15 || echo "  (no DTLS established)" >&2
  tunnel_pings
  nsx ac-nat nft flush chain ip aclab postrouting
  nsx ac-nat nft add rule ip aclab postrouting ip saddr 192.0.2.0/24 oifname nat-wan ip protocol udp masquerade to :40000-40999
  nsx ac-nat nft add rule ip aclab postrouting ip saddr 192.0.2.0/24 oifname nat-wan masquerade
  nsx ac-nat conntrack -D -p udp >/dev/null 2>&1
  tunnel_pings
  sleep "$wait"
  tunnel_pings
  finish "$name"
}
case_dtls_nat_rebind() { dtls_nat_rebind dtls-nat-rebind 3; }
# The same with DTLS dead-peer detection every 3 s (openconnect --force-dpd): the client notices
# and sets DTLS up again.
case_dtls_nat_rebind_recovers() { dtls_nat_rebind dtls-nat-rebind-recovers 15 --force-dpd=3; }

case_dtls_blocked() { # UDP 443 dropped in the MX after the capture point: the tunnel runs over TLS
  mx_drop udp dport 443
  ocserv_start good.pem
  wan_capture dtls-blocked
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_wait "Configured as" 15 || echo "  (not configured)" >&2
  oc_wait "DTLS handshake \\(timed out\\|failed\\)" 40 || echo "  (DTLS did not give up)" >&2
  tunnel_pings
  finish dtls-blocked
}

case_no_dtls_success() { # the client does not try DTLS (openconnect --no-dtls): the tunnel runs over TLS
  ocserv_start good.pem
  wan_capture no-dtls-success
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem" --no-dtls
  oc_wait "Configured as" 15 || echo "  (not configured)" >&2
  tunnel_pings
  finish no-dtls-success
}

case_dtls_blocked_client_side() { # UDP 443 dropped by the client's router: no DTLS reaches the MX at all
  nsx ac-nat nft add rule ip aclab forward udp dport 443 drop
  ocserv_start good.pem
  wan_capture dtls-blocked-client-side
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_wait "Configured as" 15 || echo "  (not configured)" >&2
  oc_wait "DTLS handshake \\(timed out\\|failed\\)" 40 || echo "  (DTLS did not give up)" >&2
  tunnel_pings
  finish dtls-blocked-client-side
}

case_dtls_answers_lost() { # the MX's DTLS answers dropped on the way back (the client's router drops UDP from 443)
  nsx ac-nat nft add rule ip aclab forward udp sport 443 drop
  ocserv_start good.pem
  wan_capture dtls-answers-lost
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_wait "Configured as" 15 || echo "  (not configured)" >&2
  oc_wait "DTLS handshake \\(timed out\\|failed\\)" 40 || echo "  (DTLS did not give up)" >&2
  tunnel_pings
  finish dtls-answers-lost
}

case_tcp_answers_lost() { # the MX's SYN/ACKs dropped on the way back (the client's router drops TCP from 443)
  nsx ac-nat nft add rule ip aclab forward tcp sport 443 drop
  ocserv_start good.pem
  wan_capture tcp-answers-lost
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  sleep 8
  finish tcp-answers-lost 2.5
}

oc_exit_wait() { # wait up to SECONDS for openconnect to exit by itself
  local i; for i in $(seq 1 $(($1 * 10))); do kill -0 "$OCPID" 2>/dev/null || return 0; sleep 0.1; done
  echo "  (openconnect still running)" >&2
}

case_cert_untrusted() { # a self-signed server certificate the client cannot verify
  ocserv_start self.pem
  wan_capture cert-untrusted
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_exit_wait 15
  finish cert-untrusted 2.5
}

case_cert_expired() { # leaf + intermediate from the trusted CA, but the leaf expired on 2026-06-01
  ocserv_start expired.pem
  wan_capture cert-expired
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_exit_wait 15
  finish cert-expired 2.5
}

case_cert_wrong_name() { # a valid chain from the trusted CA, made for another name (other.example.net)
  pki_wrong_name || return 1
  ocserv_start wrong-name.pem
  wan_capture cert-wrong-name
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_exit_wait 15
  finish cert-wrong-name 2.5
}

case_cert_no_intermediate() { # a valid leaf sent without its intermediate (a common custom-upload slip)
  ocserv_start good-leaf.pem
  wan_capture cert-no-intermediate
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_exit_wait 15
  finish cert-no-intermediate 2.5
}

case_wrong_password() {
  ocserv_start good.pem
  wan_capture wrong-password
  oc_start "not-the-password" --cafile "$AC_LAB/pki/root.pem"
  oc_exit_wait 20
  finish wrong-password 2.5
}

case_reconnect_wrong_password() { # the user's tunnel runs and closes; a second login gives a wrong password
  ocserv_start good.pem
  wan_capture reconnect-wrong-password
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_wait "Established DTLS connection" 15 || echo "  (no DTLS established)" >&2
  tunnel_pings
  oc_stop
  sleep 1
  oc_start "not-the-password" --cafile "$AC_LAB/pki/root.pem"
  oc_exit_wait 20
  finish reconnect-wrong-password 2.5
}

case_tcp_unreachable() { # TCP 443 dropped in the MX after the capture point: SYNs unanswered
  mx_drop tcp dport 443
  ocserv_start good.pem
  wan_capture tcp-unreachable
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  sleep 8
  finish tcp-unreachable 2.5
}

case_tcp_reset() { # nothing listens on TCP 443: the MX's kernel resets each SYN
  wan_capture tcp-reset
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_exit_wait 10
  finish tcp-reset 2.5
}

case_tls_version_refused() { # an old client offering only TLS 1.0/1.1 to a TLS-1.2-only server
  ocserv_start good.pem
  wan_capture tls-version-refused
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem" --gnutls-priority "NORMAL:-VERS-ALL:+VERS-TLS1.1:+VERS-TLS1.0"
  oc_exit_wait 10
  finish tls-version-refused 2.5
}

case_tls_suite_refused() { # a client offering only cipher suites the server does not enable
  ocserv_start good.pem
  wan_capture tls-suite-refused
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem" \
    --gnutls-priority "NONE:+VERS-TLS1.2:+CAMELLIA-128-CBC:+CAMELLIA-256-CBC:+SHA1:+SHA256:+RSA:+ECDHE-RSA:+COMP-NULL:+SIGN-ALL:+CURVE-ALL"
  oc_exit_wait 10
  finish tls-suite-refused 2.5
}

case_tls_version_alert() { # the same old client against an OpenSSL TLS-1.2-only server: an alert
  local d=$AC_LAB/pki
  ip netns exec ac-mx openssl s_server -accept "$MX_WAN:443" -tls1_2 -cert "$d/good-leaf.pem" \
    -cert_chain "$d/int.pem" -key "$d/server.key" -naccept 1 -quiet </dev/null >"$AC_LAB/s_server.out" 2>&1 &
  PIDS+=($!)
  sleep 1
  wan_capture tls-version-alert
  oc_start "$USER_PASS" --cafile "$d/root.pem" --gnutls-priority "NORMAL:-VERS-ALL:+VERS-TLS1.1:+VERS-TLS1.0"
  oc_exit_wait 10
  finish tls-version-alert 2.5
}

# ocserv's defaults rather than the MX's ways: DTLS keyed by PSK-NEGOTIATE, and TLS 1.3 (whose
# Certificate travels encrypted: the capture shows no certificate at all).
case_psk_success() { OC_DTLS_PSK=true as_case psk-success case_success; }
case_psk_dtls_blocked() { OC_DTLS_PSK=true as_case psk-dtls-blocked case_dtls_blocked; }
case_tls13_success() { OC_DTLS_PSK=true OC_TLS13=true as_case tls13-success case_success; }
case_tls13_cert_untrusted() { OC_DTLS_PSK=true OC_TLS13=true as_case tls13-cert-untrusted case_cert_untrusted; }
case_tls13_cert_expired() { OC_DTLS_PSK=true OC_TLS13=true as_case tls13-cert-expired case_cert_expired; }
case_tls13_wrong_password() { OC_DTLS_PSK=true OC_TLS13=true as_case tls13-wrong-password case_wrong_password; }

# The MX's AnyConnect moved to port 8443 (the dashboard lets it be changed from 443).
case_port8443_success() { AC_PORT=8443 as_case port8443-success case_success; }
case_port8443_wrong_password() { AC_PORT=8443 as_case port8443-wrong-password case_wrong_password; }

case_client_cert_missing() { # the MX requires a client certificate; the client has none
  OC_AUTH=certificate ocserv_start good.pem "ca-cert = $AC_LAB/pki/root.pem" "cert-user-oid = 2.5.4.3"
  wan_capture client-cert-missing
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  oc_exit_wait 15
  finish client-cert-missing 2.5
}

case_client_cert_untrusted() { # certificate authentication; the client's certificate is self-signed
  local d=$AC_LAB/pki
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/user.key" -out "$d/user-self.pem" -days 30 \
    -subj "/CN=$USER_NAME" >/dev/null 2>&1
  OC_AUTH=certificate ocserv_start good.pem "ca-cert = $d/root.pem" "cert-user-oid = 2.5.4.3"
  wan_capture client-cert-untrusted
  oc_start "$USER_PASS" --cafile "$d/root.pem" --certificate "$d/user-self.pem" --sslkey "$d/user.key"
  oc_exit_wait 15
  finish client-cert-untrusted 2.5
}

# Two users at once (192.0.2.50 succeeds, 192.0.2.51 gives a wrong password), their handshakes
# interleaved: the second starts while the first is still negotiating.
two_users() { # two_users CASE
  ocserv_start good.pem
  wan_capture "$1"
  oc_start "$USER_PASS" --cafile "$AC_LAB/pki/root.pem"
  local first=$OCPID
  sleep 0.3
  OC_NS=ac-client2 OC_LOG=$AC_LAB/oc2.log oc_start "not-the-password" --cafile "$AC_LAB/pki/root.pem"
  oc_exit_wait 20
  OCPID=$first
  oc_wait "Established DTLS connection" 15 || echo "  (no DTLS established)" >&2
  tunnel_pings
  finish "$1" 2.5
}
case_two_users() { two_users two-users; }
# The same two users behind one home router: the MX sees both as 198.51.100.60
case_two_users_one_nat() { nat_on; two_users two-users-one-nat; }

# as_case NAME CASE_FUNCTION : runs another case's steps, its capture and logs under NAME
as_case() { CASE_NAME=$1 "$2"; }

# Cuts of anyconnect-success (made first when missing): frame ranges found by a display filter.
success_frame() { # success_frame FILTER : the number of the first frame FILTER matches
  [ -f "$OUT/anyconnect-success/capture.pcap" ] || case_success
  tshark -r "$OUT/anyconnect-success/capture.pcap" -d udp.port==443,dtls -Y "$1" -T fields -e frame.number | head -1
}
success_cut() { # success_cut CASE RANGE : OUT/anyconnect-CASE/capture.pcap = frames RANGE of it
  mkdir -p "$OUT/anyconnect-$1"
  editcap -r "$OUT/anyconnect-success/capture.pcap" "$OUT/anyconnect-$1/capture.pcap" "$2"
}

# ends on the first DTLS ClientHello
case_cut_before_dtls() { success_cut cut-before-dtls "1-$(success_frame 'dtls.handshake.type == 1')"; }
# ends on the client's ACK of the SYN/ACK
case_cut_after_tcp_handshake() {
  success_cut cut-after-tcp-handshake "1-$(($(success_frame 'tcp.flags.syn == 1 && tcp.flags.ack == 1') + 1))"
}
# begins at the first DTLS data: the capture started with the tunnel running (editcap takes an end
# past the last frame as the last frame)
case_late_tunnel_running() { success_cut late-tunnel-running "$(success_frame 'dtls.record.content_type == 23')-999999999"; }

# Cuts that begin inside a TLS connection (the capture started after its handshake)
late_cut() { # late_cut SOURCE CASE FIRST : OUT/anyconnect-CASE/capture.pcap = SOURCE's frames FIRST-
  [ -f "$OUT/anyconnect-$1/capture.pcap" ] || "case_${1//-/_}"
  mkdir -p "$OUT/anyconnect-$2"
  editcap -r "$OUT/anyconnect-$1/capture.pcap" "$OUT/anyconnect-$2/capture.pcap" "$3-999999999"
}
# the tunnel over TLS running (from the first ping over TLS, after DTLS gave up)
case_late_tls_tunnel() { late_cut dtls-blocked late-tls-tunnel 29; }
# the login's exchanges (from the first request after the handshake)
case_late_wrong_password() { late_cut wrong-password late-wrong-password 14; }

# Damaged files: one record length of anyconnect-dtls-blocked made impossible by damage-pcap.mjs
# (four bytes; it prints the offset and the bytes): reading stops there.
damaged() { # damaged CASE RECORD
  [ -f "$OUT/anyconnect-dtls-blocked/capture.pcap" ] || case_dtls_blocked
  mkdir -p "$OUT/anyconnect-$1"
  node ./damage-pcap.mjs "$OUT/anyconnect-dtls-blocked/capture.pcap" "$OUT/anyconnect-$1/capture.pcap" record-length "$2" 4194304
}
# breaks off on the second DTLS ClientHello's heels / 7 s after the last one
case_damaged_dtls_blocked_record25() { damaged damaged-dtls-blocked-record25 25; }
case_damaged_dtls_blocked_record30() { damaged damaged-dtls-blocked-record30 30; }

ALL="success success-nat dtls-blocked cert-untrusted cert-expired cert-no-intermediate wrong-password tcp-unreachable tcp-reset
tls-version-refused tls-suite-refused tls-version-alert cut-before-dtls psk-success psk-dtls-blocked tls13-success
tls13-cert-untrusted tls13-cert-expired tls13-wrong-password late-tunnel-running cut-after-tcp-handshake
port8443-success port8443-wrong-password client-cert-missing client-cert-untrusted two-users two-users-one-nat
damaged-dtls-blocked-record25 damaged-dtls-blocked-record30 late-tls-tunnel late-wrong-password no-dtls-success dtls-blocked-client-side dtls-answers-lost tcp-answers-lost cert-wrong-name reconnect-wrong-password"

trap 'lab_down' EXIT
lab_up
pki_make || exit 1
for c in ${*:-$ALL}; do
  echo "== anyconnect-$c"
  "case_${c//-/_}"
done
