// Development aid: `npx tsx test/dashboard/dev-fixture.ts` serves the built dashboard with the
// fixture server and a few sample captures, and prints the URL.
import { resolve } from 'node:path';
import { startFixtureServer } from './fixture-server.js';
import { analyzeCapture } from '../../shared/analyze.js';

const srv = await startFixtureServer({
  staticDir: resolve('dist/dashboard'),
  keys: {
    'tenant-key': { tenantId: 't-acme', tenantName: 'Acme Corp', operator: false, tenants: [{ tenantId: 't-acme', name: 'Acme Corp' }] },
    'msp-key': { tenantId: 't-msp', tenantName: 'MSP home', operator: true, tenants: [{ tenantId: 't-acme', name: 'Acme Corp' }, { tenantId: 't-globex', name: 'Globex' }] },
  },
  analyze: async (bytes, fileName) => {
    async function* one() {
      yield bytes;
    }
    return analyzeCapture(one(), { fileName });
  },
});
console.log(srv.url);
