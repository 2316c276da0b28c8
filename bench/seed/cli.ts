#!/usr/bin/env node
// `npx tsx bench/seed/cli.ts --scale 10k [--seed 1]`: what `voyage seed --scale` runs.
import { seedScaleCommand } from './seed-command';

seedScaleCommand(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
