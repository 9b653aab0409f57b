# shellcheck shell=bash
# libreswan (pluto) in the lab of lab.sh, as the Windows-like client or as the MX-like responder.
# Sourced after lab.sh, not run.
#
# Debian's libreswan conflicts with strongswan-starter (both ship /usr/sbin/ipsec), so pluto runs
# from the package unpacked into $LS_ROOT (`apt-get download libreswan; dpkg-deb -x … $LS_ROOT`),
# inside a private mount namespace where $LS_ROOT's /usr/libexec/ipsec is bound over the real one
# (pluto runs `/usr/libexec/ipsec/addconn` by that path) and /run is a fresh tmpfs.
#
# The kernel here has no ESP, so pluto negotiates IKE and quick mode but cannot install an IPsec
# SA: libreswan cases stop before a tunnel (wrong PSK, proposals, no answer).
# libreswan 4.10 is built without MODP1024 (DH group 2), which Meraki Client VPN requires; where a
# case needs phase 1 to pass, the MX (charon) also accepts MODP2048 (MX_IKE).

LS_ROOT=${LS_ROOT:-/opt/ls}
LS_BIN=$LS_ROOT/usr/libexec/ipsec

# pluto_client_conf NAME : Windows-like offer (AES256/AES128/3DES x SHA1 x MODP2048).
# Overrides: LS_IKE, LS_ESP, LS_VERSION (1/2), LS_AGGR (yes/no), CL_PSK, CL_IP, CL_INNER.
pluto_client_conf() {
  local name=$1 ip=${CL_IP:-$CLIENT1} inner=${CL_INNER:-$CLIENT1_INNER}
  pluto_dir "$name"
  cat >"$LAB/$name/ipsec.conf" <<EOF
config setup
	ikev1-policy=accept
conn win
	keyexchange=ike
	ikev2=$([ "${LS_VERSION:-1}" = 2 ] && echo insist || echo no)
	aggressive=${LS_AGGR:-no}
	authby=secret
	left=$ip
	leftid=$ip
	leftsubnet=$inner/32
	right=$MX_WAN
	rightid=$MX_WAN
	rightsubnet=$MX_LAN/32
	ike=${LS_IKE:-aes256-sha1;modp2048,aes128-sha1;modp2048,3des-sha1;modp2048}
	esp=${LS_ESP:-aes128-sha1,3des-sha1}
	type=tunnel
	auto=add
EOF
  printf '%s %s : PSK "%s"\n' "$ip" "$MX_WAN" "${CL_PSK:-meraki-lab-psk}" >"$LAB/$name/ipsec.secrets"
}

# pluto_mx_conf NAME : the MX-like responder (3DES/AES128/AES256 x SHA1 x MODP2048, any client).
# Overrides: MX_PSK, LS_MX_ESP.
pluto_mx_conf() {
  local name=$1
  pluto_dir "$name"
  cat >"$LAB/$name/ipsec.conf" <<EOF
config setup
	ikev1-policy=accept
	virtual-private=%v4:192.0.2.0/24
conn clientvpn
	keyexchange=ike
	ikev2=no
	authby=secret
	left=$MX_WAN
	leftid=$MX_WAN
	leftsubnet=$MX_LAN/32
	right=%any
	rightsubnet=vhost:%priv
	ike=3des-sha1;modp2048,aes128-sha1;modp2048,aes256-sha1;modp2048
	esp=${LS_MX_ESP:-aes128-sha1,3des-sha1}
	type=tunnel
	auto=add
EOF
  printf '%%any : PSK "%s"\n' "${MX_PSK:-meraki-lab-psk}" >"$LAB/$name/ipsec.secrets"
}

pluto_dir() {
  rm -rf "${LAB:?}/$1"
  mkdir -p "$LAB/$1/nss" "$LAB/$1/run"
  certutil -N -d "sql:$LAB/$1/nss" --empty-password
}

# pluto_start NS NAME CONN : start pluto in NS and load connection CONN
pluto_start() {
  local ns=$1 dir=$LAB/$2 i
  ip netns exec "$ns" unshare -m --propagation private sh -c "mount -t tmpfs none /run &&
    mount --bind $LS_BIN /usr/libexec/ipsec &&
    exec $LS_BIN/pluto --nofork --stderrlog --config $dir/ipsec.conf --secretsfile $dir/ipsec.secrets \
      --nssdir $dir/nss --rundir $dir/run" >"$dir/stdout" 2>&1 &
  PIDS+=($!)
  for i in $(seq 1 50); do [ -S "$dir/run/pluto.ctl" ] && break; sleep 0.1; done
  ip netns exec "$ns" "$LS_BIN/addconn" --ctlsocket "$dir/run/pluto.ctl" --config "$dir/ipsec.conf" "$3" \
    >"$dir/add.out" 2>&1 || { cat "$dir/add.out"; return 1; }
  ip netns exec "$ns" "$LS_BIN/whack" --ctlsocket "$dir/run/pluto.ctl" --listen >/dev/null
  ! grep -q 'failed to add' "$dir/stdout" || { grep 'failed to add' "$dir/stdout"; return 1; }
}

# pluto_initiate NS NAME SECONDS : initiate `win`, give up waiting after SECONDS
pluto_initiate() {
  timeout "$3" ip netns exec "$1" "$LS_BIN/whack" --ctlsocket "$LAB/$2/run/pluto.ctl" --name win --initiate \
    >"$LAB/$2/initiate.out" 2>&1
  return 0
}
