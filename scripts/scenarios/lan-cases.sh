# LAN cases of make-captures.sh (sourced by it, which sets OUT, LAB and the lab from lab.sh):
# the MX namespace is the client of an authentication server (RADIUS, DNS, TLS to a domain
# controller), captured on the MX LAN or WAN side as each case says.

RAD_SECRET=meraki-lab-radius

radius_start() {
  local d=$LAB/raddb
  rm -rf "$d"; cp -a /etc/freeradius/3.0 "$d"
  cat >"$d/clients.conf" <<EOF
client mx {
  ipaddr = $MX_LAN
  secret = $RAD_SECRET
}
EOF
  cat >"$d/mods-config/files/authorize" <<'EOF'
alice	Cleartext-Password := "Correct-Horse-7"
EOF
  ip netns exec vd-auth freeradius -f -d "$d" -l "$LAB/radius.log" &
  PIDS+=($!)
  sleep 2
}

radius_ask() { # radius_ask PASSWORD
  printf 'User-Name = "alice"\nUser-Password = "%s"\nNAS-IP-Address = %s\nNAS-Port-Type = Virtual\nService-Type = Framed-User\n' \
    "$1" "$MX_LAN" | nsx vd-mx radclient -r 3 -t 2 "$AUTH:1812" auth "$RAD_SECRET" >"$LAB/radclient.out" 2>&1
}

case_radius_accept() {
  radius_start
  lan_capture radius-accept
  radius_ask Correct-Horse-7
  finish radius-accept
}

case_radius_reject() {
  radius_start
  lan_capture radius-reject
  radius_ask wrong-password
  finish radius-reject
}

case_radius_no_answer() { # no server: radclient tries three times
  lan_capture radius-no-answer
  radius_ask Correct-Horse-7
  finish radius-no-answer
}

DNS_IP=198.51.100.53

dns_start() { # dnsmasq on the "internet" side (the MX resolves meraki.com from its WAN)
  nsx vd-nat ip addr add $DNS_IP/24 dev nat-wan
  ip netns exec vd-nat dnsmasq -k --no-resolv --no-hosts --bind-interfaces --listen-address=$DNS_IP \
    --pid-file="$LAB/dnsmasq.pid" --log-facility="$LAB/dnsmasq.log" --log-queries "$@" &
  PIDS+=($!)
  sleep 1
}

dns_ask() {
  nsx vd-mx dig +tries=1 +time=2 @$DNS_IP meraki.com A >>"$LAB/dig.out" 2>&1
  nsx vd-mx dig +tries=1 +time=2 @$DNS_IP dashboard.meraki.com A >>"$LAB/dig.out" 2>&1
}

dns_silent() { # the DNS server's address exists on the "internet" but drops every query
  nsx vd-nat ip addr add $DNS_IP/24 dev nat-wan
  nsx vd-nat nft add chain ip lab input '{ type filter hook input priority filter; }'
  nsx vd-nat nft add rule ip lab input udp dport 53 drop
}

# the MX's own resolver configuration (ip netns exec binds /etc/netns/vd-mx/* over /etc/*)
mx_resolv() { mkdir -p /etc/netns/vd-mx; printf 'nameserver %s\noptions %s\n' "$1" "$2" >/etc/netns/vd-mx/resolv.conf; }
mx_resolv_clear() { rm -rf /etc/netns/vd-mx; }

# Each asks meraki.com, then (after that lookup has given up) dashboard.meraki.com: the second
# lookup's frames prove the capture ran on past the first lookup's last timeout.
case_dns_no_answer() { # dig: 3 tries, 2 s each, a new source port per try
  dns_silent
  wan_capture dns-no-answer
  nsx vd-mx dig +tries=3 +time=2 @$DNS_IP meraki.com A >"$LAB/dig.out" 2>&1
  nsx vd-mx dig +tries=3 +time=2 @$DNS_IP dashboard.meraki.com A >>"$LAB/dig.out" 2>&1
  finish dns-no-answer
}

case_dns_no_answer_glibc() { # glibc's stub resolver (getent), timeout 2 s, 2 attempts
  dns_silent
  mx_resolv $DNS_IP 'timeout:2 attempts:2'
  wan_capture dns-no-answer-glibc
  nsx vd-mx getent ahostsv4 meraki.com >"$LAB/getent.out" 2>&1
  nsx vd-mx getent ahostsv4 dashboard.meraki.com >>"$LAB/getent.out" 2>&1
  mx_resolv_clear
  finish dns-no-answer-glibc
}

case_dns_no_answer_dnsmasq() { # a local dnsmasq forwarder on the MX, asked by dig (3 tries)
  dns_silent
  ip netns exec vd-mx dnsmasq -k --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.1 \
    --server=$DNS_IP --pid-file="$LAB/dnsmasq-mx.pid" --log-facility="$LAB/dnsmasq-mx.log" --log-queries &
  PIDS+=($!)
  sleep 1
  wan_capture dns-no-answer-dnsmasq
  nsx vd-mx dig +tries=3 +time=2 @127.0.0.1 meraki.com A >"$LAB/dig.out" 2>&1
  nsx vd-mx dig +tries=3 +time=2 @127.0.0.1 dashboard.meraki.com A >>"$LAB/dig.out" 2>&1
  finish dns-no-answer-dnsmasq
}

case_dns_ok() {
  dns_start --address=/meraki.com/203.0.113.80
  wan_capture dns-ok
  dns_ask
  finish dns-ok
}

case_dns_fail() { # dnsmasq's only upstream is unreachable: it answers REFUSED
  dns_start --server=203.0.113.99
  wan_capture dns-fail
  dns_ask
  finish dns-fail
}

tls_start() { # self-signed "domain controller" on the global catalog port, TLS 1.2
  local d=$LAB/tls
  mkdir -p "$d"
  [ -f "$d/dc.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=dc1.example.com" \
    -keyout "$d/dc.key" -out "$d/dc.pem" >/dev/null 2>&1
  ip netns exec vd-auth openssl s_server -accept 3268 -cert "$d/dc.pem" -key "$d/dc.key" -naccept 1 -quiet \
    </dev/null >"$LAB/s_server.out" 2>&1 &
  PIDS+=($!)
  sleep 1
}

case_ad_tls_ok() {
  tls_start
  lan_capture ad-tls-ok
  nsx vd-mx openssl s_client -connect $AUTH:3268 -tls1_2 -CAfile "$LAB/tls/dc.pem" -verify_return_error \
    -verify_hostname dc1.example.com </dev/null >"$LAB/s_client.out" 2>&1
  finish ad-tls-ok
}

case_ad_tls_fail() { # the MX does not trust the server's certificate: fatal alert
  tls_start
  lan_capture ad-tls-fail
  nsx vd-mx openssl s_client -connect $AUTH:3268 -tls1_2 -no-CAfile -no-CApath -verify_return_error \
    </dev/null >"$LAB/s_client.out" 2>&1
  finish ad-tls-fail
}

