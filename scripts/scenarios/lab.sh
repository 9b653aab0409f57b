# shellcheck shell=bash
# Lab plumbing shared by make-captures.sh: namespaces, veths, NAT, charon instances, captures.
# Sourced, not run. Everything lives in netns named vd-* and in $LAB (a scratch dir).
#
# Topology (documentation ranges only; nothing is routed out of the namespaces):
#
#   vd-client  192.0.2.10 --+
#                           +-- br-lan 192.0.2.1 [vd-nat] 198.51.100.2 ---- 198.51.100.1 [vd-mx] 203.0.113.1 ---- 203.0.113.10 [vd-auth]
#   vd-client2 192.0.2.20 --+        (masquerade of 192.0.2.10        (WAN: mx-wan,                (LAN: mx-lan)
#                                     only when NAT is switched on)    captured)
#
# vd-nat is the client's home router and the whole "internet" at once: with NAT on, 192.0.2.10
# leaves as 198.51.100.2; without it, 192.0.2.0/24 is simply routed (the MX has a route back).

LAB=${LAB:-/tmp/vd-lab}
NS_ALL="vd-client vd-client2 vd-nat vd-mx vd-auth"
MX_WAN=198.51.100.1
NAT_WAN=198.51.100.2
CLIENT1=192.0.2.10
CLIENT2=192.0.2.20
CLIENT1_INNER=192.0.2.100   # tunnel-inner addresses (on lo), see client_conf
CLIENT2_INNER=192.0.2.200
MX_LAN=203.0.113.1
AUTH=203.0.113.10
PIDS=()

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

veth() { # veth NS1 IF1 NS2 IF2
  ip link add "$2" netns "$1" type veth peer name "$4" netns "$3"
  nsx "$1" ethtool -K "$2" tx off >/dev/null
  nsx "$3" ethtool -K "$4" tx off >/dev/null
  nsx "$1" ip link set "$2" up
  nsx "$3" ip link set "$4" up
}

lab_up() {
  lab_down
  mkdir -p "$LAB"
  # Daemon directories of the case before: finish must keep only this case's logs.
  local d
  for d in "$LAB"/*/; do
    if [ -f "$d/strongswan.conf" ] || [ -f "$d/ipsec.conf" ]; then rm -rf "$d"; fi
  done
  local ns
  for ns in $NS_ALL; do
    ip netns add "$ns"
    nsx "$ns" ip link set lo up
    nsx "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
  nsx vd-nat ip link add br-lan type bridge
  nsx vd-nat ip link set br-lan up
  nsx vd-nat ip addr add 192.0.2.1/24 dev br-lan
  veth vd-client c-lan vd-nat c1-port
  veth vd-client2 c-lan vd-nat c2-port
  nsx vd-nat ip link set c1-port master br-lan
  nsx vd-nat ip link set c2-port master br-lan
  nsx vd-nat ethtool -K br-lan tx off >/dev/null
  nsx vd-client ip addr add $CLIENT1/24 dev c-lan
  nsx vd-client ip route add default via 192.0.2.1
  nsx vd-client ip addr add $CLIENT1_INNER/32 dev lo
  nsx vd-client2 ip addr add $CLIENT2/24 dev c-lan
  nsx vd-client2 ip route add default via 192.0.2.1
  nsx vd-client2 ip addr add $CLIENT2_INNER/32 dev lo
  veth vd-nat nat-wan vd-mx mx-wan
  nsx vd-nat ip addr add $NAT_WAN/24 dev nat-wan
  nsx vd-mx ip addr add $MX_WAN/24 dev mx-wan
  nsx vd-mx ip route add 192.0.2.0/24 via $NAT_WAN
  veth vd-mx mx-lan vd-auth auth-lan
  nsx vd-mx ip addr add $MX_LAN/24 dev mx-lan
  nsx vd-auth ip addr add $AUTH/24 dev auth-lan
  nsx vd-auth ip route add default via $MX_LAN
  nsx vd-nat sysctl -qw net.ipv4.ip_forward=1
  nsx vd-mx sysctl -qw net.ipv4.ip_forward=1
  # Each namespace has its own ruleset; the tables exist so cases can add rules.
  nsx vd-nat nft -f - <<'EOF'
table ip lab {
  chain postrouting { type nat hook postrouting priority srcnat; }
  chain forward { type filter hook forward priority filter; }
}
EOF
  nsx vd-mx nft -f - <<'EOF'
table ip lab {
  chain input { type filter hook input priority filter; }
}
EOF
}

nat_on() { # masquerade client 1 only (client 2 stays routed, for multi-client)
  nsx vd-nat nft add rule ip lab postrouting ip saddr $CLIENT1 oifname nat-wan masquerade
}
nat_drop() { nsx vd-nat nft add rule ip lab forward "$@" drop; }
mx_drop() { nsx vd-mx nft add rule ip lab input "$@" drop; }

stop_pids() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.3; done
    kill -9 "$p" 2>/dev/null
  done
  PIDS=()
}

# wan_capture CASE : start a capture on the MX WAN port into OUT/CASE/capture.pcap
wan_capture() { mkdir -p "$OUT/$1"; capture_start vd-mx mx-wan "$OUT/$1/capture.pcap"; }
lan_capture() { mkdir -p "$OUT/$1"; capture_start vd-mx mx-lan "$OUT/$1/capture.pcap"; }

# finish CASE : stop capture and daemons, keep each daemon's log (charon's, or pluto's output) for
# the README in $LAB/logs/CASE, and start a fresh lab
finish() {
  capture_stop
  stop_pids
  mkdir -p "$LAB/logs/$1"
  local d n
  for d in "$LAB"/*/; do
    n=$(basename "$d")
    [ "$n" = logs ] && continue
    if [ -f "$d/charon.log" ]; then cp "$d/charon.log" "$LAB/logs/$1/$n.log"; fi
    if [ -f "$d/ipsec.conf" ]; then cp "$d/stdout" "$LAB/logs/$1/$n.log"; fi
  done
  rm -f "$OUT/$1/capture.pcap.log"
  lab_up
}

initiate() { # initiate NAME SECONDS : the strongSwan client NAME brings up its `l2tp` child
  swan "$1" initiate --child l2tp --timeout "$2" >"$LAB/$1/initiate.out" 2>&1
}

cut() { # cut SOURCE CASE RANGE : OUT/CASE/capture.pcap = frames RANGE of OUT/SOURCE/capture.pcap
  mkdir -p "$OUT/$2"
  editcap -r "$OUT/$1/capture.pcap" "$OUT/$2/capture.pcap" "$3"
}

# run_cases [case …] : the named cases (default: all of $ALL), each as function case_<name>, in a
# fresh lab, which is taken down on exit
run_cases() {
  trap 'lab_down' EXIT
  lab_up
  local c
  for c in ${*:-$ALL}; do
    echo "== $c"
    "case_${c//-/_}"
  done
}

lab_down() {
  stop_pids
  local ns
  for ns in $NS_ALL; do
    ip netns pids "$ns" 2>/dev/null | while read -r p; do kill "$p" 2>/dev/null; done
  done
  sleep 0.5
  for ns in $NS_ALL; do ip netns del "$ns" 2>/dev/null; done
  return 0
}

# charon_conf NAME BACKEND  -> writes $LAB/NAME/strongswan.conf
# BACKEND: libipsec (userspace ESP, needed to carry traffic) or netlink (IKE only; the kernel here
# has no ESP, so no CHILD_SA could be installed, but NAT-D hashes are then real, not faked).
# Retransmissions are faster than strongSwan's defaults (4 s, x1.8, 5 tries) so cases stay short;
# RETRANSMIT_TIMEOUT/BASE/TRIES=4/1.8/5 give the defaults a real deployment has.
charon_conf() {
  local name=$1 backend=$2 dir=$LAB/$1 kplug
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$backend" = libipsec ]; then kplug="kernel-libipsec kernel-netlink"; else kplug="kernel-netlink"; fi
  cat >"$dir/strongswan.conf" <<EOF
charon {
  load = random nonce openssl aes sha1 sha2 md5 hmac kdf gmp $kplug socket-default vici
  install_routes = yes
  send_vendor_id = yes
  retransmit_timeout = ${RETRANSMIT_TIMEOUT:-2}
  retransmit_base = ${RETRANSMIT_BASE:-1.4}
  retransmit_tries = ${RETRANSMIT_TRIES:-3}
  keep_alive = ${KEEP_ALIVE:-20s}
  i_dont_care_about_security_and_use_aggressive_mode_psk = ${AGGR_OK:-no}
  filelog {
    log {
      path = $dir/charon.log
      time_format = %H:%M:%S
      default = 1
      ike = 2
      net = 2
      cfg = 2
    }
  }
  plugins {
    vici {
      socket = unix://$dir/charon.vici
    }
  }
}
swanctl {
  socket = unix://$dir/charon.vici
}
EOF
}

# charon_start NS NAME : own mount namespace (pid file in a private /run), own strongswan.conf
charon_start() {
  local ns=$1 name=$2 dir=$LAB/$2
  STRONGSWAN_CONF=$dir/strongswan.conf ip netns exec "$ns" unshare -m --propagation private \
    sh -c 'mount -t tmpfs none /run && exec /usr/lib/ipsec/charon' >"$dir/stdout" 2>&1 &
  PIDS+=($!)
  local i
  for i in $(seq 1 50); do [ -S "$dir/charon.vici" ] && break; sleep 0.1; done
  swan "$name" load-all --file "$dir/swanctl.conf" >"$dir/load.out" 2>&1 || { cat "$dir/load.out"; return 1; }
}

swan() { # swan NAME CMD [args]
  local name=$1 cmd=$2; shift 2
  STRONGSWAN_CONF=$LAB/$name/strongswan.conf swanctl --"$cmd" --uri "unix://$LAB/$name/charon.vici" "$@"
}

# capture_start NS IF FILE
capture_start() {
  ip netns exec "$1" tcpdump -Z root -i "$2" -s 0 -U -w "$3" >"$3.log" 2>&1 &
  PIDS+=($!)
  CAPPID=$!
  sleep 1
}
capture_stop() {
  sleep 1
  kill -INT "$CAPPID" 2>/dev/null
  wait "$CAPPID" 2>/dev/null
}

# The MX-like responder: IKEv1 main mode, PSK, 3DES/AES128/AES256 with SHA1 and MODP1024;
# ESP AES-128/3DES with SHA1, no PFS. Overrides: MX_PSK, MX_ESP, MX_IKE (phase 1 proposals).
mx_conf() {
  local name=${1:-mx} backend=${2:-libipsec}
  charon_conf "$name" "$backend"
  cat >"$LAB/$name/swanctl.conf" <<EOF2
connections {
  clientvpn {
    version = 1
    aggressive = no
    dpd_delay = ${DPD_DELAY:-0s}
    local_addrs = $MX_WAN
    proposals = ${MX_IKE:-3des-sha1-modp1024,aes128-sha1-modp1024,aes256-sha1-modp1024}
    local {
      auth = psk
      id = $MX_WAN
    }
    remote {
      auth = psk
    }
    children {
      l2tp {
        local_ts = $MX_LAN/32
        remote_ts = 192.0.2.0/24
        esp_proposals = ${MX_ESP:-aes128-sha1,3des-sha1}
        mode = tunnel
      }
    }
  }
}
secrets {
  ike-any {
    secret = "${MX_PSK:-meraki-lab-psk}"
  }
}
EOF2
}

# The Windows-like initiator: offers AES256/AES128/3DES with SHA1 and MODP2048/1024 like Windows'
# L2TP/IPsec policy. Overrides: CL_REMOTE (the address dialled), CL_PSK, CL_IKE, CL_ESP, CL_AGGR (yes/no), CL_VERSION (1/2), CL_IP,
# CL_INNER. The tunnel carries CL_INNER/32 <-> MX LAN address: an inner address apart from the IKE
# address, because libipsec routes the remote TS into its TUN device and refuses a route that
# would swallow the IKE traffic itself (no-NAT case: "conflicts with IKE traffic").
client_conf() {
  local name=${1:-client} backend=${2:-libipsec} ip=${CL_IP:-$CLIENT1} inner=${CL_INNER:-$CLIENT1_INNER}
  charon_conf "$name" "$backend"
  cat >"$LAB/$name/swanctl.conf" <<EOF2
connections {
  win {
    version = ${CL_VERSION:-1}
    aggressive = ${CL_AGGR:-no}
    dpd_delay = ${DPD_DELAY:-0s}
    remote_addrs = ${CL_REMOTE:-$MX_WAN}
    proposals = ${CL_IKE:-aes256-sha1-modp2048,aes128-sha1-modp2048,3des-sha1-modp2048,aes256-sha1-modp1024,aes128-sha1-modp1024,3des-sha1-modp1024}
    local {
      auth = psk
      id = $ip
    }
    remote {
      auth = psk
      id = $MX_WAN
    }
    children {
      l2tp {
        local_ts = $inner/32
        remote_ts = $MX_LAN/32
        esp_proposals = ${CL_ESP:-aes128-sha1,3des-sha1}
        mode = tunnel
      }
    }
  }
}
secrets {
  ike-mx {
    id = $MX_WAN
    secret = "${CL_PSK:-meraki-lab-psk}"
  }
}
EOF2
}

# Site-to-site peers (not Client VPN): a branch gateway in vd-client (WAN 192.0.2.10, its LAN
# 192.0.2.128/25 represented by S2S_LAN on lo) and a head-end in vd-mx (LAN 203.0.113.0/24).
# s2s_conf NAME BACKEND ROLE(initiator|responder); overrides: S2S_VERSION (1/2), S2S_PSK,
# S2S_IKE, S2S_ESP.
S2S_LAN=192.0.2.129
s2s_conf() {
  local name=$1 backend=$2 role=$3 me peer lts rts
  if [ "$role" = initiator ]; then
    me=$CLIENT1; peer=$MX_WAN; lts=192.0.2.128/25; rts=203.0.113.0/24
  else
    me=$MX_WAN; peer=$CLIENT1; lts=203.0.113.0/24; rts=192.0.2.128/25
  fi
  charon_conf "$name" "$backend"
  cat >"$LAB/$name/swanctl.conf" <<EOF2
connections {
  s2s {
    version = ${S2S_VERSION:-2}
    local_addrs = $me
    remote_addrs = $peer
    proposals = ${S2S_IKE:-aes256-sha256-modp2048}
    local {
      auth = psk
      id = $me
    }
    remote {
      auth = psk
      id = $peer
    }
    children {
      lan {
        local_ts = $lts
        remote_ts = $rts
        esp_proposals = ${S2S_ESP:-aes256-sha256}
        mode = tunnel
      }
    }
  }
}
secrets {
  ike-peer {
    id = $peer
    secret = "${S2S_PSK:-site-to-site-lab-psk}"
  }
}
EOF2
}
