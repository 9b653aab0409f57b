// Anomalies the network layers record on the frame being decoded.
import type { Anomaly, AnomalyCode, AnomalyLayer } from '../anomaly.js';
import type { DecodedFrame } from '../decode/types.js';

export function layerAnomaly(f: DecodedFrame, layer: AnomalyLayer, code: AnomalyCode, message: string): void {
  const a: Anomaly = { layer, code, message, frame: f.number };
  f.anomalies.push(a);
}

export function truncatedAt(f: DecodedFrame, layer: AnomalyLayer, what: string, need: number, have: number): void {
  layerAnomaly(f, layer, 'truncated', `${what} needs ${need} bytes, only ${have < 0 ? 0 : have} captured`);
}
