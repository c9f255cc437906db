import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { Executor } from '../../platform/db/database.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { TooLargeError } from '../../platform/storage.ts';
import { Problem } from '../../platform/http/problem.ts';
import './tables.ts';

export const ALLOWED_TYPES: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

export interface StoredFile {
  id: string;
  ownerId: string;
  storageKey: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

/** Keeps only a safe base name: no directories, no control characters, bounded length. */
export function safeFilename(name: string | undefined): string {
  const base = path.basename(String(name ?? '').replace(/\\/g, '/')).replace(/[\x00-\x1f\x7f"<>|:*?]/g, '').trim();
  return (base && base !== '.' && base !== '..' ? base : 'tep-tin').slice(0, 200);
}

/**
 * Stores an upload after checking its bytes: only PDF, JPEG and PNG, and the declared type
 * must be what the content really is. A rejected or interrupted upload leaves no file behind.
 */
export async function storeUpload(db: Executor, storage: FileStorage, a: { ownerId: string; stream: Readable; filename?: string; declaredType?: string; maxBytes: number }): Promise<StoredFile> {
  let put;
  try {
    put = await storage.put(a.stream, a.maxBytes);
  } catch (e) {
    if (e instanceof TooLargeError || (e as any)?.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new Problem(413, 'file_too_large', `Tệp quá lớn (tối đa ${Math.round(a.maxBytes / 1048576)} MB).`, `The file is too large (at most ${Math.round(a.maxBytes / 1048576)} MB).`, { errors: [{ field: 'file', message_vi: 'quá lớn', message_en: 'too large' }] });
    }
    // A full disk: nothing was kept (storage.put removed its partial write); the upload may be retried later.
    if ((e as any)?.code === 'ENOSPC' || (e as any)?.code === 'EDQUOT') {
      throw new Problem(507, 'storage_full', 'Hệ thống tạm thời không lưu được tệp (bộ nhớ lưu trữ đã đầy). Vui lòng thử lại sau.', 'The system cannot store files right now (storage is full). Please try again later.');
    }
    throw e;
  }
  // @fastify/multipart truncates silently at its own limit; treat that as too large too.
  if ((a.stream as any).truncated) {
    await storage.delete(put.key);
    throw new Problem(413, 'file_too_large', `Tệp quá lớn (tối đa ${Math.round(a.maxBytes / 1048576)} MB).`, `The file is too large (at most ${Math.round(a.maxBytes / 1048576)} MB).`, { errors: [{ field: 'file', message_vi: 'quá lớn', message_en: 'too large' }] });
  }
  const reject = async (vi: string, en: string, status = 415) => {
    await storage.delete(put.key);
    return new Problem(status, 'unsupported_file', vi, en, { errors: [{ field: 'file', message_vi: vi, message_en: en }] });
  };
  if (put.size === 0) throw await reject('Tệp rỗng.', 'The file is empty.', 400);
  const sniffed = await fileTypeFromBuffer(put.head);
  if (!sniffed || !ALLOWED_TYPES[sniffed.mime]) {
    throw await reject('Chỉ nhận tệp PDF, JPEG hoặc PNG.', 'Only PDF, JPEG or PNG files are accepted.');
  }
  const declared = (a.declaredType ?? '').split(';')[0].trim().toLowerCase();
  if (declared && declared !== 'application/octet-stream' && declared !== sniffed.mime) {
    throw await reject(`Loại tệp khai báo (${declared}) không khớp nội dung thực tế (${sniffed.mime}).`, `The declared type (${declared}) does not match the content (${sniffed.mime}).`);
  }
  let filename = safeFilename(a.filename);
  if (!ALLOWED_TYPES[sniffed.mime].some((ext) => filename.toLowerCase().endsWith(ext))) filename += ALLOWED_TYPES[sniffed.mime][0];
  try {
    const row = await db.insertInto('stored_file').values({
      owner_id: a.ownerId, storage_key: put.key, filename, mime: sniffed.mime, size: put.size, sha256: put.sha256,
    }).returningAll().executeTakeFirstOrThrow();
    return toFile(row);
  } catch (e) {
    await storage.delete(put.key);
    throw e;
  }
}

function toFile(r: any): StoredFile {
  return { id: r.id, ownerId: r.owner_id, storageKey: r.storage_key, filename: r.filename, mime: r.mime, size: Number(r.size), sha256: r.sha256, createdAt: r.created_at };
}

export async function getFiles(db: Executor, ids: string[]): Promise<StoredFile[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('stored_file').selectAll().where('id', 'in', ids).execute();
  return rows.map(toFile);
}

export function publicFile(f: StoredFile) {
  return { id: f.id, filename: f.filename, mime: f.mime, size: f.size, sha256: f.sha256, createdAt: f.createdAt };
}
