// The HTTP API's response bodies: one definition for the API Lambda that sends them, the
// dashboard that reads them and the README that documents them.
import type { AnyConnectStep } from '../anyconnect/types.js';
import type { GuideStep, SessionDiagnosis, VerdictCode } from '../report/types.js';
import type { TreeNode } from '../view/payload-tree.js';

export const CAPTURE_STATUSES = ['PENDING', 'DONE', 'FAILED'] as const;
export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];

export interface ClientVerdictCount {
  verdict: VerdictCode;
  clients: number;
}

/** A row of GET /api/captures. */
export interface CaptureItem {
  captureId: string;
  fileName: string;
  size: number;
  status: CaptureStatus;
  uploadedAt: string;
  analyzedAt?: string;
  frames?: number;
  start?: string;
  end?: string;
  verdict?: VerdictCode;
  /**
   * Clients per verdict, most severe first (DONE captures analysed since this field came): every
   * client's own verdict, the capture's `verdict` being the most important of them.
   */
  clientVerdicts?: ClientVerdictCount[];
  sessions?: number;
  error?: string;
  /** The MX's address the upload gave, or the MX's WAN address of a Meraki import (issue 12). */
  mxIp?: string;
  /** Imported from the Meraki cloud (issue 12): the cloud capture. */
  merakiCaptureId?: string;
  merakiSerial?: string;
  merakiNetworkId?: string;
}

/**
 * GET /api/captures/{id}?limit=&cursor=: one page of the sessions (at most `limit`, default 100,
 * and about 2.5 MB of JSON); `cursor` is present while more follow.
 */
export interface CaptureDetail {
  capture: CaptureItem;
  /** The IKE (and ESP-only) sessions; AnyConnect sessions are in the report's `anyconnect`. */
  sessions: SessionDiagnosis[];
  cursor?: string;
}

/** A row of GET /api/diagnoses?clientIp=. */
export interface DiagnosisItem {
  captureId: string;
  fileName: string;
  sessionId: string;
  clientIp: string;
  responderIp: string;
  verdict: VerdictCode;
  /** The guide's step for IKE sessions; TCP … TUNNEL for AnyConnect ones. */
  stepReached: GuideStep | AnyConnectStep;
  time: string;
  analyzedAt: string;
}

/**
 * GET /api/captures filters (query parameters of the same names). `from`/`to`: ISO 8601 instants,
 * upload time in [from, to); `verdict`: a verdict code, the capture's or any of its clients';
 * `status`; `q`: part of the
 * file name, case-insensitive. A filtered page may hold fewer than `limit` items and still have a
 * cursor (the server examines a bounded number of captures per request).
 */
export interface CaptureListFilter {
  from?: string;
  to?: string;
  verdict?: VerdictCode;
  status?: CaptureStatus;
  q?: string;
}

/** DELETE /api/captures/{id} (200): what was removed. */
export interface CaptureDeleted {
  captureId: string;
  /** Session (per-client-IP diagnosis) items removed with the capture item. */
  sessions: number;
}

/** A page of a list; `cursor` is opaque and bound to the caller's tenant. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** GET /api/me. */
export interface Me {
  tenantId: string;
  tenantName: string;
  operator: boolean;
  tenants: { tenantId: string; name: string }[];
}

/** POST /api/uploads: the body. */
export interface UploadRequest {
  fileName: string;
  size: number;
  /** The MX's IPv4/IPv6 address, for captures whose roles the bytes cannot tell (a late start). */
  mxIp?: string;
}

/** POST /api/uploads (201). */
export interface UploadTicket {
  captureId: string;
  key: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresIn: number;
}

/** Every error: 400 BAD_REQUEST, 401 UNAUTHORIZED, 404 NOT_FOUND, 413/500 … */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** GET /api/captures/{id}/frames/{frame}: one frame's decoded ISAKMP payloads, as a tree. */
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
