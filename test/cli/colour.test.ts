// Issue 10.13: colour on a terminal only, off with NO_COLOR and when stdout is not a TTY.
import { expect, it } from 'vitest';
import { colourCodes, useColour } from '../../cli/colour.js';
import { runCli } from './run-cli.js';

it('colours verdict codes on a terminal only, never with NO_COLOR or TERM=dumb', () => {
  expect(useColour(true, {})).toBe(true);
  expect(useColour(false, {})).toBe(false);
  expect(useColour(true, { NO_COLOR: '1' })).toBe(false);
  expect(useColour(true, { TERM: 'dumb' })).toBe(false);
  expect(colourCodes('Verdict: PSK_MISMATCH')).toBe('Verdict: \x1b[31;1mPSK_MISMATCH\x1b[0m');
  expect(colourCodes('Verdict: TUNNEL_ESTABLISHED')).toContain('\x1b[32;1m');
  expect(colourCodes('UDP_PORT_X stays')).toBe('UDP_PORT_X stays');
});

it('writes no escape codes when stdout is not a terminal', async () => {
  const r = await runCli(['analyze', 'test/fixtures/scenarios/wrong-psk-nat/capture.pcap']);
  expect(r.stdout).toContain('PSK_MISMATCH');
  expect(r.stdout).not.toContain('\x1b[');
});
