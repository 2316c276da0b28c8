import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/** Where uploaded and generated files live: keys like `imports/<workspace>/<id>`. */
export interface FileStorage {
  write(key: string, content: Readable | Buffer): Promise<number>;
  read(key: string): Readable;
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Files under the data directory; another backend (S3) would implement the same interface. */
export function localFileStorage(dataDir: string): FileStorage {
  const root = resolve(dataDir);
  const pathOf = (key: string) => {
    const path = resolve(join(root, key));
    if (!path.startsWith(root)) throw new Error(`Storage key outside the data directory: ${key}`);
    return path;
  };
  return {
    async write(key, content) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      if (Buffer.isBuffer(content)) {
        await pipeline([content] as unknown as Readable, createWriteStream(path));
      } else {
        await pipeline(content, createWriteStream(path));
      }
      return (await stat(path)).size;
    },
    read: (key) => createReadStream(pathOf(key)),
    remove: (key) => rm(pathOf(key), { force: true }),
    exists: (key) => stat(pathOf(key)).then(() => true, () => false),
  };
}
