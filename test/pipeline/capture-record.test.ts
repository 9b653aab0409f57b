// A capture item read back as the API's record: `clientVerdicts` is stored as JSON text by the
// analyzer, and a table item is read as untrusted input (an older item lacks it, a hand-edited
// or damaged one may hold anything): only known verdict codes with positive whole counts pass.
import { expect, it } from 'vitest';
import { toRecord } from '../../lambdas/store/capture-record.js';

const item = (clientVerdicts?: string) => ({
  captureId: 'c1',
  fileName: 'x.pcap',
  status: 'DONE',
  verdict: 'PSK_MISMATCH',
  ...(clientVerdicts === undefined ? {} : { clientVerdicts }),
});

it('reads the counts the analyzer wrote', () => {
  const stored = '[{"verdict":"PSK_MISMATCH","clients":43131},{"verdict":"TUNNEL_ESTABLISHED","clients":2}]';
  expect(toRecord(item(stored)).clientVerdicts).toEqual([
    { verdict: 'PSK_MISMATCH', clients: 43131 },
    { verdict: 'TUNNEL_ESTABLISHED', clients: 2 },
  ]);
});

it('has none on an item analysed before the field, or holding something unreadable', () => {
  expect(toRecord(item()).clientVerdicts).toBeUndefined();
  expect(toRecord(item('not json')).clientVerdicts).toBeUndefined();
  expect(toRecord(item('{"verdict":"PSK_MISMATCH","clients":1}')).clientVerdicts).toBeUndefined();
});

it('drops unknown codes, counts that are not positive whole numbers, and extra fields', () => {
  const stored = JSON.stringify([
    { verdict: '<script>', clients: 1 },
    { verdict: 'PSK_MISMATCH', clients: 0 },
    { verdict: 'PSK_MISMATCH', clients: 1.5 },
    { verdict: 'PSK_MISMATCH', clients: '3' },
    null,
    { verdict: 'ESP_ONE_WAY', clients: 3, extra: 'x' },
  ]);
  expect(toRecord(item(stored)).clientVerdicts).toEqual([{ verdict: 'ESP_ONE_WAY', clients: 3 }]);
});
