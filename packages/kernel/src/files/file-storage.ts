import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Env } from '../env';

/**
 * Where uploaded and generated files live. Keys are relative paths (`files/<workspace>/<yyyy>/<id>`,
 * `imports/<workspace>/<id>`), so an S3-compatible store can replace the local one without
 * touching the records that point at them.
 */
export interface FileStorage {
  /** Writes the content; returns the bytes written. Rejects, leaving nothing behind, if the stream errors. */
  put(key: string, content: Readable | Buffer): Promise<number>;
  get(key: string): Readable;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Files under the data directory (VOYAGE_DATA_DIR). */
export function localFileStorage(dataDir: string): FileStorage {
  const root = path.resolve(dataDir);
  const resolve = (key: string) => {
    const full = path.resolve(root, key);
    if (!full.startsWith(root + path.sep)) throw new Error(`Storage key outside the data directory: ${key}`);
    return full;
  };
  return {
    async put(key, content) {
      const full = resolve(key);
      await mkdir(path.dirname(full), { recursive: true });
      try {
        await pipeline(Buffer.isBuffer(content) ? Readable.from([content]) : content, createWriteStream(full));
      } catch (error) {
        await rm(full, { force: true });
        throw error;
      }
      return (await stat(full)).size;
    },
    get: (key) => createReadStream(resolve(key)),
    delete: (key) => rm(resolve(key), { force: true }),
    exists: (key) => stat(resolve(key)).then(() => true, () => false),
  };
}

const byDataDir = new Map<string, FileStorage>();

/** The file storage of this deployment: the one place that picks the backend (local files today). */
export function fileStorage(env: Pick<Env, 'VOYAGE_DATA_DIR'>): FileStorage {
  let storage = byDataDir.get(env.VOYAGE_DATA_DIR);
  if (!storage) {
    storage = localFileStorage(env.VOYAGE_DATA_DIR);
    byDataDir.set(env.VOYAGE_DATA_DIR, storage);
  }
  return storage;
}
