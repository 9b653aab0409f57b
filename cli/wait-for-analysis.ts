// `upload --wait`: polls the capture item until the analysis has ended (DONE or FAILED) or the
// time is up, with a growing delay (an analysis takes from a fraction of a second to minutes),
// and a progress line on stderr. Reads the table directly, as the upload itself writes S3.
import { clientVerdicts, clientsCounted, type ClientVerdict } from '#shared/view/client-verdicts.js';
import type { SessionDiagnosis } from '#shared/report/types.js';
import type { CaptureRecord, CaptureStore } from '../lambdas/store/capture-store.js';
import type { SessionStore } from '../lambdas/store/session-store.js';
import type { DdbItem } from '../lambdas/store/attributes.js';
import { MAX_DETAIL_PAGE_BYTES } from '../lambdas/api/routes/captures.js';
import type { CliIo } from './io.js';

export const DEFAULT_WAIT_SECONDS = 600;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5000;
/** Without a terminal (CI logs), one progress line this often instead of a line that updates. */
const LOG_EVERY_MS = 15_000;

/** Clients printed one by one at most; more are counted per verdict (the capture item's counts). */
export const MAX_CLIENTS_BY_ADDRESS = 20;

export type WaitOutcome =
  | { state: 'DONE'; capture: CaptureRecord; clients: ClientVerdict[] }
  | { state: 'FAILED'; capture: CaptureRecord }
  | { state: 'TIMEOUT'; waitedMs: number };

export interface WaitDeps {
  captures: CaptureStore;
  sessions: SessionStore;
  io: CliIo;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export async function waitForAnalysis(
  deps: WaitDeps,
  tenantId: string,
  captureId: string,
  timeoutMs: number,
): Promise<WaitOutcome> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const { io } = deps;
  const started = now();
  let delay = FIRST_DELAY_MS;
  let logged = -Infinity;
  const line = (text: string) => {
    if (io.stderrIsTTY) io.stderr.write(`\r${text}\x1b[K`);
    else if (now() - logged >= LOG_EVERY_MS) {
      io.stderr.write(`${text}\n`);
      logged = now();
    }
  };
  const endLine = () => io.stderrIsTTY && io.stderr.write('\r\x1b[K');
  for (;;) {
    const capture = await deps.captures.get(tenantId, captureId, Math.floor(now() / 1000));
    const waited = now() - started;
    if (capture?.status === 'DONE') {
      endLine();
      // Past MAX_CLIENTS_BY_ADDRESS clients only their counts are printed: no session is read.
      if (clientsCounted(capture.clientVerdicts) > MAX_CLIENTS_BY_ADDRESS)
        return { state: 'DONE', capture, clients: [] };
      const sessions = await allSessions(deps.sessions, tenantId, captureId, Math.floor(now() / 1000));
      return { state: 'DONE', capture, clients: clientVerdicts(sessions) };
    }
    if (capture?.status === 'FAILED') {
      endLine();
      return { state: 'FAILED', capture };
    }
    if (waited >= timeoutMs) {
      endLine();
      return { state: 'TIMEOUT', waitedMs: waited };
    }
    line(
      `waiting for the analysis of ${captureId}: ${capture ? 'analysing' : 'not registered yet'}, ${Math.round(waited / 1000)} s`,
    );
    await sleep(Math.min(delay, Math.max(0, timeoutMs - waited)));
    delay = Math.min(delay * 1.5, MAX_DELAY_MS);
  }
}

async function allSessions(
  store: SessionStore,
  tenantId: string,
  captureId: string,
  nowEpoch: number,
): Promise<SessionDiagnosis[]> {
  const out: SessionDiagnosis[] = [];
  let key: DdbItem | undefined;
  do {
    const page = await store.pageForCapture(tenantId, captureId, nowEpoch, 200, MAX_DETAIL_PAGE_BYTES, key);
    out.push(...page.sessions);
    key = page.lastKey;
  } while (key);
  return out;
}
