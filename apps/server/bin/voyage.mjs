#!/usr/bin/env node
// The `voyage` CLI. Runs the bundled server (dist/server/voyage.mjs, built by `npm run build` or
// `npm start`) when it is up to date with the sources; otherwise compiles the TypeScript sources
// in this process with tsx, so a checkout works without a build step.
const { serverBundleIsFresh, SERVER_BUNDLE } = await import('../../../scripts/build-server.mjs');
if (serverBundleIsFresh()) {
  await import(SERVER_BUNDLE);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
