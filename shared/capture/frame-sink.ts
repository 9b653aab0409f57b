// State shared by the pcap and pcapng readers: frame numbering, time range, link types seen,
// and the capture-level anomalies. One instance per capture file.
import type { Anomaly, AnomalyCode } from '../anomaly.js';
import type { CaptureFormat, CaptureInfo, FrameCallback } from './types.js';

export class FrameSink {
  frames = 0;
  private readonly linkTypes: number[] = [];
  private readonly anomalies: Anomaly[] = [];
  private firstTime: [number, number] | undefined;
  private lastSec = 0;
  private lastNsec = 0;
  private snapCut = 0;
  private firstSnapCut = 0;

  constructor(private readonly onFrame: FrameCallback) {}

  /** Hands one record to the callback; `data` may be a view valid only during the call. */
  emit(
    timeSec: number,
    timeNsec: number,
    originalLength: number,
    data: Uint8Array,
    linkType: number,
    interfaceId: number,
    hasTime = true,
  ): void {
    const number = ++this.frames;
    if (data.length < originalLength && this.snapCut++ === 0) this.firstSnapCut = number;
    // Simple Packet Blocks carry no timestamp; they do not move the capture's time range.
    if (hasTime) {
      if (this.firstTime === undefined) this.firstTime = [timeSec, timeNsec];
      this.lastSec = timeSec;
      this.lastNsec = timeNsec;
    }
    this.onFrame({ number, timeSec, timeNsec, originalLength, data, linkType, interfaceId });
  }

  addLinkType(linkType: number): void {
    if (!this.linkTypes.includes(linkType)) this.linkTypes.push(linkType);
  }

  anomaly(code: AnomalyCode, message: string, frame?: number): void {
    this.anomalies.push(
      frame === undefined ? { layer: 'capture', code, message } : { layer: 'capture', code, message, frame },
    );
  }

  info(format: CaptureFormat, bytes: number): CaptureInfo {
    const anomalies = [...this.anomalies];
    if (this.snapCut > 0) {
      anomalies.push({
        layer: 'capture',
        code: 'snaplen-cut',
        message:
          `${this.snapCut} packet(s) were cut short by the capture's snapshot length ` +
          `(captured fewer bytes than were on the wire), first at frame ${this.firstSnapCut}`,
        frame: this.firstSnapCut,
      });
    }
    const info: CaptureInfo = {
      format,
      linkTypes: [...this.linkTypes],
      frames: this.frames,
      bytes,
      anomalies,
    };
    if (this.firstTime !== undefined) {
      info.firstTime = [...this.firstTime];
      info.lastTime = [this.lastSec, this.lastNsec];
    }
    return info;
  }
}
