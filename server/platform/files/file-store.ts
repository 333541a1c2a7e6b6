import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where file bytes live. The local-disk store is the default; an object store (S3-compatible, or a
 * government cloud's OSS) implements the same calls. Metadata and access checks live in the
 * database (`stored_files`), never in the store.
 */
export interface FileStore {
  put(bytes: Buffer): Promise<string>;
  /** Opens the bytes for streaming; rejects (before anything is sent) when they are missing. */
  open(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
}

export class LocalDiskStore implements FileStore {
  constructor(private readonly root: string) {}

  private resolve(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error('invalid storage key');
    return path.join(this.root, key);
  }

  async put(bytes: Buffer): Promise<string> {
    const id = crypto.randomBytes(32).toString('hex');
    const key = `${id.slice(0, 2)}/${id}`;
    const file = this.resolve(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
    return key;
  }

  async open(key: string): Promise<Readable> {
    const handle = await fs.open(this.resolve(key), 'r');
    return handle.createReadStream();
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.resolve(key), { force: true });
  }
}
