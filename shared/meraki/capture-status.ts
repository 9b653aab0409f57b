// Where a cloud capture is in its life. The API gives `status` as a free string (no enumeration
// in the sources: test/fixtures/meraki/SOURCES.md), so it is classified by its words; an unknown
// spelling counts as still running, which at worst waits until the job's deadline.
export type CapturePhase = 'running' | 'finished' | 'failed';

export function capturePhase(status: string): CapturePhase {
  const s = status.toLowerCase();
  if (/fail|error|abort/.test(s)) return 'failed';
  if (/complet|stopp|finish|success|upload|done|ready/.test(s)) return 'finished';
  return 'running';
}
