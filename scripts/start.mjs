#!/usr/bin/env node
// `npm start`: builds the web app and the server bundle when missing or older than their sources,
// then runs `voyage serve` from the bundle.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'apps/web');
const builtIndex = path.join(web, 'dist/index.html');

function newestSourceTime() {
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => path.join(web, p)).filter((p) => existsSync(p));
  let newest = 0;
  for (const input of inputs) {
    const files = statSync(input).isDirectory() ? readdirSync(input, { recursive: true }).map((f) => path.join(input, String(f))) : [input];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

function buildWebIfNeeded() {
  if (!existsSync(path.join(web, 'index.html'))) {
    console.log('apps/web has no index.html yet: skipping the web build, serving the API only.');
    return;
  }
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestSourceTime()) return;
  let vite;
  try {
    const pkg = createRequire(import.meta.url).resolve('vite/package.json');
    vite = path.join(path.dirname(pkg), 'bin/vite.js');
  } catch {
    console.log(existsSync(builtIndex) ? 'Vite is not installed; serving the existing web build.' : 'Vite is not installed (npm install --omit=dev), so the web app cannot be built; serving the API only.');
    return;
  }
  console.log('Building the web app…');
  const result = spawnSync(process.execPath, [vite, 'build', web, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The web app build failed.');
    process.exit(result.status ?? 1);
  }
}

buildWebIfNeeded();
const { buildServer, serverBundleIsFresh, SERVER_BUNDLE } = await import('./build-server.mjs');
if (!serverBundleIsFresh()) {
  console.log('Building the server…');
  await buildServer();
}
process.argv = [process.argv[0], SERVER_BUNDLE, 'serve'];
await import(SERVER_BUNDLE);
