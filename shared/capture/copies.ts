// One packet captured twice: a capture on several interfaces (`tcpdump -i any` on a router sees a
// packet come in on one port and leave on another; a bridge adds a third copy) or a mirror port
// that sends both directions holds the same message again within microseconds: a copy, not a
// retransmission, and it proves nothing. A stack can send one message twice that fast (strongSwan
// re-sends quick mode 2 for a repeated quick mode 1 just as its own timer fires: qm-replies-lost),
// but as two datagrams, each with its own IPv4 identification; a copy keeps the identification.
// TCP SYNs and DTLS ClientHellos are repeated at 1 s at the soonest, so time alone tells there.

/** Two identical messages from one side closer than this are one packet captured twice. */
export const COPY_SECONDS = 0.01;
