# Derived cases of make-captures.sh (sourced by it, after lab.sh: OUT, LAB, cut): real captures
# made by it (or by make-anyconnect-captures.sh), cut, damaged, snapped or merged. Run the source
# case first.

# Contract v2 ("Evidence, not habit") asks what a capture that ends too soon or starts too late
# still proves. Each of these keeps a frame range of a real capture made above (run its source
# case first); editcap renumbers the frames from 1 but changes no byte of them (cut, lab.sh).

case_cut_success_nat_t_after_mm4() { cut success-nat-t cut-success-nat-t-after-mm4 1-6; }
case_cut_success_after_mm6() { cut success-no-nat cut-success-after-mm6 1-8; }
case_cut_phase2_mismatch_after_qm1() { cut phase2-mismatch cut-phase2-mismatch-after-qm1 1-9; }
case_cut_wrong_psk_nat_after_mm5() { cut wrong-psk-nat cut-wrong-psk-nat-after-mm5 1-7; }
case_cut_wrong_psk_nat_first_answer() { cut wrong-psk-nat cut-wrong-psk-nat-first-answer 1-8; }
case_cut_mx_no_answer_single_mm1() { cut mx-no-answer cut-mx-no-answer-single-mm1 1-3; }
case_cut_esp_one_way_single_esp() { cut esp-one-way cut-esp-one-way-single-esp 12; }
case_cut_esp_one_way_after_qm3() { cut esp-one-way cut-esp-one-way-after-qm3 1-12; }
case_late_ke_replies_lost() { cut ke-replies-lost late-ke-replies-lost 7-14; }
case_late_wrong_psk_nat() { cut wrong-psk-nat late-wrong-psk-nat 9-16; }
# Damaged files: four bytes changed by damage-pcap.mjs (it prints the offset and the bytes).
damage() { mkdir -p "$OUT/$2"; node ./damage-pcap.mjs "$OUT/$1/capture.pcap" "$OUT/$2/capture.pcap" "${@:3}"; }
case_damaged_wrong_psk_record8() { damage wrong-psk-nat damaged-wrong-psk-record8 record-length 8 4194304; }
case_damaged_wrong_psk_record12() { damage wrong-psk-nat damaged-wrong-psk-record12 record-length 12 4194304; }
case_damaged_unknown_linktype() { damage success-nat-t damaged-unknown-linktype linktype 65000; }

# merged-two-clients: ke-replies-lost (192.0.2.10) and success-nat-t (198.51.100.2) in one
# file, success-nat-t's timestamps shifted (editcap -t) to start 2.5 s after ke-replies-lost's.
case_merged_two_clients() {
  local a=$OUT/ke-replies-lost/capture.pcap b=$OUT/success-nat-t/capture.pcap t0a t0b
  mkdir -p "$OUT/merged-two-clients"
  t0a=$(tshark -r "$a" -c 1 -T fields -e frame.time_epoch 2>/dev/null)
  t0b=$(tshark -r "$b" -c 1 -T fields -e frame.time_epoch 2>/dev/null)
  editcap -t "$(echo "$t0a + 2.5 - $t0b" | bc -l)" "$b" "$LAB/shifted.pcap"
  mergecap -w "$OUT/merged-two-clients/capture.pcap" "$a" "$LAB/shifted.pcap"
}
# site-to-site-beside-client: ikev2-site-to-site (192.0.2.10, a working non-Meraki peer) and
# wrong-psk-nat (198.51.100.2, a Client VPN user) on one MX address, wrong-psk-nat shifted to
# start 0.5 s after the tunnel's first frame.
case_site_to_site_beside_client() {
  local a=$OUT/ikev2-site-to-site/capture.pcap b=$OUT/wrong-psk-nat/capture.pcap t0a t0b
  mkdir -p "$OUT/site-to-site-beside-client"
  t0a=$(tshark -r "$a" -c 1 -T fields -e frame.time_epoch 2>/dev/null)
  t0b=$(tshark -r "$b" -c 1 -T fields -e frame.time_epoch 2>/dev/null)
  editcap -t "$(echo "$t0a + 0.5 - $t0b" | bc -l)" "$b" "$LAB/shifted.pcap"
  mergecap -F pcap -w "$OUT/site-to-site-beside-client/capture.pcap" "$a" "$LAB/shifted.pcap"
}
# site-to-site-failing-beside-client: ikev2-site-to-site-wrong-psk (192.0.2.10, a non-Meraki peer
# whose key is wrong) and success-nat-t (198.51.100.2, a Client VPN user who connects) on one MX
# address, success-nat-t shifted to start 0.5 s after the peer's first frame.
case_site_to_site_failing_beside_client() {
  local a=$OUT/ikev2-site-to-site-wrong-psk/capture.pcap b=$OUT/success-nat-t/capture.pcap t0a t0b
  mkdir -p "$OUT/site-to-site-failing-beside-client"
  t0a=$(tshark -r "$a" -c 1 -T fields -e frame.time_epoch 2>/dev/null)
  t0b=$(tshark -r "$b" -c 1 -T fields -e frame.time_epoch 2>/dev/null)
  editcap -t "$(echo "$t0a + 0.5 - $t0b" | bc -l)" "$b" "$LAB/shifted.pcap"
  mergecap -F pcap -w "$OUT/site-to-site-failing-beside-client/capture.pcap" "$a" "$LAB/shifted.pcap"
}
case_cut_dns_no_answer_after_query() { cut dns-no-answer cut-dns-no-answer-after-query 1-3; }
case_cut_late_esp_one_way_first_second() { cut late-esp-one-way cut-late-esp-one-way-first-second 1-4; }
case_late_dpd_only() { cut success-dpd-delete late-dpd-only 22-32; }
case_cut_ad_tls_ok_before_server_finished() { cut ad-tls-ok cut-ad-tls-ok-before-server-finished 1-10; }
case_cut_radius_accept_after_request() { cut radius-accept cut-radius-accept-after-request 1-3; }
case_late_ikev2_site_to_site_after_sa_init() { cut ikev2-site-to-site late-ikev2-site-to-site-after-sa-init 5-16; }
case_late_success_from_qm3() { cut success-dpd-delete late-success-from-qm3 11-32; }
case_late_libreswan_phase2_mismatch_from_mm4() { cut libreswan-phase2-mismatch late-libreswan-phase2-mismatch-from-mm4 6-22; }
case_late_anyconnect_two_users_one_nat() { cut anyconnect-two-users-one-nat late-anyconnect-two-users-one-nat 23-59; }
case_late_ad_tls_ok_mid_stream() { cut ad-tls-ok late-ad-tls-ok-mid-stream 9-16; }
case_late_mx_opens_site_to_site_from_mm2() { cut mx-opens-site-to-site-beside-client late-mx-opens-site-to-site-from-mm2 4-35; }
# Started after phase 1: the first IKE message is the quick mode the MX opens (its QM1, frame 11).
case_late_success_rekeys() { cut success-rekeys late-success-rekeys 12-65; }
# Started as user 2 behind the same NAT begins: user 1's tunnel is ESP alone on the same address.
case_late_two_users_one_nat() { cut two-users-one-nat late-two-users-one-nat 22-46; }
case_late_nat_rebind() { cut nat-rebind-mid-tunnel late-nat-rebind 22-51; }
case_cut_two_users_one_nat_rebind_user1_moved() { cut two-users-one-nat-rebind cut-two-users-one-nat-rebind-user1-moved 1-49; }
case_late_two_users_one_nat_second_wrong_psk() {
  cut two-users-one-nat-second-wrong-psk late-two-users-one-nat-second-wrong-psk 22-45
}
# Known limit (OUTDIR test/fixtures/known-limits, the source taken from the scenarios beside it).
case_late_mx_opens_site_to_site_mm5_repeats() {
  mkdir -p "$OUT/late-mx-opens-site-to-site-mm5-repeats"
  editcap -r "$OUT/../scenarios/mx-opens-site-to-site-beside-client/capture.pcap" \
    "$OUT/late-mx-opens-site-to-site-mm5-repeats/capture.pcap" 10-35
}

# Snapped files: every record cut to N bytes (editcap -s N), as a capture made with a snap length
# keeps them; the bytes kept are unchanged. tcpdump's old default was 68.
snap() { mkdir -p "$OUT/$2"; editcap -F pcap -s "$3" "$OUT/$1/capture.pcap" "$OUT/$2/capture.pcap"; }
case_snaplen68_wrong_psk_nat() { snap wrong-psk-nat snaplen68-wrong-psk-nat 68; }
case_snaplen96_wrong_psk_nat() { snap wrong-psk-nat snaplen96-wrong-psk-nat 96; }
case_snaplen96_udp4500_blocked() { snap udp4500-blocked snaplen96-udp4500-blocked 96; }
case_snaplen96_udp4500_blocked_client_side() { snap udp4500-blocked-client-side snaplen96-udp4500-blocked-client-side 96; }
case_snaplen68_dns_no_answer() { snap dns-no-answer snaplen68-dns-no-answer 68; }
case_snaplen300_ad_tls_ok() { snap ad-tls-ok snaplen300-ad-tls-ok 300; }
case_snaplen128_anyconnect_wrong_password() { snap anyconnect-wrong-password snaplen128-anyconnect-wrong-password 128; }
case_snaplen600_anyconnect_tls13_wrong_password() { snap anyconnect-tls13-wrong-password snaplen600-anyconnect-tls13-wrong-password 600; }
