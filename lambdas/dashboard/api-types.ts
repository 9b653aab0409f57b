// The HTTP API contract as the dashboard reads it: the one definition in shared/api/contract.ts.
export type {
  CaptureDeleted,
  CaptureDetail,
  CaptureListFilter,
  CaptureItem,
  CaptureStatus,
  DiagnosisItem,
  FrameDetail,
  Me,
  Page,
  UploadRequest,
  UploadTicket,
} from '#shared/api/contract.js';
