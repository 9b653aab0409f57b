// Classic libpcap files: 24-byte file header, then 16-byte record headers each followed by
// the captured bytes. Magic a1b2c3d4 = microsecond, a1b23c4d = nanosecond timestamps; the
// byte order of the magic gives the byte order of the whole file.
import type { FrameSink } from './frame-sink.js';
import type { RecordFormat } from './record-framer.js';

export const PCAP_FILE_HEADER_SIZE = 24;
export const PCAP_RECORD_HEADER_SIZE = 16;
/** Largest captured length accepted (Wireshark's maximum snapshot length, 256 KiB). */
export const PCAP_MAX_CAPLEN = 262144;

export const PCAP_MAGIC = {
  MICROSECONDS: 0xa1b2c3d4,
  NANOSECONDS: 0xa1b23c4d,
} as const;

/** Byte order and resolution from the first 4 bytes, or undefined if not a pcap magic. */
export function pcapMagic(
  b0: number,
  b1: number,
  b2: number,
  b3: number,
): { littleEndian: boolean; nanoseconds: boolean } | undefined {
  const be = ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
  const le = ((b3 << 24) | (b2 << 16) | (b1 << 8) | b0) >>> 0;
  if (be === PCAP_MAGIC.MICROSECONDS) return { littleEndian: false, nanoseconds: false };
  if (be === PCAP_MAGIC.NANOSECONDS) return { littleEndian: false, nanoseconds: true };
  if (le === PCAP_MAGIC.MICROSECONDS) return { littleEndian: true, nanoseconds: false };
  if (le === PCAP_MAGIC.NANOSECONDS) return { littleEndian: true, nanoseconds: true };
  return undefined;
}

export class PcapFormat implements RecordFormat {
  headerSize = PCAP_FILE_HEADER_SIZE;
  linkType = -1;
  snaplen = 0;
  private readonly le: boolean;
  /** Multiplier from the record's sub-second field to nanoseconds. */
  private readonly toNsec: number;
  private readonly subsecPerSec: number;
  private maxCaplen = PCAP_MAX_CAPLEN;
  private badTimes = 0;

  constructor(
    private readonly sink: FrameSink,
    magic: { littleEndian: boolean; nanoseconds: boolean },
  ) {
    this.le = magic.littleEndian;
    this.toNsec = magic.nanoseconds ? 1 : 1000;
    this.subsecPerSec = magic.nanoseconds ? 1_000_000_000 : 1_000_000;
  }

  get fileHeaderSeen(): boolean {
    return this.linkType >= 0;
  }

  recordSize(view: DataView, offset: number): number {
    if (this.linkType < 0) return PCAP_FILE_HEADER_SIZE;
    const caplen = view.getUint32(offset + 8, this.le);
    if (caplen > this.maxCaplen) {
      const frame = this.sink.frames + 1;
      const limit =
        this.snaplen > 0 && this.snaplen < PCAP_MAX_CAPLEN
          ? `the file's snapshot length ${this.snaplen}`
          : `the maximum ${PCAP_MAX_CAPLEN}`;
      this.sink.anomaly(
        'bad-record-length',
        `record ${frame} claims ${caplen} captured bytes, more than ${limit}: ` +
          'the rest of the file is not a valid packet record and was not read',
        frame,
      );
      return -1;
    }
    return PCAP_RECORD_HEADER_SIZE + caplen;
  }

  record(bytes: Uint8Array, view: DataView, offset: number, size: number): boolean {
    if (this.linkType < 0) {
      this.fileHeader(view, offset);
      return true;
    }
    const le = this.le;
    let sec = view.getUint32(offset, le);
    let sub = view.getUint32(offset + 4, le);
    if (sub >= this.subsecPerSec) {
      // Out-of-range fraction: carry whole seconds so timeNsec stays below 1e9.
      if (this.badTimes++ === 0) {
        this.sink.anomaly(
          'bad-timestamp',
          `record ${this.sink.frames + 1} has a sub-second field of ${sub}, ` +
            `not below ${this.subsecPerSec}; the excess was carried into the seconds`,
          this.sink.frames + 1,
        );
      }
      sec += Math.floor(sub / this.subsecPerSec);
      sub %= this.subsecPerSec;
    }
    const origLen = view.getUint32(offset + 12, le);
    const start = offset + PCAP_RECORD_HEADER_SIZE;
    this.sink.emit(sec, sub * this.toNsec, origLen, bytes.subarray(start, offset + size), this.linkType, 0);
    return true;
  }

  private fileHeader(view: DataView, offset: number): void {
    const le = this.le;
    const major = view.getUint16(offset + 4, le);
    const minor = view.getUint16(offset + 6, le);
    this.snaplen = view.getUint32(offset + 16, le);
    // Upper bits of the link-type field hold FCS information (as libpcap's LT_LINKTYPE).
    this.linkType = view.getUint32(offset + 20, le) & 0x03ffffff;
    if (this.snaplen > 0 && this.snaplen < PCAP_MAX_CAPLEN) this.maxCaplen = this.snaplen;
    if (major !== 2) {
      this.sink.anomaly(
        'unusual-version',
        `pcap file header says version ${major}.${minor}, expected 2.4; read as 2.4`,
      );
    }
    this.sink.addLinkType(this.linkType);
    this.headerSize = PCAP_RECORD_HEADER_SIZE;
  }
}
