// The CDR spool's file system: a SpoolStorage (src/cdr/spool-storage.ts) over one directory with
// node:fs. New files and atomic replacements sync the directory too, so a crash cannot lose a
// segment's directory entry or leave a half-written cursor. The directory is created with the
// first segment; until then it reads as empty.
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpoolFile, SpoolStorage } from '../cdr/spool-storage.js';

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function spoolFile(handle: FileHandle): SpoolFile {
  return {
    async write(data) {
      for (let done = 0; done < data.length; ) done += (await handle.write(data, done, data.length - done)).bytesWritten;
    },
    sync: () => handle.datasync(),
    close: () => handle.close(),
  };
}

const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

/** The spool in `dir`. */
export function fsSpoolStorage(dir: string): SpoolStorage {
  return {
    async list() {
      try {
        return await readdir(dir);
      } catch (e) {
        if (missing(e)) return [];
        throw e;
      }
    },
    async create(name) {
      await mkdir(dir, { recursive: true });
      const handle = await open(join(dir, name), 'ax');
      await syncDir(dir);
      return spoolFile(handle);
    },
    async read(name, offset, length) {
      const handle = await open(join(dir, name), 'r');
      try {
        const want = Math.max(0, Math.min(length, (await handle.stat()).size - offset));
        const buf = Buffer.allocUnsafe(want);
        let got = 0;
        while (got < want) {
          const { bytesRead } = await handle.read(buf, got, want - got, offset + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        return buf.subarray(0, got);
      } finally {
        await handle.close();
      }
    },
    remove: (name) => rm(join(dir, name), { force: true }),
    async writeAtomic(name, text) {
      const tmp = join(dir, `.${name}.tmp`);
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(text);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(tmp, join(dir, name));
      await syncDir(dir);
    },
    async readText(name) {
      try {
        return await readFile(join(dir, name), 'utf8');
      } catch (e) {
        if (missing(e)) return undefined;
        throw e;
      }
    },
  };
}
