// Lint: typescript-eslint's recommended rules, a few type-aware rules that catch real bugs in
// async adapter code, and the architecture as import boundaries (docs in README, "Code layout").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Node.js built-ins by module specifier (a regex, so '../net/udp.js' is not mistaken for 'net').
const nodeBuiltins = { regex: '^(node:.*|fs|fs/.*|path|os|process|child_process|http|https|net|stream|crypto)$' };

export default tseslint.config(
  { ignores: ['dist/**', 'cdk.out/**', 'node_modules/**', '**/*.d.ts', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Type-aware: a forgotten await in a handler loses errors and data.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Decoders match control characters on purpose: they escape hostile bytes before display.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests and scripts read CloudFormation templates and JSON reports as loose data.
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The pure core: bytes and typed records in and out; no I/O, environment, clock source, AWS
    // or adapters. node:crypto is the one platform port (shared/platform/node-crypto.d.ts).
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'node:crypto', message: 'only shared/diagnosis/nat-detection.ts may hash' }],
          patterns: [
            { ...nodeBuiltins, message: 'shared/ is the pure core: pass data in, no Node.js I/O.' },
            {
              group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@aws-lambda-powertools/*'],
              message: 'shared/ knows no AWS.',
            },
            {
              group: ['**/lambdas/**', '**/cli/**', '**/cdk/**', '**/scripts/**'],
              message: 'shared/ depends on no adapter.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'process',
        'Buffer',
        'window',
        'document',
        'fetch',
        'setTimeout',
        'setInterval',
      ],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'pass the time in' }],
    },
  },
  {
    files: ['shared/diagnosis/nat-detection.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/lambdas/**', '**/cli/**', '**/cdk/**'], message: 'shared/ depends on no adapter.' }],
        },
      ],
    },
  },
  {
    // Lambda code is packaged without the CLI; the dashboard runs in a browser.
    files: ['lambdas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/**', '**/scripts/**'], message: 'lambdas/ must not import the CLI.' }] },
      ],
    },
  },
  {
    files: ['lambdas/dashboard/**/*.ts'],
    rules: {
      // DOM event handlers may be async (each shows its own errors); promises elsewhere are still checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...nodeBuiltins, message: 'the dashboard runs in a browser.' },
            {
              group: ['@aws-sdk/*', '**/cli/**', '**/cdk/**'],
              message: 'the dashboard talks to the API over HTTP only.',
            },
            {
              regex: '^(\\.\\./)+(api|store|analyze|auth|local|storage)/',
              message: 'the dashboard talks to the API over HTTP only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
