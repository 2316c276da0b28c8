import { readdirSync, existsSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The modules of MISSION.md P1, plus any other folder under modules/.
const KNOWN_MODULES = ['customers', 'sales', 'marketing', 'service', 'success', 'automation', 'analytics', 'integrations'];
const present = existsSync('modules') ? readdirSync('modules', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
const modules = [...new Set([...KNOWN_MODULES, ...present])];

// Module boundaries (ARCHITECTURE §1): a module imports only @voyage/kernel, @voyage/contracts
// and its own files. Other modules are reached through the registry's public APIs and events.
const moduleBoundaries = modules.flatMap((name) => [false, true].map((isTest) => ({
  files: isTest ? [`modules/${name}/test/**/*.ts`] : [`modules/${name}/**/*.ts`, `modules/${name}/**/*.tsx`],
  // Tests may also use the shared harness, @voyage/testing.
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: ['@voyage/*', '!@voyage/kernel', '!@voyage/contracts', ...(isTest ? ['!@voyage/testing'] : [])], message: 'A module may import only @voyage/kernel, @voyage/contracts and its own files.' },
        { group: ['../../../*', '../../../../*', '**/apps/**', '**/packages/**', ...modules.filter((m) => m !== name).map((m) => `**/modules/${m}/**`)], message: 'A module may not reach into other modules, apps or package internals.' },
      ],
    }],
  },
})));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'migrations/**', 'e2e/artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', window: 'readonly', document: 'readonly', localStorage: 'readonly', navigator: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['packages/kernel/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@voyage/server*', '@voyage/web*', '**/modules/**', '**/apps/**'], message: 'The kernel does not depend on apps or modules.' }] }] },
  },
  {
    files: ['packages/contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@voyage/*', '**/apps/**', '**/modules/**', '**/kernel/**'], message: 'Contracts depend on zod only.' }] }] },
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@voyage/kernel*', '@voyage/server*', '**/modules/**', '**/apps/server/**', '**/packages/kernel/**'], message: 'The web app imports contracts and the API client only.' }] }] },
  },
  {
    // process.env is read only by the kernel's env.ts (and the test/bench harness, which picks the database).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['packages/kernel/src/env.ts', 'test/**', 'bench/**', 'e2e/**', '*.config.ts', 'apps/web/vite.config.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through the kernel env.ts only.' }] },
  },
  ...moduleBoundaries,
);
