// `decode --json` writes a frame's Ethernet addresses as tshark's eth.src/eth.dst print them, not
// as the 48-bit number the decoder keeps for the Meraki OUI check.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { frameRecord } from '#shared/decode/format-frame.js';
import { decodeFile } from '../anyconnect/fixtures.js';
import { describeWithTshark } from '../support/tshark.js';

const SC = join(__dirname, '../fixtures/scenarios');

describeWithTshark('decode --json layers.srcMac and dstMac', () => {
  it.each(['success-nat-t', 'site-to-site-beside-client', 'radius-reject'])(
    'equals tshark eth.src and eth.dst in %s',
    async (c) => {
      const file = join(SC, c, 'capture.pcap');
      const ours = (await decodeFile(file)).map((f) => frameRecord(f).layers.srcMac);
      const r = spawnSync('tshark', ['-n', '-r', file, '-T', 'fields', '-e', 'eth.src'], { encoding: 'utf8' });
      const theirs = r.stdout.split('\n').slice(0, -1);
      expect(ours.length).toBeGreaterThan(0);
      expect(ours).toEqual(theirs);
    },
  );
});
