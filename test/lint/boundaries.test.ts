// The import boundaries are a rule of the linter; this plants violations in the places they
// guard and checks that the linter refuses each one (and accepts the same file without them).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Only the boundary rule, without type information: the planted files exist only in memory.
const eslint = new ESLint({
  cwd: process.cwd(),
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture boundaries (eslint.config.js)', () => {
  it('keeps Node I/O, AWS and adapters out of shared/', async () => {
    const planted = [
      "import { readFileSync } from 'node:fs';",
      "import { S3Client } from '@aws-sdk/client-s3';",
      "import { handler } from '../../lambdas/api/handler.js';",
      "import { main } from '../../cli/main.js';",
      'export const x = [readFileSync, S3Client, handler, main];',
    ].join('\n');
    const messages = await restrictedImports('shared/dns/planted.ts', planted);
    expect(messages).toHaveLength(4);
    expect(
      await restrictedImports(
        'shared/dns/planted.ts',
        "import { decodeDns } from './decode.js';\nexport const y = decodeDns;",
      ),
    ).toEqual([]);
  }, 60_000);

  it('keeps the CLI out of lambdas/ and Node out of the dashboard', async () => {
    expect(
      await restrictedImports(
        'lambdas/api/planted.ts',
        "import { main } from '../../cli/main.js';\nexport const m = main;",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'lambdas/dashboard/planted.ts',
        "import { readFile } from 'node:fs/promises';\nexport const r = readFile;",
      ),
    ).toHaveLength(1);
  }, 60_000);
});
