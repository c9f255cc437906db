import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { faultArmed } from './faults.ts';

/** Where uploaded files live. The local disk today; an S3-compatible store can implement the same. */
export interface FileStorage {
  /** Streams `body` into storage under a new key; rejects (and keeps nothing) past `maxBytes`. */
  put(body: Readable, maxBytes: number): Promise<{ key: string; size: number; sha256: string; head: Buffer }>;
  get(key: string): Readable;
  delete(key: string): Promise<void>;
  /** Every stored object, and leftovers of interrupted writes (`partial`), for the orphan sweep. */
  list(): AsyncIterable<{ key: string; partial: boolean; modifiedAt: Date }>;
}

export class TooLargeError extends Error {}

export class LocalStorage implements FileStorage {
  constructor(private root: string) {}

  private file(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error('bad storage key');
    return path.join(this.root, key);
  }

  async put(body: Readable, maxBytes: number) {
    const id = crypto.randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const final = this.file(key);
    await fsp.mkdir(path.dirname(final), { recursive: true });
    const tmp = `${final}.part`;
    const hash = crypto.createHash('sha256');
    let size = 0;
    const heads: Buffer[] = [];
    let headLen = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > maxBytes) return cb(new TooLargeError(`larger than ${maxBytes} bytes`));
        // Fault injection (MOTCUA_FAULTS=storage.full): the disk fills up part-way through a write.
        if (size > 1024 && faultArmed('storage.full')) return cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        hash.update(chunk);
        if (headLen < 4100) {
          heads.push(chunk);
          headLen += chunk.length;
        }
        cb(null, chunk);
      },
    });
    try {
      // Write then rename, so a reader never sees a half-written file under its key.
      await pipeline(body, meter, fs.createWriteStream(tmp, { flags: 'wx' }));
      await fsp.rename(tmp, final);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
    return { key, size, sha256: hash.digest('hex'), head: Buffer.concat(heads).subarray(0, 4100) };
  }

  get(key: string): Readable {
    return fs.createReadStream(this.file(key));
  }

  async delete(key: string) {
    await fsp.rm(this.file(key), { force: true });
  }

  /** Removes the leftover of a write interrupted by a crash (`<key>.part`). */
  async deletePartial(key: string) {
    await fsp.rm(`${this.file(key)}.part`, { force: true });
  }

  async *list() {
    const dirs = await fsp.readdir(this.root).catch(() => [] as string[]);
    for (const d of dirs) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      for (const name of await fsp.readdir(path.join(this.root, d)).catch(() => [] as string[])) {
        const partial = name.endsWith('.part');
        const id = partial ? name.slice(0, -'.part'.length) : name;
        if (!/^[0-9a-f-]{36}$/.test(id)) continue;
        const st = await fsp.stat(path.join(this.root, d, name)).catch(() => null);
        if (st) yield { key: `${d}/${id}`, partial, modifiedAt: st.mtime };
      }
    }
  }
}
