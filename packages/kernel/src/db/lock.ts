import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

/**
 * PGlite is single-process: two processes on one data directory silently lose writes.
 * The embedded server takes this lock; a second start fails with a clear message.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'voyage.lock');
  const tryCreate = () => {
    const fd = openSync(file, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
  };
  try {
    tryCreate();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new AppError('conflict', {
        message: `The data directory ${path.resolve(dataDir)} is in use by another Voyage process (pid ${pid}). The embedded database allows one process only; stop it first, or set DATABASE_URL to use PostgreSQL.`,
      });
    }
    rmSync(file, { force: true }); // stale lock from a crashed process
    tryCreate();
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
