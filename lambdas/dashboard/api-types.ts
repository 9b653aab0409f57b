// The HTTP API contract as the dashboard reads it: the one definition in shared/api/contract.ts.
export type {
  CaptureDetail,
  CaptureItem,
  CaptureStatus,
  DiagnosisItem,
  FrameDetail,
  Me,
  Page,
  UploadTicket,
} from '#shared/api/contract.js';
