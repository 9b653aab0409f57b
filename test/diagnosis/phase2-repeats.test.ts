// Phase 2 repeats said as they happened, on real captures: who repeated (the guide's picture is
// both sides), and no retransmission finding where the MX answered quick mode 1 with its
// rejection and the client resent on its own timer (libreswan ignores the rejection).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionDiagnosis } from '#shared/report/types.js';
import { analyzeFile } from './analyze-file.js';

const ROOT = join(__dirname, '../fixtures/scenarios');

async function onlySession(name: string): Promise<SessionDiagnosis> {
  const report = await analyzeFile(join(ROOT, name, 'capture.pcap'));
  expect(report.sessions).toHaveLength(1);
  return report.sessions[0];
}

function phase2Repeats(s: SessionDiagnosis) {
  return s.findings.find((f) => f.code === 'PHASE2_RETRANSMITTED');
}

describe('PHASE2_RETRANSMITTED says who repeated', () => {
  it('only the client: libreswan resends quick mode 1, the MX never answers', async () => {
    const f = phase2Repeats(await onlySession('libreswan-qm-no-answer'));
    expect(f?.explanation.en).toMatch(/^The client kept sending quick mode 1/);
    expect(f?.explanation.en).not.toMatch(/both sides/i);
    expect(f?.explanation.ja).toMatch(/^クライアントがクイックモード 1/);
  });

  it('both sides: the MX resends quick mode 2 whose copies are lost on the way back', async () => {
    const f = phase2Repeats(await onlySession('qm-replies-lost'));
    expect(f?.explanation.en).toMatch(/^Both sides kept sending/);
  });

  it('not at all after the MX rejected quick mode 1: the rule declines, the MX answered', async () => {
    const s = await onlySession('libreswan-phase2-mismatch');
    expect(phase2Repeats(s)).toBeUndefined();
    expect(s.rules.find((r) => r.rule === 'phase2-retransmitted')).toMatchObject({
      outcome: 'declined',
      because: 'answered',
    });
  });
});
