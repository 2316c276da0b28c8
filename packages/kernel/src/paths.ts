import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found by walking up from this file to the root package.json. Files
 * the server reads at run time (migrations, SQL, the built web app) are located from here, so
 * the same code works from TypeScript sources and from the bundled server in dist/.
 */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'voyage-crm') return dir;
    if (path.dirname(dir) === dir) throw new Error(`Cannot find the Voyage CRM root above ${start}`);
  }
}

export const projectPath = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
