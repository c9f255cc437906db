import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, startTestServer, TEST_SECURITY, type Api, type TestServer } from '../server.ts';
import { AN } from '../dossiers.ts';
import { tinyPdf, tinyPng } from '../fixtures.ts';

/**
 * Issue 6, below the JSON layer: oversized bodies, header floods, slow clients, and hostile
 * uploads (path-traversal names, polyglots, executables renamed .pdf). Over real sockets.
 */
let srv: TestServer;
let db: pg.Client;
let citizen: Api;
beforeAll(async () => {
  // A short request timeout so a slow client is cut within the test's time.
  srv = await startTestServer({ config: { security: { ...TEST_SECURITY, requestTimeoutMs: 2000 } } });
  db = new pg.Client({ connectionString: srv.dbUrl });
  await db.connect();
  citizen = await as(srv.base, AN.idNumber);
});
afterAll(async () => {
  await db?.end();
  await srv?.stop();
});

const port = () => Number(new URL(srv.base).port);
const count = async (t: string) => Number((await db.query(`select count(*) from ${t}`)).rows[0].count);
function filesOnDisk(): string[] {
  const out: string[] = [];
  const walk = (d: string) => { for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) e.isDirectory() ? walk(path.join(d, e.name)) : out.push(path.join(d, e.name)); };
  walk(srv.dataDir);
  return out;
}

/** Sends raw bytes, returns the raw answer (status line, headers, body) when the server closes or answers. */
function raw(chunks: (string | Buffer | { wait: number })[], opts: { end?: boolean; timeoutMs?: number } = {}): Promise<{ status: number; head: string; body: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const s = net.connect(port(), '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => { s.destroy(); reject(new Error(`no answer within ${opts.timeoutMs ?? 15000} ms: ${data.slice(0, 200)}`)); }, opts.timeoutMs ?? 15000);
    s.on('data', (d) => { data += d.toString('latin1'); });
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(timer);
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1] ?? 0), head, body: Buffer.from(body, 'latin1').toString('utf8'), ms: Date.now() - t0 });
    });
    s.on('connect', async () => {
      for (const c of chunks) {
        if (typeof c === 'object' && 'wait' in c) await new Promise((r) => setTimeout(r, c.wait));
        else if (!s.destroyed) s.write(c);
      }
      if (opts.end) s.end();
    });
  });
}

describe('oversized and slow requests, header floods', () => {
  it('a 2 MB JSON body is refused with 413 problem+json and writes nothing', async () => {
    const before = await count('dossier');
    const big = JSON.stringify({ procedureCode: '3.000333', form: { note: 'x'.repeat(2 * 1024 * 1024) }, documents: [] });
    const r = await citizen.call('POST', '/api/v1/dossiers', undefined, { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    const res = await fetch(`${srv.base}/api/v1/dossiers`, { method: 'POST', headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).message_vi).toMatch(/quá lớn/);
    expect(await count('dossier')).toBe(before);
  });

  it('header floods: oversized headers get 431 problem+json, thousands of small ones no 5xx; the server keeps serving', async () => {
    const huge = Array.from({ length: 40 }, (_, i) => `x-flood-${i}: ${'a'.repeat(1000)}\r\n`).join('');
    const r1 = await raw([`GET /api/v1/procedures HTTP/1.1\r\nhost: x\r\n${huge}\r\n`]);
    expect(r1.status).toBe(431);
    expect(r1.head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(r1.body)).toMatchObject({ status: 431, code: 'headers_too_large' });
    const many = Array.from({ length: 1500 }, (_, i) => `x${i}: 1\r\n`).join('');
    const r2 = await raw([`GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n${many}\r\n`]);
    expect(r2.status).toBeGreaterThanOrEqual(200);
    expect(r2.status).toBeLessThan(500);
    const bad = await raw(['GET /healthz HTTP/1.1\r\nhost: x\r\nbad header line\r\n\r\n']);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message_en).toBeTruthy();
    expect((await fetch(`${srv.base}/healthz`)).status).toBe(200);
  });

  it('a slow client (body never finished) is answered 408 problem+json after the request timeout and nothing is written', async () => {
    const before = await count('dossier');
    const head = `POST /api/v1/dossiers HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${citizen.token}\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n`;
    const r = await raw([head, '{"procedureCode":"3.000', { wait: 500 }, '333",'], { timeoutMs: 45_000 });
    expect(r.status).toBe(408);
    expect(r.head).toMatch(/application\/problem\+json/i);
    expect(JSON.parse(r.body)).toMatchObject({ status: 408, code: 'timeout' });
    console.log(`slow client cut after ${r.ms} ms (request timeout 2000 ms)`);
    // A client that gives up half-way: nothing stored, the server still answers others.
    const gaveUp = raw([head, '{"procedureCode":'], { end: true, timeoutMs: 10_000 }).catch(() => null);
    await gaveUp;
    expect(await count('dossier')).toBe(before);
    expect((await fetch(`${srv.base}/healthz`)).status).toBe(200);
  }, 90_000);
});

describe('hostile uploads', () => {
  async function upload(bytes: Buffer, filename: string, type = 'application/pdf') {
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
    return citizen.post('/api/v1/files', f);
  }
  const pdf = tinyPdf();

  it('path-traversal and header-injection file names are stored under a safe name, inside the storage folder, served with a safe Content-Disposition', async () => {
    for (const name of ['../../../../etc/passwd.pdf', '..\\..\\boot.ini.pdf', '/etc/shadow.pdf', 'a"\r\nx-injected: 1.pdf', '%2e%2e%2fsecret.pdf', '\u202egpj.pdf', `${'ư'.repeat(300)}.pdf`, '.htaccess.pdf', 'con.pdf']) {
      const r = await upload(pdf, name);
      expect(r.status, name).toBe(201);
      expect(r.body.filename, name).not.toMatch(/[/\\\r\n"]|\.\.\//);
      const got = await fetch(`${srv.base}/api/v1/files/${r.body.id}`, { headers: { authorization: `Bearer ${citizen.token}` } });
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('x-injected')).toBeNull();
      const cd = got.headers.get('content-disposition')!;
      expect(cd).toMatch(/^(inline|attachment); filename\*=UTF-8''[A-Za-z0-9%._~!*'()-]+$/);
      expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
    }
    // Everything written stayed inside the server's data folder.
    for (const f of filesOnDisk()) expect(path.resolve(f).startsWith(path.resolve(srv.dataDir))).toBe(true);
    expect(fs.existsSync('/etc/passwd.pdf')).toBe(false);
  });

  it('executables, scripts and HTML named .pdf/.png are refused (problem+json) and leave no row and no file', async () => {
    const rows = await count('stored_file');
    const files = filesOnDisk().length;
    const cases: [string, Buffer, string][] = [
      ['setup.pdf', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(200, 0), Buffer.from('PE\0\0', 'latin1')]), 'application/pdf'],
      ['a.out.pdf', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]), 'application/pdf'],
      ['run.pdf', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'application/pdf'],
      ['page.pdf', Buffer.from('<!doctype html><html><script>window.__xss=1</script></html>'), 'application/pdf'],
      ['image.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"/>'), 'image/png'],
      ['archive.pdf', Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00' + 'x'.repeat(100), 'latin1'), 'application/pdf'],
      ['lie.png', pdf, 'image/png'],
      ['empty.pdf', Buffer.alloc(0), 'application/pdf'],
    ];
    for (const [name, bytes, type] of cases) {
      const r = await upload(bytes, name, type);
      expect(r.status, name).toBeGreaterThanOrEqual(400);
      expect(r.status, name).toBeLessThan(500);
      expect(r.headers.get('content-type'), name).toContain('application/problem+json');
      expect(r.body.message_vi && r.body.message_en, name).toBeTruthy();
    }
    expect(await count('stored_file')).toBe(rows);
    expect(filesOnDisk().length).toBe(files);
  });

  it('a PDF/HTML polyglot is kept only as a PDF: served as application/pdf with nosniff, never as HTML', async () => {
    const poly = Buffer.concat([pdf.subarray(0, pdf.length), Buffer.from('\n<html><body><script>window.__xss=1</script></body></html>\n')]);
    const r = await upload(poly, 'poly.html', 'application/pdf');
    expect(r.status).toBe(201);
    expect(r.body.mime).toBe('application/pdf');
    expect(r.body.filename).toMatch(/\.pdf$/);
    const got = await fetch(`${srv.base}/api/v1/files/${r.body.id}`, { headers: { authorization: `Bearer ${citizen.token}` } });
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    // An image that is also a script: served as the image it is.
    const png = await upload(Buffer.concat([tinyPng(), Buffer.from('<script>window.__xss=1</script>')]), 'x.png', 'image/png');
    expect(png.status).toBe(201);
    expect(png.body.mime).toBe('image/png');
  });
});
