// Records produced by the capture-file readers (pcap, pcapng). Pure data, no I/O.
import type { Anomaly } from '../anomaly.js';

export type CaptureFormat = 'pcap' | 'pcap-nsec' | 'pcapng';

/** One packet record as read from the file. */
export interface RawFrame {
  /** 1-based position in the file, as Wireshark numbers frames. */
  number: number;
  /** Seconds since the epoch (integer part). */
  timeSec: number;
  /** Nanoseconds within the second, 0..999 999 999, whatever the file's resolution. */
  timeNsec: number;
  /** Length on the wire (frame.len). */
  originalLength: number;
  /**
   * The captured bytes (frame.cap_len = data.length). May be a view into a buffer the
   * reader reuses: valid only during the callback; copy it to keep it.
   */
  data: Uint8Array;
  /** LINKTYPE_* of the interface the packet was captured on. */
  linkType: number;
  /** pcapng interface index within its section (0 for classic pcap). */
  interfaceId: number;
}

/** What the reader learnt about the file, complete once the stream has ended. */
export interface CaptureInfo {
  format: CaptureFormat;
  /** Distinct link types in the order first seen. */
  linkTypes: number[];
  frames: number;
  /** Bytes of input consumed. */
  bytes: number;
  /** Timestamps of the first and last frame as [sec, nsec]; absent for an empty capture. */
  firstTime?: [number, number];
  lastTime?: [number, number];
  anomalies: Anomaly[];
}

export type FrameCallback = (frame: RawFrame) => void;
