// Typed records of the Dashboard API answers vpn-doctor reads (test/fixtures/meraki/contract.json).

export interface MerakiOrganization {
  id: string;
  name: string;
  url?: string;
  apiEnabled?: boolean;
}

export interface MerakiDevice {
  serial: string;
  name: string;
  model: string;
  networkId: string;
  productType?: string;
}

export interface MerakiUplink {
  interface: string;
  status: string;
  ip?: string;
  publicIp?: string;
}

export interface MerakiUplinkStatus {
  serial: string;
  networkId: string;
  model: string;
  uplinks: MerakiUplink[];
}

export interface MerakiCapture {
  captureId: string;
  name: string;
  status: string;
  startTs?: string;
  duration?: number;
  interface?: string;
  filterExpression?: string;
  errorMessage?: string;
  notes?: string;
  serial?: string;
  deviceName?: string;
  networkId?: string;
  networkName?: string;
  /** Bytes of the stored file (0 while running). */
  size?: number;
}

export interface MerakiDownloadUrl {
  captureId: string;
  url: string;
}

/** Filters of the capture list (query parameters of getOrganizationDevicesPacketCaptureCaptures). */
export interface CaptureListFilter {
  captureIds?: string[];
  networkIds?: string[];
  serials?: string[];
  captureStatus?: string[];
  /** ISO 8601 or epoch seconds. */
  t0?: string;
  t1?: string;
}

/** Body of createOrganizationDevicesPacketCaptureCapture. */
export interface StartCaptureRequest {
  serials: string[];
  name: string;
  duration: number;
  interface: string;
  filterExpression: string;
  outputType: 'pcap';
  destination: 'upload_to_cloud';
  notes?: string;
}
