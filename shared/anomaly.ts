// One shape for everything odd found in a capture, at any layer. Bad bytes become an
// anomaly on the frame or the capture (as Suricata does with its events), never an exception.

export type AnomalyLayer =
  'capture' | 'link' | 'ip' | 'udp' | 'tcp' | 'isakmp' | 'esp' | 'radius' | 'dns' | 'tls' | 'dtls';

export interface Anomaly {
  layer: AnomalyLayer;
  /** Stable, kebab-case identifier, e.g. `truncated-record`, `payload-overrun`. */
  code: string;
  /** One human sentence; never contains raw capture bytes other than as escaped hex. */
  message: string;
  /** Frame number (1-based) when the anomaly belongs to one frame. */
  frame?: number;
}
