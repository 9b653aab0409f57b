# shellcheck shell=bash
# Lab plumbing shared by make-anyconnect-captures.sh: namespaces, veths, NAT, a private PKI,
# ocserv (the MX's AnyConnect server) and openconnect (the client), captures.
# Sourced, not run. Everything lives in netns named ac-* and in $AC_LAB (a scratch dir); the IKE
# lab (lab.sh, vd-*) may run at the same time and is never touched.
#
# Topology (documentation ranges only; nothing is routed out of the namespaces):
#
#   ac-client 192.0.2.50 ---- 192.0.2.254 [ac-nat] 198.51.100.60 ---- 198.51.100.10 [ac-mx]
#   ac-client2 192.0.2.51 ---/ (masquerade of 192.0.2.0/24   (WAN: mx-wan, captured; ocserv on
#                            only when NAT is switched on)  TCP+UDP 443, pool 203.0.113.0/24)
#
# ac-nat is the client's home router and the whole "internet" at once: with NAT on, 192.0.2.50
# leaves as 198.51.100.60; without it, 192.0.2.0/24 is simply routed (the MX has a route back).

AC_LAB=${AC_LAB:-/tmp/ac-lab}
AC_NS="ac-client ac-client2 ac-nat ac-mx"
MX_WAN=198.51.100.10
NAT_WAN=198.51.100.60
CLIENT=192.0.2.50
CLIENT2=192.0.2.51          # a second user, for the cases with two clients at once
NAT_LAN=192.0.2.254
MX_NAME=vpn.example.com     # the name the client connects to (SNI) and the certificates carry
USER_NAME=alice
USER_PASS=Correct-Horse-7
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
  mkdir -p "$AC_LAB"
  local ns
  for ns in $AC_NS; do
    ip netns add "$ns"
    nsx "$ns" ip link set lo up
    nsx "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
  veth ac-client c-lan ac-nat nat-lan
  nsx ac-client ip addr add $CLIENT/24 dev c-lan
  nsx ac-client ip route add default via $NAT_LAN
  nsx ac-nat ip addr add $NAT_LAN/24 dev nat-lan
  # The second client on a link of its own, reached by a host route (ac-nat answers ARP for
  # 192.0.2.254 on either link).
  veth ac-client2 c-lan ac-nat nat-lan2
  nsx ac-client2 ip addr add $CLIENT2/32 dev c-lan
  nsx ac-client2 ip route add $NAT_LAN dev c-lan
  nsx ac-client2 ip route add default via $NAT_LAN
  nsx ac-nat ip route add $CLIENT2/32 dev nat-lan2
  veth ac-nat nat-wan ac-mx mx-wan
  nsx ac-nat ip addr add $NAT_WAN/24 dev nat-wan
  nsx ac-mx ip addr add $MX_WAN/24 dev mx-wan
  nsx ac-mx ip route add 192.0.2.0/24 via $NAT_WAN
  nsx ac-nat sysctl -qw net.ipv4.ip_forward=1
  # Each namespace has its own ruleset; the tables exist so cases can add rules.
  nsx ac-nat nft -f - <<'EOF'
table ip aclab {
  chain postrouting { type nat hook postrouting priority srcnat; }
  chain forward { type filter hook forward priority filter; }
}
EOF
  nsx ac-mx nft -f - <<'EOF'
table ip aclab {
  chain input { type filter hook input priority filter; }
}
EOF
}

nat_on() { nsx ac-nat nft add rule ip aclab postrouting ip saddr 192.0.2.0/24 oifname nat-wan masquerade; }
mx_drop() { nsx ac-mx nft add rule ip aclab input "$@" drop; }

stop_pids() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.3; done
    kill -9 "$p" 2>/dev/null
  done
  PIDS=()
}

lab_down() {
  stop_pids
  local ns
  for ns in $AC_NS; do
    ip netns pids "$ns" 2>/dev/null | while read -r p; do kill "$p" 2>/dev/null; done
  done
  sleep 0.5
  for ns in $AC_NS; do ip netns del "$ns" 2>/dev/null; done
  return 0
}

# ---- private PKI (openssl) -------------------------------------------------------------------
# root CA -> intermediate CA -> server certificates, with fixed validity dates so a rerun makes
# certificates like the committed ones (the "good" server certificate is valid 2026-11-01 to
# 2027-11-01: rerun before it expires, or move the dates).
#   good.pem     leaf + intermediate (chain of 2, what a well-configured MX sends)
#   good-leaf.pem  the good leaf alone (no intermediate: chain of 1)
#   expired.pem  leaf (valid 2025-06-01 .. 2026-06-01) + intermediate
#   self.pem     self-signed leaf (chain of 1), trusted by nobody; valid one year from the run
pki_make() {
  local d=$AC_LAB/pki
  [ -f "$d/good.pem" ] && return 0
  rm -rf "$d"; mkdir -p "$d/db"
  : >"$d/db/index.txt"; echo 1000 >"$d/db/serial"
  cat >"$d/ca.cnf" <<EOF
[ca]
default_ca = lab
[lab]
dir = $d/db
database = $d/db/index.txt
serial = $d/db/serial
new_certs_dir = $d/db
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
countryName = optional
[v3_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_server]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$MX_NAME
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
  local q=(-config "$d/ca.cnf" -batch -notext)
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/root.key" -out "$d/root.pem" -days 3650 \
    -subj "/O=Example Lab/CN=Example Lab Root CA" -addext "basicConstraints=critical,CA:true" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" >/dev/null 2>&1
  openssl req -new -newkey rsa:2048 -nodes -keyout "$d/int.key" -out "$d/int.csr" \
    -subj "/O=Example Lab/CN=Example Lab Issuing CA 1" >/dev/null 2>&1
  openssl ca "${q[@]}" -cert "$d/root.pem" -keyfile "$d/root.key" -extensions v3_ca \
    -startdate 20250101000000Z -enddate 20351231000000Z -in "$d/int.csr" -out "$d/int.pem" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -keyout "$d/server.key" -out "$d/server.csr" \
    -subj "/O=Example Lab/CN=$MX_NAME" >/dev/null 2>&1
  openssl ca "${q[@]}" -cert "$d/int.pem" -keyfile "$d/int.key" -extensions v3_server \
    -startdate 20261101000000Z -enddate 20271101000000Z -in "$d/server.csr" -out "$d/good-leaf.pem" 2>/dev/null
  openssl ca "${q[@]}" -cert "$d/int.pem" -keyfile "$d/int.key" -extensions v3_server \
    -startdate 20250601000000Z -enddate 20260601000000Z -in "$d/server.csr" -out "$d/expired-leaf.pem" 2>/dev/null
  cat "$d/good-leaf.pem" "$d/int.pem" >"$d/good.pem"
  cat "$d/expired-leaf.pem" "$d/int.pem" >"$d/expired.pem"
  openssl req -x509 -key "$d/server.key" -out "$d/self.pem" -days 365 -subj "/O=Example Lab/CN=$MX_NAME" \
    -addext "subjectAltName=DNS:$MX_NAME" >/dev/null 2>&1
  [ -s "$d/good-leaf.pem" ] && [ -s "$d/expired-leaf.pem" ] && [ -s "$d/self.pem" ] || { echo "PKI failed" >&2; return 1; }
}

# wrong-name.pem: a valid leaf from the same CA for another name (CN and SAN other.example.net,
# valid 2026-11-01 to 2027-11-01) + intermediate, as when a certificate made for another host is
# uploaded. Made on its own, so an existing PKI gains it without changing the other certificates.
pki_wrong_name() {
  local d=$AC_LAB/pki
  [ -f "$d/wrong-name.pem" ] && return 0
  printf '[v3_other]\nbasicConstraints = CA:false\nkeyUsage = critical,digitalSignature,keyEncipherment\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:other.example.net\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n' >"$d/other.cnf"
  openssl req -new -key "$d/server.key" -out "$d/other.csr" -subj "/O=Example Lab/CN=other.example.net" >/dev/null 2>&1
  openssl ca -config "$d/ca.cnf" -batch -notext -cert "$d/int.pem" -keyfile "$d/int.key" -extfile "$d/other.cnf" \
    -extensions v3_other -startdate 20261101000000Z -enddate 20271101000000Z -in "$d/other.csr" \
    -out "$d/wrong-name-leaf.pem" 2>/dev/null
  [ -s "$d/wrong-name-leaf.pem" ] || { echo "PKI (wrong name) failed" >&2; return 1; }
  cat "$d/wrong-name-leaf.pem" "$d/int.pem" >"$d/wrong-name.pem"
}

# ---- ocserv (the MX) -------------------------------------------------------------------------
# ocserv_start CERT [extra config lines...] : ocserv on 198.51.100.10 TCP+UDP 443, plain password
# auth, cisco-client-compat (TLS 1.2, the certificate in clear), dtls-psk off (DTLS starts the
# Cisco way: DTLS 1.2 ClientHello with the 32-byte session ID the TLS channel handed out).
# OC_DTLS_PSK=true: ocserv's own default (Debian's ocserv.conf leaves dtls-psk unset), which
# openconnect takes (PSK-NEGOTIATE: DTLS keyed from the TLS channel). OC_TLS13=true: TLS 1.3 allowed
# (the certificate is encrypted then). AC_PORT: the AnyConnect port (443 unless a case moves it).
# OC_AUTH: ocserv's auth line (default plain password); "certificate" needs ca-cert among the
# extra lines.
ocserv_start() {
  local cert=$1 d=$AC_LAB/ocserv tls13=-VERS-TLS1.3; shift
  [ "${OC_TLS13:-false}" = true ] && tls13=+VERS-TLS1.3
  rm -rf "$d"; mkdir -p "$d"
  printf '%s\n%s\n' "$USER_PASS" "$USER_PASS" | ocpasswd -c "$d/passwd" "$USER_NAME"
  {
    cat <<EOF
auth = "${OC_AUTH:-plain[passwd=$d/passwd]}"
listen-host = $MX_WAN
tcp-port = ${AC_PORT:-443}
udp-port = ${AC_PORT:-443}
run-as-user = ocserv
run-as-group = ocserv
socket-file = $d/ocserv-socket
server-cert = $AC_LAB/pki/$cert
server-key = $AC_LAB/pki/server.key
isolate-workers = false
max-clients = 8
max-same-clients = 4
rate-limit-ms = 0
keepalive = 30
dpd = 60
mobile-dpd = 300
switch-to-tcp-timeout = 25
try-mtu-discovery = false
tls-priorities = "NORMAL:%SERVER_PRECEDENCE:%COMPAT:-VERS-SSL3.0:-VERS-TLS1.0:-VERS-TLS1.1:$tls13"
auth-timeout = 60
min-reauth-time = 1
max-ban-score = 0
cookie-timeout = 300
deny-roaming = false
rekey-time = 172800
rekey-method = ssl
use-occtl = false
pid-file = $d/ocserv.pid
log-level = 2
device = vpns
predictable-ips = true
default-domain = example.com
ipv4-network = 203.0.113.0
ipv4-netmask = 255.255.255.0
route = 203.0.113.0/255.255.255.0
ping-leases = false
cisco-client-compat = true
dtls-legacy = true
dtls-psk = ${OC_DTLS_PSK:-false}
client-bypass-protocol = false
EOF
    local l; for l in "$@"; do echo "$l"; done
  } >"$d/ocserv.conf"
  ip netns exec ac-mx ocserv -f -d 2 -c "$d/ocserv.conf" >"$d/ocserv.log" 2>&1 &
  PIDS+=($!)
  local i
  for i in $(seq 1 50); do nsx ac-mx ss -ltn 2>/dev/null | grep -q "$MX_WAN:${AC_PORT:-443}" && return 0; sleep 0.1; done
  echo "ocserv did not start" >&2; cat "$d/ocserv.log" >&2; return 1
}

# ---- openconnect (the client) ----------------------------------------------------------------
# A minimal vpnc-compatible script: address, MTU and the pool route on the TUN device; leaves
# /etc/resolv.conf and the default route alone.
client_script() {
  cat >"$AC_LAB/vpnc-min.sh" <<'EOF'
#!/bin/sh
case "$reason" in
  connect)
    ip link set dev "$TUNDEV" mtu "${INTERNAL_IP4_MTU:-1300}" up
    ip addr add "$INTERNAL_IP4_ADDRESS/32" dev "$TUNDEV"
    ip route add 203.0.113.0/24 dev "$TUNDEV"
    ;;
esac
exit 0
EOF
  chmod +x "$AC_LAB/vpnc-min.sh"
}

# oc_start PASSWORD [openconnect options...] : start openconnect in ac-client in the background,
# log in $AC_LAB/oc.log; OCPID is its PID. OC_NS/OC_LOG run it in another namespace, with
# another log (the second client of a two-user case).
oc_start() {
  local pw=$1; shift
  client_script
  printf '%s\n' "$pw" | ip netns exec "${OC_NS:-ac-client}" openconnect -v --non-inter --passwd-on-stdin -u "$USER_NAME" \
    --script "$AC_LAB/vpnc-min.sh" --resolve "$MX_NAME:$MX_WAN" --reconnect-timeout 0 "$@" \
    "https://$MX_NAME:${AC_PORT:-443}/" >"${OC_LOG:-$AC_LAB/oc.log}" 2>&1 &
  OCPID=$!
  PIDS+=($OCPID)
}

# oc_wait PATTERN SECONDS : wait until openconnect's log shows PATTERN (or it exits); 0 if seen
oc_wait() {
  local i
  for i in $(seq 1 $(($2 * 10))); do
    grep -q "$1" "$AC_LAB/oc.log" 2>/dev/null && return 0
    kill -0 "$OCPID" 2>/dev/null || break
    sleep 0.1
  done
  grep -q "$1" "$AC_LAB/oc.log" 2>/dev/null
}

oc_stop() { # SIGINT: openconnect says goodbye over the TLS channel and closes it
  kill -INT "$OCPID" 2>/dev/null
  local i; for i in $(seq 1 30); do kill -0 "$OCPID" 2>/dev/null || return 0; sleep 0.1; done
}

# ---- captures --------------------------------------------------------------------------------
# capture_start NS IF FILE
capture_start() {
  ip netns exec "$1" tcpdump -Z root -i "$2" -s 0 -U -w "$3" >"$3.log" 2>&1 &
  PIDS+=($!)
  CAPPID=$!
  CAPFILE=$3
  sleep 1
}
capture_stop() {
  sleep "${1:-1}"
  kill -INT "$CAPPID" 2>/dev/null
  wait "$CAPPID" 2>/dev/null
  rm -f "$CAPFILE.log"
}
