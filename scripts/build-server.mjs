#!/usr/bin/env node
// Bundles the server (our TypeScript: apps/server, the kernel, contracts, modules) into
// dist/server/voyage.mjs with esbuild. npm packages stay external and load from node_modules.
// Running the bundle with plain Node starts faster and uses less memory than compiling the
// sources with tsx at every start (see docs/DECISIONS.md).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(root, 'dist/server/voyage.mjs');
const SOURCES = ['apps/server/src', 'packages/kernel/src', 'packages/contracts/src', 'modules', 'package.json', 'package-lock.json'];

function newestSourceTime() {
  let newest = 0;
  for (const input of SOURCES.map((p) => path.join(root, p)).filter((p) => existsSync(p))) {
    const files = statSync(input).isDirectory() ? readdirSync(input, { recursive: true }).map((f) => path.join(input, String(f))).filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`) && !f.includes(`${path.sep}test${path.sep}`)) : [input];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

export function serverBundleIsFresh() {
  return existsSync(SERVER_BUNDLE) && statSync(SERVER_BUNDLE).mtimeMs >= newestSourceTime();
}

export async function buildServer() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(root, 'apps/server/src/cli.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    // Our workspaces are TypeScript sources, so they are bundled; every npm package is external.
    plugins: [{
      name: 'externalize-npm-packages',
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@voyage/') ? undefined : { path: args.path, external: true }));
      },
    }],
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
  console.log(`Built ${path.relative(root, SERVER_BUNDLE)}`);
}
