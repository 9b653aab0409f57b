// The HTTP API contract as the dashboard reads it (notes/RULES.md "The HTTP API contract").
import type { GuideStep, SessionDiagnosis, VerdictCode } from '../../shared/report/types.js';

export type CaptureStatus = 'PENDING' | 'DONE' | 'FAILED';

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
  sessions?: number;
  error?: string;
}

export interface CaptureDetail {
  capture: CaptureItem;
  sessions: SessionDiagnosis[];
}

export interface DiagnosisItem {
  captureId: string;
  fileName: string;
  sessionId: string;
  clientIp: string;
  responderIp: string;
  verdict: VerdictCode;
  stepReached: GuideStep;
  time: string;
  analyzedAt: string;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface Me {
  tenantId: string;
  tenantName: string;
  operator: boolean;
  tenants: { tenantId: string; name: string }[];
}

export interface UploadTicket {
  captureId: string;
  key: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresIn: number;
}
