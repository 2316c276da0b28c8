import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where uploaded bytes live. Keys are relative paths (`<workspace>/<yyyy>/<id>`), so an
 * S3-compatible store can replace the local one without touching the records.
 */
export interface FileStorage {
  /** Writes the stream; returns the bytes written. Rejects (and leaves nothing behind) if the stream errors. */
  put(key: string, body: Readable): Promise<number>;
  get(key: string): Readable;
  delete(key: string): Promise<void>;
}

/** Files under `<VOYAGE_DATA_DIR>/files`. */
export function localFileStorage(dataDir: string): FileStorage {
  const root = path.resolve(dataDir, 'files');
  const resolve = (key: string) => {
    const full = path.resolve(root, key);
    if (!full.startsWith(root + path.sep)) throw new Error(`Invalid storage key ${key}`);
    return full;
  };
  return {
    async put(key, body) {
      const full = resolve(key);
      await mkdir(path.dirname(full), { recursive: true });
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      try {
        await pipeline(body, createWriteStream(full));
      } catch (error) {
        await rm(full, { force: true });
        throw error;
      }
      return size;
    },
    get: (key) => createReadStream(resolve(key)),
    delete: (key) => rm(resolve(key), { force: true }),
  };
}

export const storageKey = (workspaceId: string, id: string, at = new Date()) => `${workspaceId}/${at.getUTCFullYear()}/${id}`;
