// What "capture and diagnose" asks the MX for: the internet (WAN) interface, the Client VPN
// traffic (IKE on 500/4500, L2TP on 1701, ESP, and AnyConnect on 443), stored in the cloud.
import type { StartCaptureRequest } from './types.js';

export const VPN_CAPTURE_FILTER = 'udp port 500 or udp port 4500 or udp port 1701 or esp or port 443';
export const DEFAULT_CAPTURE_SECONDS = 90;
export const MIN_CAPTURE_SECONDS = 1;
export const MAX_CAPTURE_SECONDS = 600;

export function captureRequest(serial: string, seconds: number, nowIso: string, iface = 'wan1'): StartCaptureRequest {
  return {
    serials: [serial],
    name: `vpn-doctor-${serial}-${nowIso.replace(/[:.]/g, '-')}`,
    duration: seconds,
    interface: iface,
    filterExpression: VPN_CAPTURE_FILTER,
    outputType: 'pcap',
    destination: 'upload_to_cloud',
    notes: 'vpn-doctor: capture and diagnose (Client VPN)',
  };
}

export function isValidCaptureSeconds(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= MIN_CAPTURE_SECONDS && n <= MAX_CAPTURE_SECONDS;
}
