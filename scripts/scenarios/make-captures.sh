#!/usr/bin/env bash
# Make the real-negotiation captures under test/fixtures/scenarios/<case>/capture.pcap.
#
# Run by hand as root (not by CI): it creates network namespaces vd-*, runs strongSwan charon
# (kernel-libipsec), FreeRADIUS, dnsmasq and openssl in them, captures with tcpdump, and removes
# everything again. Only documentation ranges are used; nothing leaves the namespaces.
#
#   sudo scripts/scenarios/make-captures.sh [OUTDIR] [case ...]     (default: all cases)
#
# Needs: strongswan-charon + strongswan-swanctl + libcharon-extra-plugins (kernel-libipsec) +
# libstrongswan-standard-plugins (openssl: 3DES; without it the MX picks 3DES and fails), xl2tpd,
# tcpdump, nftables, iproute2, ethtool, iputils-ping, bind9-dnsutils, curl, freeradius,
# freeradius-utils, dnsmasq, openssl, tshark (editcap). Expected outputs (expected.json,
# README.md) are written by hand from the real capture, not by this script: a new run reproduces
# the same message sequences, but timing-dependent frames (TCP ACKs, DPD, keepalives, ARP) may
# shift, so check the frame numbers in expected.json against a recaptured file.
set -u
OUT=${1:-$(dirname "$0")/../../test/fixtures/scenarios}
shift || true
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
cd "$(dirname "$0")"
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
for t in ip nft ethtool tcpdump tshark editcap mergecap xl2tpd node bc swanctl /usr/lib/ipsec/charon ping dig curl freeradius radclient dnsmasq openssl; do
  command -v "$t" >/dev/null || { echo "missing: $t (see the header for the Debian packages)" >&2; exit 1; }
done
. ./lab.sh

# ---- helpers ---------------------------------------------------------------------------------

# (wan_capture, lan_capture, finish and initiate: lab.sh)

tunnel_traffic() { # ESP both ways: client pings the MX LAN address, the MX pings the client
  nsx vd-client ping -q -c 3 -i 0.3 -W 1 -I $CLIENT1_INNER $MX_LAN >/dev/null
  nsx vd-mx ping -q -c 2 -i 0.3 -W 1 -I $MX_LAN $CLIENT1_INNER >/dev/null
}

# ---- WAN cases -------------------------------------------------------------------------------

case_success_nat_t() {
  nat_on
  mx_conf mx libipsec; client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture success-nat-t
  initiate client 20
  tunnel_traffic
  finish success-nat-t
}

case_success_no_nat() {
  mx_conf mx libipsec; client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture success-no-nat
  initiate client 20
  tunnel_traffic
  finish success-no-nat
}

case_success_dpd_delete() { # tunnel up, idle long enough for NAT-T keepalives and DPD, then closed
  nat_on
  DPD_DELAY=3s mx_conf mx libipsec; KEEP_ALIVE=2s DPD_DELAY=3s client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture success-dpd-delete
  initiate client 20
  tunnel_traffic
  sleep 8
  swan client terminate --ike win --timeout 5 >"$LAB/client/terminate.out" 2>&1
  finish success-dpd-delete
}

case_success_rekeys() { # tunnel up; the MX renews phase 2, then the client does, then the client
  # re-authenticates phase 1 (strongSwan adopts the tunnel's SAs: no quick mode follows)
  nat_on
  mx_conf mx libipsec; client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture success-rekeys
  initiate client 20
  tunnel_traffic
  sleep 1 # so that a capture started after phase 1 (late-success-rekeys) runs >1 s before the renewal
  swan mx rekey --child l2tp >"$LAB/mx/rekey.out" 2>&1
  sleep 1
  tunnel_traffic
  swan client rekey --child l2tp >"$LAB/client/rekey.out" 2>&1
  sleep 1
  tunnel_traffic
  swan client rekey --ike win --reauth >"$LAB/client/reauth.out" 2>&1
  sleep 2
  tunnel_traffic
  sleep 1
  finish success-rekeys
}

case_mx_not_listening() { # no charon on the MX: the kernel answers ICMP port unreachable
  nat_on
  client_conf client netlink
  charon_start vd-client client
  wan_capture mx-not-listening
  initiate client 25
  finish mx-not-listening
}

case_no_ike() { # the client reaches the MX WAN address but never speaks ISAKMP
  nat_on
  wan_capture no-ike
  nsx vd-client ping -q -c 2 -i 0.3 -W 1 $MX_WAN >/dev/null
  nsx vd-client dig +tries=1 +time=1 @$MX_WAN meraki.com A >/dev/null
  nsx vd-client curl -s -m 2 -o /dev/null "https://$MX_WAN/"
  # a plain L2TP SCCRQ to UDP 1701, as a client with L2TP but no IPsec policy would send
  printf '\xc8\x02\x00\x3b\x00\x00\x00\x00\x00\x00\x00\x00\x80\x08\x00\x00\x00\x00\x00\x01\x80\x08\x00\x00\x00\x02\x01\x00\x80\x0a\x00\x00\x00\x03\x00\x00\x00\x03\x80\x0d\x00\x00\x00\x07win-lab\x80\x08\x00\x00\x00\x09\x12\x34' >"$LAB/sccrq.bin"   # written in one datagram by cat (bash's printf may split it)
  nsx vd-client bash -c "cat '$LAB/sccrq.bin' >/dev/udp/$MX_WAN/1701"
  finish no-ike
}

case_mx_no_answer() { # charon runs, but UDP 500 is dropped after the capture point
  nat_on
  mx_drop udp dport 500
  mx_conf mx netlink; client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture mx-no-answer
  initiate client 25
  finish mx-no-answer
}

case_client_no_replies() { # the MX's UDP 500 replies are dropped on the way back
  nat_on
  nat_drop ip saddr $MX_WAN udp sport 500
  mx_conf mx netlink; client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture client-no-replies
  initiate client 25
  sleep 2
  finish client-no-replies
}

case_wrong_psk_nat() {
  nat_on
  mx_conf mx netlink; CL_PSK=not-the-mx-psk client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture wrong-psk-nat
  initiate client 25
  sleep 2
  finish wrong-psk-nat
}

case_wrong_psk_no_nat() {
  mx_conf mx netlink; CL_PSK=not-the-mx-psk client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture wrong-psk-no-nat
  initiate client 25
  sleep 2
  finish wrong-psk-no-nat
}

case_udp4500_blocked() {
  nat_on
  nat_drop udp dport 4500
  mx_conf mx netlink; client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture udp4500-blocked
  initiate client 25
  sleep 2
  finish udp4500-blocked
}

case_udp4500_blocked_client_side() { # the same fault, captured at the client's side of the NAT
  nat_on
  nat_drop udp dport 4500
  mx_conf mx netlink; client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  mkdir -p "$OUT/udp4500-blocked-client-side"
  capture_start vd-nat c1-port "$OUT/udp4500-blocked-client-side/capture.pcap"
  initiate client 25
  sleep 1
  finish udp4500-blocked-client-side
}

case_wrong_psk_router_any() { # wrong-psk-no-nat captured on the router between them with -i any:
  # every packet twice (in on one port, out on the other, TTL one less), Linux cooked v2 (SLL2)
  mx_conf mx netlink; CL_PSK=not-the-mx-psk client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  mkdir -p "$OUT/wrong-psk-router-any"
  capture_start vd-nat any "$OUT/wrong-psk-router-any/capture.pcap"
  initiate client 25
  sleep 2
  finish wrong-psk-router-any
}

# ISAKMP header bytes behind the 8-byte UDP header: next payload at byte 16, exchange type at 18
case_ke_replies_lost() { # no NAT; the MX's main mode 4 (next payload KE) is lost on the way back
  nat_drop ip saddr $MX_WAN udp sport 500 @th,208,8 2 @th,192,8 4
  mx_conf mx netlink; client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture ke-replies-lost
  initiate client 25
  sleep 1
  finish ke-replies-lost
}

case_qm_replies_lost() { # no NAT; phase 1 completes, the MX's quick mode 2 is lost on the way back
  nat_drop ip saddr $MX_WAN udp sport 500 @th,208,8 32
  mx_conf mx netlink; client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture qm-replies-lost
  initiate client 25
  finish qm-replies-lost
  # After giving up, charon at once starts a second IKE_SA (new cookies) that the capture cuts off
  # half-way; keep only the first session's frames (up to the last IKE frame before the new MM1).
  local f=$OUT/qm-replies-lost/capture.pcap last
  last=$(tshark -r "$f" -Y isakmp -T fields -e frame.number -e isakmp.ispi 2>/dev/null |
    awk 'NR == 1 { first = $2 } $2 != first { print $1; exit }')
  if [ -n "$last" ]; then editcap -r "$f" "$f.tmp" "1-$((last - 1))" && mv "$f.tmp" "$f"; fi
}

case_phase1_mismatch() {
  nat_on
  mx_conf mx netlink; CL_IKE=aes256-sha256-modp2048 client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture phase1-mismatch
  initiate client 15
  finish phase1-mismatch
}

case_phase2_mismatch() {
  nat_on
  mx_conf mx netlink; CL_ESP=aes256-sha256 client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture phase2-mismatch
  initiate client 20
  sleep 1
  finish phase2-mismatch
}

case_aggressive_mode() {
  nat_on
  mx_conf mx netlink; AGGR_OK=yes CL_AGGR=yes client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture aggressive-mode
  initiate client 20
  sleep 1
  finish aggressive-mode
}

case_ikev2_attempt() {
  nat_on
  mx_conf mx netlink; CL_VERSION=2 client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture ikev2-attempt
  initiate client 20
  sleep 1
  finish ikev2-attempt
}

case_esp_one_way() { # tunnel up, then the client's ESP-in-UDP never reaches the MX
  nat_on
  # ESP in UDP 4500 = a non-zero SPI where IKE has its zero non-ESP marker
  nat_drop ip saddr $CLIENT1 udp dport 4500 @th,64,32 != 0
  mx_conf mx libipsec; client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture esp-one-way
  initiate client 20
  nsx vd-mx ping -q -c 8 -i 0.5 -W 1 -I $MX_LAN $CLIENT1_INNER >/dev/null
  finish esp-one-way
}

case_esp_one_way_midway() { # tunnel up, ESP both ways; then the router drops the client's ESP
  nat_on
  mx_conf mx libipsec; client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture esp-one-way-midway
  initiate client 20
  tunnel_traffic
  nat_drop ip saddr $CLIENT1 udp dport 4500 @th,64,32 != 0
  nsx vd-mx ping -q -c 14 -i 0.5 -W 1 -I $MX_LAN $CLIENT1_INNER >/dev/null
  finish esp-one-way-midway
}

case_late_esp_one_way() { # as esp-one-way, but the capture starts after the negotiation
  nat_on
  nat_drop ip saddr $CLIENT1 udp dport 4500 @th,64,32 != 0
  mx_conf mx libipsec; KEEP_ALIVE=2s client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  initiate client 20
  sleep 1
  wan_capture late-esp-one-way
  nsx vd-mx ping -q -c 10 -i 0.5 -W 1 -I $MX_LAN $CLIENT1_INNER >/dev/null
  finish late-esp-one-way
}

case_multi_client() { # client 1 behind NAT succeeds; client 2 (routed, no NAT) has a wrong PSK
  nat_on
  mx_conf mx libipsec
  client_conf client libipsec
  CL_IP=$CLIENT2 CL_INNER=$CLIENT2_INNER CL_PSK=not-the-mx-psk client_conf client2 netlink
  charon_start vd-mx mx; charon_start vd-client client; charon_start vd-client2 client2
  wan_capture multi-client
  initiate client2 25 &
  local p2=$!
  sleep 0.5
  initiate client 20
  tunnel_traffic
  wait $p2
  sleep 1
  finish multi-client
}

# Two users behind one home router: both leave as 198.51.100.2, told apart only by the ports the
# router's masquerade gives them (the first keeps 500/4500, the second gets others).
two_users_up() { # two_users_up PSK2 : the MX and both users' charons, the router masquerading both
  nsx vd-nat nft add rule ip lab postrouting ip saddr 192.0.2.0/24 oifname nat-wan masquerade
  mx_conf mx libipsec
  client_conf client libipsec
  CL_IP=$CLIENT2 CL_INNER=$CLIENT2_INNER CL_PSK=$1 client_conf client2 libipsec
  charon_start vd-mx mx; charon_start vd-client client; charon_start vd-client2 client2
}
two_users_one_nat() { # two_users_one_nat CASE PSK2 : user 1 connects and pings, then user 2
  two_users_up "$2"
  wan_capture "$1"
  initiate client 20
  tunnel_traffic
  initiate client2 20
  nsx vd-client2 ping -q -c 3 -i 0.3 -W 1 -I $CLIENT2_INNER $MX_LAN >/dev/null
  tunnel_traffic
  finish "$1"
}
case_two_users_one_nat() { two_users_one_nat two-users-one-nat meraki-lab-psk; }
case_two_users_one_nat_second_wrong_psk() { two_users_one_nat two-users-one-nat-second-wrong-psk not-the-mx-psk; }
# User 1 connected before the capture; user 2 connects in it; then the MX pings user 1 first:
# user 1's tunnel is ESP alone, its first packet from the MX.
case_late_two_users_one_nat_mx_pings_first() {
  two_users_up meraki-lab-psk
  initiate client 20
  wan_capture late-two-users-one-nat-mx-pings-first
  initiate client2 20
  nsx vd-mx ping -q -c 3 -i 0.3 -W 1 -I $MX_LAN $CLIENT1_INNER >/dev/null
  finish late-two-users-one-nat-mx-pings-first
}
# Both connected before the capture; user 2's ESP never reaches the MX (dropped at the router):
# two tunnels on one address, ESP alone, one of them one-way.
case_late_two_users_one_nat_one_way() {
  nat_drop ip saddr $CLIENT2 udp dport 4500 @th,64,32 != 0
  two_users_up meraki-lab-psk
  initiate client 20
  initiate client2 20
  sleep 1
  wan_capture late-two-users-one-nat-one-way
  nsx vd-client ping -q -c 3 -i 0.3 -W 1 -I $CLIENT1_INNER $MX_LAN >/dev/null
  nsx vd-mx ping -q -c 6 -i 0.5 -W 1 -I $MX_LAN $CLIENT2_INNER >/dev/null
  finish late-two-users-one-nat-one-way
}
# Both connect before either sends: every ESP flow starts after both negotiations.
case_two_users_one_nat_quiet_first() {
  two_users_up meraki-lab-psk
  wan_capture two-users-one-nat-quiet-first
  initiate client 20
  initiate client2 20
  tunnel_traffic
  finish two-users-one-nat-quiet-first
}

# The home router forgets its NAT mapping mid-tunnel (a reboot, a conntrack flush) and maps the
# user's next packets to another port: ESP-in-UDP from a port the negotiation never used.
nat_rebind() { # nat_rebind [SOURCES] : the router's masquerade of SOURCES (client 1) moves to
  # ports 40000-40999 and its UDP mappings are dropped
  local from=${1:-$CLIENT1}
  nsx vd-nat nft flush chain ip lab postrouting
  nsx vd-nat nft add rule ip lab postrouting ip saddr "$from" oifname nat-wan ip protocol udp masquerade to :40000-40999
  nsx vd-nat nft add rule ip lab postrouting ip saddr "$from" oifname nat-wan masquerade
  nsx vd-nat conntrack -D -p udp >/dev/null 2>&1
}
nat_rebind_case() { # nat_rebind_case CASE : connect, ping both ways, rebind, ping, wait, ping
  nat_on
  mx_conf mx libipsec; KEEP_ALIVE=2s client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture "$1"
  initiate client 20
  tunnel_traffic
  nat_rebind
  tunnel_traffic
  sleep 3
  tunnel_traffic
  finish "$1"
}
case_nat_rebind_mid_tunnel() { nat_rebind_case nat-rebind-mid-tunnel; }
# The same, but the client runs DPD (every 2 s without inbound traffic): its R-U-THERE reaches
# the MX from the new port, and the MX moves the tunnel there.
case_nat_rebind_mx_follows() { DPD_DELAY=2s nat_rebind_case nat-rebind-mx-follows; }

# The MX restarts with the tunnel up (a reboot, a firmware upgrade): it forgets its SAs, the
# client, without DPD (as Windows' L2TP/IPsec client), keeps sending ESP into the void.
case_mx_restart_mid_tunnel() {
  nat_on
  mx_conf mx libipsec; client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture mx-restart-mid-tunnel
  initiate client 20
  tunnel_traffic
  local p
  for p in $(ip netns pids vd-mx); do [ "$(cat /proc/$p/comm)" = charon ] && kill -9 "$p"; done
  rm -f "$LAB/mx/charon.vici"
  sleep 1
  charon_start vd-mx mx
  nsx vd-client ping -q -c 16 -i 0.5 -W 1 -I $CLIENT1_INNER $MX_LAN >/dev/null
  finish mx-restart-mid-tunnel
}

# Two users behind one router that forgets its mappings: both tunnels move to new ports.
case_two_users_one_nat_rebind() {
  two_users_up meraki-lab-psk
  wan_capture two-users-one-nat-rebind
  initiate client 20
  initiate client2 20
  tunnel_traffic
  nsx vd-client2 ping -q -c 3 -i 0.3 -W 1 -I $CLIENT2_INNER $MX_LAN >/dev/null
  nat_rebind 192.0.2.0/24
  tunnel_traffic
  nsx vd-client2 ping -q -c 3 -i 0.3 -W 1 -I $CLIENT2_INNER $MX_LAN >/dev/null
  sleep 3
  tunnel_traffic
  nsx vd-client2 ping -q -c 3 -i 0.3 -W 1 -I $CLIENT2_INNER $MX_LAN >/dev/null
  finish two-users-one-nat-rebind
}

# ---- The MX behind a NAT of its own (an ISP router in front of its WAN port) --------------------
# Clients dial MX_PUBLIC, which vd-nat (here also the MX's upstream router) forwards to the MX's
# WAN address. The capture on the MX's WAN port sees that address, not the one the client hashed
# into NAT-D: both sides read as behind a NAT.
MX_PUBLIC=198.51.100.50
mx_forward() { # mx_forward PORTS : forward UDP PORTS ("{ 500, 4500 }" or "500") of MX_PUBLIC to the MX
  nsx vd-nat nft add chain ip lab prerouting '{ type nat hook prerouting priority dstnat; }'
  nsx vd-nat nft add rule ip lab prerouting ip daddr $MX_PUBLIC udp dport "$1" dnat to $MX_WAN
  # What the router does not forward, it drops (no host answers for MX_PUBLIC).
  nat_drop ip daddr $MX_PUBLIC
}

case_mx_behind_nat_success() { # client and MX each behind a NAT, 500 and 4500 forwarded: a tunnel
  nat_on
  mx_forward '{ 500, 4500 }'
  mx_conf mx libipsec; CL_REMOTE=$MX_PUBLIC client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture mx-behind-nat-success
  initiate client 20
  tunnel_traffic
  finish mx-behind-nat-success
}

case_mx_behind_nat_4500_not_forwarded() { # the MX's router forwards UDP 500 only
  nat_on
  mx_forward 500
  mx_conf mx netlink; CL_REMOTE=$MX_PUBLIC client_conf client netlink
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture mx-behind-nat-4500-not-forwarded
  initiate client 25
  sleep 2
  finish mx-behind-nat-4500-not-forwarded
}

# ---- Site-to-site cases (not Client VPN: contract v2's NOT_CLIENT_VPN) -------------------------

s2s_traffic() { # ESP both ways between the two LANs
  nsx vd-client ping -q -c 3 -i 0.3 -W 1 -I $S2S_LAN $MX_LAN >/dev/null
  nsx vd-mx ping -q -c 2 -i 0.3 -W 1 -I $MX_LAN $S2S_LAN >/dev/null
}

s2s_run() { # s2s_run CASE : branch gateway (vd-client) initiates to the head-end (vd-mx)
  nsx vd-client ip addr add $S2S_LAN/32 dev lo
  charon_start vd-mx peer-b; charon_start vd-client peer-a
  wan_capture "$1"
  swan peer-a initiate --child lan --timeout 20 >"$LAB/peer-a/initiate.out" 2>&1
}


case_ikev2_site_to_site() { # IKEv2, both sides strongSwan with kernel-libipsec: a working tunnel
  s2s_conf peer-b libipsec responder; s2s_conf peer-a libipsec initiator
  s2s_run ikev2-site-to-site
  s2s_traffic
  finish ikev2-site-to-site
}

case_ikev2_site_to_site_wrong_psk() { # IKEv2, the head-end has another PSK: IKE_AUTH fails
  S2S_PSK=not-the-branch-psk s2s_conf peer-b netlink responder; s2s_conf peer-a netlink initiator
  s2s_run ikev2-site-to-site-wrong-psk
  # nothing follows the failed IKE_AUTH; 3 s later the branch pings the head-end's WAN address,
  # so the capture shows it was still running (and the path still open) long after
  sleep 3
  nsx vd-client ping -q -c 1 -W 1 $MX_WAN >/dev/null
  finish ikev2-site-to-site-wrong-psk
}

case_ikev1_site_to_site() { # IKEv1 main mode with subnet selectors, kernel-libipsec, ESP both ways
  S2S_VERSION=1 S2S_IKE=aes128-sha1-modp1024 S2S_ESP=aes128-sha1 s2s_conf peer-b libipsec responder
  S2S_VERSION=1 S2S_IKE=aes128-sha1-modp1024 S2S_ESP=aes128-sha1 s2s_conf peer-a libipsec initiator
  s2s_run ikev1-site-to-site
  s2s_traffic
  finish ikev1-site-to-site
}

# The MX opens a site-to-site tunnel of its own while it answers a Client VPN user: one charon on
# the MX with both connections (as one MX has both). It initiates IKEv1 main mode towards the
# branch gateway 192.0.2.10, which has another PSK (fails at main mode 5); half a second later
# client 2 (192.0.2.20, routed) connects to the MX's Client VPN and sends ESP both ways.
case_mx_opens_site_to_site_beside_client() {
  mx_conf mx libipsec
  cat >>"$LAB/mx/swanctl.conf" <<EOF2
connections {
  s2s {
    version = 1
    local_addrs = $MX_WAN
    remote_addrs = $CLIENT1
    proposals = aes128-sha1-modp1024
    local {
      auth = psk
      id = $MX_WAN
    }
    remote {
      auth = psk
      id = $CLIENT1
    }
    children {
      lan {
        local_ts = 203.0.113.0/24
        remote_ts = 192.0.2.128/25
        esp_proposals = aes128-sha1
        mode = tunnel
      }
    }
  }
}
secrets {
  ike-branch {
    id = $CLIENT1
    secret = "site-to-site-lab-psk"
  }
}
EOF2
  S2S_VERSION=1 S2S_IKE=aes128-sha1-modp1024 S2S_ESP=aes128-sha1 S2S_PSK=not-the-mx-psk s2s_conf peer-a netlink initiator
  CL_IP=$CLIENT2 CL_INNER=$CLIENT2_INNER client_conf client2 libipsec
  nsx vd-client ip addr add $S2S_LAN/32 dev lo
  charon_start vd-mx mx; charon_start vd-client peer-a; charon_start vd-client2 client2
  wan_capture mx-opens-site-to-site-beside-client
  swan mx initiate --child lan --timeout 20 >"$LAB/mx/initiate.out" 2>&1 &
  local p=$!
  sleep 0.5
  initiate client2 20
  nsx vd-client2 ping -q -c 3 -i 0.3 -W 1 -I $CLIENT2_INNER $MX_LAN >/dev/null
  nsx vd-mx ping -q -c 2 -i 0.3 -W 1 -I $MX_LAN $CLIENT2_INNER >/dev/null
  wait $p
  sleep 1
  finish mx-opens-site-to-site-beside-client
}

case_late_mx_renews_client_phase1() { # client behind NAT connects; the capture starts after, then
  # the MX itself re-authenticates the client's IKE SA (a new main mode the MX opens). Known limit:
  # made into test/fixtures/known-limits.
  nat_on
  mx_conf mx libipsec; KEEP_ALIVE=2s client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  initiate client 20
  sleep 1
  wan_capture late-mx-renews-client-phase1
  swan mx rekey --ike clientvpn --reauth >"$LAB/mx/rekey.out" 2>&1
  sleep 3
  tunnel_traffic
  finish late-mx-renews-client-phase1
}

case_success_mx_reauth() { # client behind NAT connects in the capture; then the MX itself
  # re-authenticates the client's IKE SA (a new main mode the MX opens, UDP 4500 -> the client's
  # NAT mapping); the client adopts the tunnel's SAs, ESP goes on.
  nat_on
  mx_conf mx libipsec; KEEP_ALIVE=2s client_conf client libipsec
  charon_start vd-mx mx; charon_start vd-client client
  wan_capture success-mx-reauth
  initiate client 20
  tunnel_traffic
  sleep 1
  swan mx rekey --ike clientvpn --reauth >"$LAB/mx/rekey.out" 2>&1
  sleep 2
  tunnel_traffic
  sleep 1
  finish success-mx-reauth
}

case_late_mx_renews_client_phase1_no_nat() { # as late-mx-renews-client-phase1, but client 1 is
  # routed (no NAT), and client 2 connects during the capture, so the MX answers another host's IKE
  # in it (a gateway by its bytes). libipsec floats every negotiation to UDP 4500 (LAB-NOTES.md),
  # so the MX's new main mode still goes 4500 -> 4500. Made into test/fixtures/known-limits.
  mx_conf mx libipsec; client_conf client libipsec
  CL_IP=$CLIENT2 CL_INNER=$CLIENT2_INNER client_conf client2 libipsec
  charon_start vd-mx mx; charon_start vd-client client; charon_start vd-client2 client2
  initiate client 20
  sleep 1
  wan_capture late-mx-renews-client-phase1-no-nat
  swan mx rekey --ike clientvpn --reauth >"$LAB/mx/rekey.out" 2>&1
  sleep 2
  initiate client2 20
  tunnel_traffic
  nsx vd-client2 ping -q -c 2 -i 0.3 -W 1 -I $CLIENT2_INNER $MX_LAN >/dev/null
  sleep 1
  finish late-mx-renews-client-phase1-no-nat
}


# ---- L2TP without IPsec (xl2tpd, contract v2's L2TP_WITHOUT_IPSEC) ----------------------------

# l2tp_start NS NAME ROLE(lac|lns) : xl2tpd in the foreground with its own config and control file
l2tp_start() {
  local ns=$1 name=$2 role=$3 dir=$LAB/$2
  rm -rf "$dir"; mkdir -p "$dir"
  printf 'noauth\nnodefaultroute\nnoipdefault\nlcp-echo-interval 0\n' >"$dir/options"
  if [ "$role" = lac ]; then
    cat >"$dir/xl2tpd.conf" <<EOF2
[global]
port = 1701
[lac mx]
lns = $MX_WAN
autodial = yes
redial = no
hostname = win-lab
pppoptfile = $dir/options
EOF2
  else
    cat >"$dir/xl2tpd.conf" <<EOF2
[global]
listen-addr = $MX_WAN
port = 1701
[lns default]
ip range = 192.0.2.240-192.0.2.250
local ip = 192.0.2.254
hostname = mx-lab
require authentication = no
pppoptfile = $dir/options
EOF2
  fi
  ip netns exec "$ns" xl2tpd -D -c "$dir/xl2tpd.conf" -p "$dir/xl2tpd.pid" -C "$dir/l2tp-control" >"$dir/xl2tpd.log" 2>&1 &
  PIDS+=($!)
}

case_l2tp_clear() { # Windows' "L2TP without IPsec": SCCRQ to UDP 1701 in clear; the MX drops it
  nat_on
  mx_drop udp dport 1701
  wan_capture l2tp-clear
  l2tp_start vd-client lac lac
  sleep 12
  cp "$LAB/lac/xl2tpd.log" "$LAB/l2tp-clear.xl2tpd.log"
  finish l2tp-clear
}

case_l2tp_clear_answered() { # the same client, but something on the MX answers L2TP in clear
  nat_on
  l2tp_start vd-mx lns lns
  sleep 1
  wan_capture l2tp-clear-answered
  l2tp_start vd-client lac lac
  sleep 64   # the call fails (no PPP in this kernel); the tunnel stays up idle until xl2tpd's Hello at 60 s
  cp "$LAB/lac/xl2tpd.log" "$LAB/l2tp-clear-answered.lac.log"; cp "$LAB/lns/xl2tpd.log" "$LAB/l2tp-clear-answered.lns.log"
  finish l2tp-clear-answered
}

# ---- Derived cases: real captures above, cut, damaged, snapped or merged: derived-cases.sh -----
. ./derived-cases.sh

# ---- LAN cases (authentication servers; the MX namespace is the client): lan-cases.sh --------
. ./lan-cases.sh

ALL="success-nat-t success-no-nat success-dpd-delete success-rekeys success-mx-reauth no-ike mx-no-answer mx-not-listening client-no-replies wrong-psk-nat wrong-psk-no-nat
udp4500-blocked udp4500-blocked-client-side wrong-psk-router-any ke-replies-lost qm-replies-lost phase1-mismatch phase2-mismatch aggressive-mode ikev2-attempt esp-one-way multi-client two-users-one-nat two-users-one-nat-second-wrong-psk two-users-one-nat-quiet-first late-two-users-one-nat-mx-pings-first late-two-users-one-nat-one-way
late-esp-one-way ikev2-site-to-site ikev2-site-to-site-wrong-psk ikev1-site-to-site mx-opens-site-to-site-beside-client l2tp-clear l2tp-clear-answered
radius-accept radius-reject radius-no-answer dns-ok dns-fail dns-no-answer dns-no-answer-glibc dns-no-answer-dnsmasq
ad-tls-ok ad-tls-fail
cut-success-nat-t-after-mm4 cut-success-after-mm6 cut-phase2-mismatch-after-qm1 cut-wrong-psk-nat-after-mm5
cut-wrong-psk-nat-first-answer cut-mx-no-answer-single-mm1 cut-esp-one-way-single-esp cut-esp-one-way-after-qm3
late-ke-replies-lost late-wrong-psk-nat cut-dns-no-answer-after-query cut-late-esp-one-way-first-second late-dpd-only
merged-two-clients site-to-site-beside-client site-to-site-failing-beside-client
damaged-wrong-psk-record8 damaged-wrong-psk-record12 damaged-unknown-linktype
snaplen68-wrong-psk-nat snaplen96-wrong-psk-nat snaplen96-udp4500-blocked snaplen96-udp4500-blocked-client-side
snaplen68-dns-no-answer snaplen300-ad-tls-ok snaplen128-anyconnect-wrong-password snaplen600-anyconnect-tls13-wrong-password
cut-ad-tls-ok-before-server-finished cut-radius-accept-after-request
late-ikev2-site-to-site-after-sa-init late-success-from-qm3 late-libreswan-phase2-mismatch-from-mm4 late-anyconnect-two-users-one-nat
late-ad-tls-ok-mid-stream late-mx-opens-site-to-site-from-mm2 late-success-rekeys
late-two-users-one-nat late-two-users-one-nat-second-wrong-psk"
# Not in ALL: late-mx-renews-client-phase1(-no-nat) and late-mx-opens-site-to-site-mm5-repeats are made
# into test/fixtures/known-limits (give it as OUTDIR; see its README).
# (the derived cases, cut-… late-ke/late-wrong-psk merged-… damaged-… snaplen…, come last: they
# read the captures made above; the snaplen…-anyconnect ones those of make-anyconnect-captures.sh)

run_cases "$@"
