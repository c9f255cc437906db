import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { Api } from '../server.ts';
import { tinyPdf, upload } from '../fixtures.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../process.ts';
import { report } from './report.ts';
import { faultWorld, useCleanup } from './setup.ts';

/**
 * Uploads cut off by the client, by a server crash, and by a full disk: no record points at a
 * missing file, and no file is left without a record (the sweep at start removes leftovers).
 */
const defer = useCleanup();

async function filesOnDisk(root: string) {
  const out: string[] = [];
  for (const d of await fs.readdir(root).catch(() => [] as string[])) for (const f of await fs.readdir(path.join(root, d)).catch(() => [] as string[])) out.push(`${d}/${f}`);
  return out;
}

/** Starts a multipart upload, sends `bytes` of a PDF slowly, and never finishes it. */
function slowUpload(url: string, token: string, bytes: number): http.ClientRequest {
  const boundary = `----motcua${crypto.randomBytes(6).toString('hex')}`;
  const u = new URL('/api/v1/files', url);
  const req = http.request(u, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(bytes + 10_000) } });
  req.on('error', () => {});
  req.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="lon.pdf"\r\ncontent-type: application/pdf\r\n\r\n`);
  req.write(tinyPdf('bắt đầu'));
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= bytes || req.destroyed) return clearInterval(timer);
    req.write(Buffer.alloc(16_384, 0x20));
    sent += 16_384;
  }, 20);
  return req;
}

describe(`interrupted uploads and a full disk (${inject('pgKind')})`, () => {
  it('leaves no record without its file and no file without its record', async () => {
    const { dbUrl, dataDir, sql, port } = await faultWorld(defer);
    const root = path.join(dataDir, 'files');
    const env = { DATABASE_URL: dbUrl, DATA_DIR: dataDir, PORT: String(port), FILE_SWEEP_GRACE_SECONDS: '1' };
    // (The template database's demo rows point at files of another data directory: only this run's count.)
    const since = new Date();
    let server: ServerProcess = await startServerProcess(env);
    defer(() => stopServerProcess(server, 'SIGKILL'));
    const an = await new Api(server.url).login('001090012345');
    for (let i = 0; i < 3; i++) expect((await upload(an, tinyPdf(`tệp ${i}`))).status).toBe(201);
    const rows = async () => Number((await sql.selectFrom('stored_file').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '>=', since).executeTakeFirstOrThrow()).n);
    const rowsBefore = await rows();

    // 1. The client gives up half-way: nothing recorded, nothing left on disk.
    const cut = slowUpload(server.url, an.token!, 400_000);
    await new Promise((r) => setTimeout(r, 300));
    cut.destroy();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await rows()).toBe(rowsBefore);
    expect((await filesOnDisk(root)).filter((f) => f.endsWith('.part'))).toEqual([]);

    // 2. The server is killed mid-upload: a partial write stays behind, and (as after a crash
    //    between storing and recording) a stored object nobody recorded.
    slowUpload(server.url, an.token!, 2_000_000);
    await new Promise((r) => setTimeout(r, 400));
    await stopServerProcess(server, 'SIGKILL');
    const partials = (await filesOnDisk(root)).filter((f) => f.endsWith('.part'));
    const orphanId = crypto.randomUUID();
    await fs.mkdir(path.join(root, orphanId.slice(0, 2)), { recursive: true });
    await fs.writeFile(path.join(root, orphanId.slice(0, 2), orphanId), tinyPdf('không ai ghi nhận'));
    await new Promise((r) => setTimeout(r, 1500)); // older than the sweep's grace period

    // 3. Restarted with a full disk: the sweep at start removes the leftovers; an upload is refused cleanly.
    server = await startServerProcess({ ...env, MOTCUA_FAULTS: 'storage.full' });
    let left: string[] = [];
    for (let i = 0; i < 100; i++) {
      left = await filesOnDisk(root);
      if (!left.some((f) => f.endsWith('.part') || f.endsWith(orphanId))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const an2 = await new Api(server.url).login('001090012345');
    const full = await upload(an2, Buffer.concat([tinyPdf('đầy'), Buffer.alloc(50_000, 0x20)]));
    expect(full.status).toBe(507);
    expect(full.headers.get('content-type')).toMatch(/problem\+json/);
    expect(full.body.message_vi).toMatch(/đầy/);

    // Invariants: every record has its file, every file has its record.
    const disk = new Set(await filesOnDisk(root));
    const recorded = (await sql.selectFrom('stored_file').select('storage_key').where('created_at', '>=', since).execute()).map((r) => r.storage_key);
    const missing = recorded.filter((k) => !disk.has(k));
    const unrecorded = [...disk].filter((k) => !recorded.includes(k));
    report('interrupted uploads and a full disk', {
      'files recorded': recorded.length, 'files on disk': disk.size, 'partial writes after the kill': partials.length,
      'left after the sweep': left.filter((f) => f.endsWith('.part') || f.endsWith(orphanId)).length,
      'records without a file': missing.length, 'files without a record': unrecorded.length, 'full-disk answer': full.status,
    });
    expect(partials.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
    expect(unrecorded).toEqual([]);
    expect(await rows()).toBe(rowsBefore);
    await stopServerProcess(server);
  });
});
