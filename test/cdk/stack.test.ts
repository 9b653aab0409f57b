// Synthesizes the real stack once (real esbuild bundling of both handlers) and runs every
// suite against it; one synthesis keeps the area's test time low on a shared two-core machine.
import { afterAll } from 'vitest';
import { apiHostingSuite } from './api-hosting.suite.js';
import { functionsSuite, monitoringSuite } from './functions.suite.js';
import { nagSuite } from './nag.suite.js';
import { storageSuite } from './storage.suite.js';
import { synthStack } from './synth-stack.js';

const synthesized = synthStack();
afterAll(() => synthesized.cleanup());

storageSuite(synthesized);
functionsSuite(synthesized);
monitoringSuite(synthesized);
apiHostingSuite(synthesized);
nagSuite(synthesized);
