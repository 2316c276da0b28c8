#!/usr/bin/env node
// Runs the TypeScript CLI through tsx in this process: the packages ship as source, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
