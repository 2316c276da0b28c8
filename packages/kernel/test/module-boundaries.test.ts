import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The boundary rule lives in eslint.config.js; this proves a violation fails lint.
const eslint = new ESLint({ cwd: process.cwd() });

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundary lint', () => {
  it('lets a module import the kernel, contracts and its own files', async () => {
    const messages = await lint('modules/customers/src/use-cases/example.ts', `import { newId } from '@voyage/kernel';\nimport { z } from 'zod';\nimport { thing } from '../db/schema';\nexport const x = [newId, z, thing];\n`);
    expect(messages).toEqual([]);
  });

  it('fails when a module imports another module, the server or kernel internals', async () => {
    const toOther = await lint('modules/customers/src/use-cases/example.ts', `import { x } from '../../../sales/src/public';\nexport const y = x;\n`);
    expect(toOther.join('\n')).toMatch(/may not reach into other modules/);
    const toServer = await lint('modules/customers/src/use-cases/example.ts', `import { buildApp } from '@voyage/server';\nexport const y = buildApp;\n`);
    expect(toServer.join('\n')).toMatch(/may import only @voyage\/kernel/);
  });

  it('keeps the kernel free of apps and modules, and the web app free of server code', async () => {
    const kernel = await lint('packages/kernel/src/example.ts', `import { buildApp } from '@voyage/server';\nexport const y = buildApp;\n`);
    expect(kernel.join('\n')).toMatch(/kernel does not depend/);
    const web = await lint('apps/web/src/example.ts', `import { newId } from '@voyage/kernel';\nexport const y = newId;\n`);
    expect(web.join('\n')).toMatch(/web app imports contracts/);
  });

  it('forbids reading process.env outside env.ts', async () => {
    const [result] = await eslint.lintText(`export const port = process.env.PORT;\n`, { filePath: 'packages/kernel/src/example.ts' });
    expect(result.messages.map((m) => m.ruleId)).toContain('no-restricted-properties');
  });
});
