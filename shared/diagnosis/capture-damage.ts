// One rule, shared by `analyze` and the pipeline, for what damage does to a capture: where the
// file breaks off (or no frame could be decoded at all), the report says so from that frame;
// a session whose question was still open there is INCONCLUSIVE (capture-damaged), one whose
// verdict rests on what was read stands; and such a capture is a failed capture for both the
// CLI's exit status and the pipeline's FAILED status.
import { READING_STOPPED_CODES, type Anomaly } from '../anomaly.js';
import type { AnalysisReport, CaptureSummary } from '../report/types.js';
import type { Lang } from '../report/ladder-words.js';

const STOPPED: ReadonlySet<string> = new Set(READING_STOPPED_CODES);

const stopsReading = (a: Anomaly) => a.layer === 'capture' && STOPPED.has(a.code);

/** The first frame not read when the file broke off (`frames` were read), else undefined. */
export function readingStoppedAt(anomalies: readonly Anomaly[], frames: number): number | undefined {
  const stop = anomalies.find(stopsReading);
  return stop ? (stop.frame ?? frames + 1) : undefined;
}

export function captureDamage(
  anomalies: readonly Anomaly[],
  frames: number,
  decodableFrames: number,
  firstUndecodable: number | undefined,
): CaptureSummary['damage'] {
  const stop = anomalies.find(stopsReading);
  if (stop)
    return { code: stop.code, ...(stop.frame !== undefined ? { frame: stop.frame } : {}), message: stop.message };
  if (frames > 0 && decodableFrames === 0 && firstUndecodable !== undefined) {
    const link = anomalies.find((a) => a.code === 'unsupported-link-type');
    return {
      code: 'unsupported-link-type',
      frame: firstUndecodable,
      message: link?.message ?? 'no frame of the capture could be decoded',
    };
  }
  return undefined;
}

/**
 * Why the capture counts as failed (pipeline FAILED, CLI exit 3), or null when it does not. In
 * Japanese without the reader's own English message (no English clause in a Japanese sentence).
 */
export function captureFailure(report: AnalysisReport, lang: Lang = 'en'): string | null {
  const c = report.capture;
  if (c.frames === 0) return lang === 'ja' ? 'キャプチャにパケットがありません。' : 'The capture contains no packets.';
  if (!c.damage) return null;
  if (lang === 'ja')
    return (
      `キャプチャが破損しています（${c.damage.code}${c.damage.frame !== undefined ? `、フレーム ${c.damage.frame}` : ''}）。` +
      `${c.frames} フレームを読み込みました。ダッシュボードからもう一度エクスポートしてください。`
    );
  return (
    `The capture is damaged (${c.damage.code}${c.damage.frame !== undefined ? ` at frame ${c.damage.frame}` : ''}): ` +
    `${c.damage.message} (${c.frames} frames read); export it again from the dashboard.`
  );
}
