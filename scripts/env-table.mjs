#!/usr/bin/env node
// Prints the README's table of environment variables from the kernel's env.ts (the only source).
// `--write` updates README.md between the env-table markers; `--check` fails when README is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { describeEnv } = await import('../packages/kernel/src/env.ts');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = path.join(root, 'README.md');
const START = '<!-- env-table:start -->';
const END = '<!-- env-table:end -->';

const cell = (s) => String(s).replace(/\|/g, '\\|');
const table = [
  '| Variable | Default | Description |',
  '|---|---|---|',
  ...describeEnv().map((v) => `| \`${v.name}\` | ${v.default === undefined ? '—' : `\`${cell(v.default)}\``} | ${cell(v.description)} |`),
].join('\n');

const mode = process.argv[2];
if (!mode) {
  console.log(table);
} else {
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  const next = `${text.slice(0, from + START.length)}\n${table}\n${text.slice(to)}`;
  if (mode === '--write') writeFileSync(readme, next);
  else if (mode === '--check' && next !== text) {
    console.error('README.md lists stale environment variables: run `node scripts/env-table.mjs --write`.');
    process.exit(1);
  }
}
