#!/usr/bin/env bash
# Make the libreswan captures under test/fixtures/scenarios/libreswan-*/capture.pcap: libreswan
# 4.10 (pluto) as the client against the strongSwan MX of lab.sh, and as the MX against a
# strongSwan client. Same lab, same rules as make-captures.sh (run by hand as root, not by CI;
# expected.json and README.md written by hand from the capture). libreswan's timers are left at
# their defaults (retransmit-interval 500 ms doubling, retransmit-timeout 60 s): they are what a
# real libreswan client does, and unlike strongSwan's.
#
#   sudo scripts/scenarios/make-libreswan-captures.sh [OUTDIR] [case ...]   (default: all cases)
#
# Needs what make-captures.sh needs, plus libnss3-tools (certutil) and libreswan unpacked into
# LS_ROOT (see ls-lab.sh).
set -u
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
OUT=$(d=${1:-$(dirname "$0")/../../test/fixtures/scenarios} && mkdir -p "$d" && cd "$d" && pwd)
shift || true
cd "$(dirname "$0")"
. ./lab.sh
. ./ls-lab.sh
for t in ip nft ethtool tcpdump editcap certutil swanctl /usr/lib/ipsec/charon "$LS_BIN/pluto"; do
  command -v "$t" >/dev/null || { echo "missing: $t" >&2; exit 1; }
done

# The MX (charon) as in lab.sh, but also accepting MODP2048, which libreswan 4.10 needs.
MX_IKE_2048=3des-sha1-modp1024,aes128-sha1-modp1024,aes256-sha1-modp1024,3des-sha1-modp2048,aes128-sha1-modp2048,aes256-sha1-modp2048

# ---- libreswan client, strongSwan MX -----------------------------------------------------------

# pluto_vs_charon CASE : the libreswan client against the charon MX, both as the caller's
# environment sets them (MX_IKE, CL_PSK, LS_ESP …), captured at the MX's WAN port.
pluto_vs_charon() {
  mx_conf mx netlink
  charon_start vd-mx mx
  pluto_client_conf lsc
  pluto_start vd-client lsc win
  wan_capture "$1"
  pluto_initiate vd-client lsc 70
  finish "$1"
}

# the MX as Meraki's: MODP1024 only, which libreswan cannot offer
case_libreswan_phase1_mismatch() { nat_on; pluto_vs_charon libreswan-phase1-mismatch; }
case_libreswan_wrong_psk_nat() { nat_on; MX_IKE=$MX_IKE_2048 CL_PSK=not-the-mx-psk pluto_vs_charon libreswan-wrong-psk-nat; }
case_libreswan_wrong_psk_no_nat() { MX_IKE=$MX_IKE_2048 CL_PSK=not-the-mx-psk pluto_vs_charon libreswan-wrong-psk-no-nat; }
# phase 1 passes; the client offers ESP AES-256/SHA2-256 only
case_libreswan_phase2_mismatch() { nat_on; MX_IKE=$MX_IKE_2048 LS_ESP=aes256-sha2_256 pluto_vs_charon libreswan-phase2-mismatch; }
# phase 1 passes; quick mode is dropped after the capture point. ISAKMP on UDP 4500 sits behind
# the 4-byte non-ESP marker: the exchange type is UDP payload byte 22 (bit 240 from the UDP header)
case_libreswan_qm_no_answer() {
  nat_on
  mx_drop udp dport 4500 @th,240,8 32
  MX_IKE=$MX_IKE_2048 pluto_vs_charon libreswan-qm-no-answer
}
# behind NAT, the MX's main mode 4 (next payload KE) is lost on the way back (ISAKMP header bytes
# behind the 8-byte UDP header: next payload at byte 16, exchange type at 18)
case_libreswan_ke_replies_lost_nat() {
  nat_on
  nat_drop ip saddr $MX_WAN udp sport 500 @th,208,8 2 @th,192,8 4
  MX_IKE=$MX_IKE_2048 pluto_vs_charon libreswan-ke-replies-lost-nat
}
# charon runs, but UDP 500 is dropped after the capture point
case_libreswan_mx_no_answer() { nat_on; mx_drop udp dport 500; MX_IKE=$MX_IKE_2048 pluto_vs_charon libreswan-mx-no-answer; }

# aggressive mode needs a single DH group
case_libreswan_aggressive_mode() { nat_on; LS_AGGR=yes LS_IKE='aes256-sha1;modp2048' pluto_vs_charon libreswan-aggressive-mode; }
case_libreswan_ikev2_attempt() { nat_on; LS_VERSION=2 LS_IKE='aes256-sha2_256;modp2048' pluto_vs_charon libreswan-ikev2-attempt; }

# ---- strongSwan client, libreswan MX -----------------------------------------------------------

# charon_vs_pluto CASE : the strongSwan client (CL_PSK, CL_ESP …) against the libreswan MX
charon_vs_pluto() {
  pluto_mx_conf lsmx
  pluto_start vd-mx lsmx clientvpn
  client_conf client netlink
  charon_start vd-client client
  wan_capture "$1"
  initiate client 25
  sleep 2
  finish "$1"
}

case_libreswan_mx_wrong_psk() { nat_on; CL_PSK=not-the-mx-psk charon_vs_pluto libreswan-mx-wrong-psk; }
# UDP 4500 dropped at the client's NAT router: main mode 5 never reaches the MX
case_libreswan_mx_udp4500_blocked() { nat_on; nat_drop udp dport 4500; charon_vs_pluto libreswan-mx-udp4500-blocked; }
case_libreswan_mx_phase2_mismatch() { nat_on; CL_ESP=aes256-sha256 charon_vs_pluto libreswan-mx-phase2-mismatch; }

# ---- Derived: a real capture above cut with editcap -r (frames kept byte for byte) -------------

# the second attempt cut on its first main mode 5, before the MX's answer
case_cut_libreswan_wrong_psk_second_attempt() { cut libreswan-wrong-psk-nat cut-libreswan-wrong-psk-second-attempt 1-30; }

ALL="libreswan-phase1-mismatch libreswan-wrong-psk-nat libreswan-wrong-psk-no-nat libreswan-phase2-mismatch
libreswan-qm-no-answer libreswan-ke-replies-lost-nat libreswan-mx-no-answer libreswan-aggressive-mode libreswan-ikev2-attempt
libreswan-mx-wrong-psk libreswan-mx-udp4500-blocked libreswan-mx-phase2-mismatch
cut-libreswan-wrong-psk-second-attempt"

run_cases "$@"
