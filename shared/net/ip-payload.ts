// What the IP layer hands to the transport layer: a byte range of either the frame or a
// reassembled datagram. One instance is reused for every frame.

export interface IpPayload {
  /** false: the IP layer stopped the decode (fragment held, bad header, truncated). */
  ok: boolean;
  buf: Uint8Array;
  start: number;
  /** End of the captured bytes of the payload. */
  end: number;
  /** Payload length the headers declare; > end - start when the capture was snapped. */
  declaredLength: number;
  protocol: number;
  /** A first fragment decoded on its own (not reassembled): upper lengths may exceed it. */
  fragmented: boolean;
}

export function newIpPayload(): IpPayload {
  return { ok: false, buf: new Uint8Array(0), start: 0, end: 0, declaredLength: 0, protocol: 0, fragmented: false };
}
