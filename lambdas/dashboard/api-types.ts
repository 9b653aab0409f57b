// The HTTP API contract as the dashboard reads it: the one definition in shared/api/contract.ts.
export type {
  CaptureDetail,
  CaptureItem,
  CaptureStatus,
  DiagnosisItem,
  Me,
  Page,
  UploadRequest,
  UploadTicket,
} from '#shared/api/contract.js';
import type { TreeNode } from '#shared/view/payload-tree.js';

/** GET /api/captures/{id}/frames/{frame} (lambdas/api/routes/frame-detail.ts). */
export interface FrameDetail {
  frame: number;
  time: string;
  src?: string;
  dst?: string;
  srcPort?: number;
  dstPort?: number;
  protocols: string[];
  isakmp: TreeNode[];
}
