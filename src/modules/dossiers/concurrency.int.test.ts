import { describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { as } from '../../../test/server.ts';
import { useDossierSuite, step, submissionFor } from '../../../test/dossiers.ts';

const t = useDossierSuite();

async function countDossiers(): Promise<number> {
  const c = new pg.Client({ connectionString: t.srv.dbUrl });
  await c.connect();
  const r = await c.query('select count(*)::int as n from dossier');
  await c.end();
  return r.rows[0].n;
}

describe(`concurrency and retries (${inject('pgKind')})`, () => {
  it('gives every concurrent submission its own sequential code', async () => {
    const body = await submissionFor(t.citizen, t.proc);
    const results = await Promise.all(Array.from({ length: 40 }, () => t.citizen.post('/api/v1/dossiers', body)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const codes = results.map((r) => r.body.code as string);
    expect(new Set(codes).size).toBe(40);
    const seqs = codes.map((c) => Number(c.split('-').pop())).sort((a, b) => a - b);
    // Daily sequence numbers are dense: no gaps, no repeats.
    expect(seqs[seqs.length - 1] - seqs[0]).toBe(39);
  });

  it('replays a retried submission with the same Idempotency-Key instead of creating a second dossier', async () => {
    const body = await submissionFor(t.citizen, t.proc);
    const before = await countDossiers();
    const key = `retry-${Math.random()}`;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => t.citizen.post('/api/v1/dossiers', body, { 'idempotency-key': key })));
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);
    expect([a, b, c].filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    expect(await countDossiers()).toBe(before + 1);
    // The same key with a different request is refused, not silently replayed.
    const other = await t.citizen.post('/api/v1/dossiers', { ...body, form: { ...body.form, ghiChu: 'khác' } }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    // Another user's identical key is their own.
    const binh = await as(t.srv.base, '001195006789');
    const theirs = await binh.post('/api/v1/dossiers', await submissionFor(binh, t.proc, { idNumber: '001195006789', fullName: 'Trần Thị Bình' }), { 'idempotency-key': key });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(a.body.id);
  });

  it('replays a retried upload instead of storing the file twice', async () => {
    const { upload, tinyPdf } = await import('../../../test/fixtures.ts');
    const key = `upload-${Math.random()}`;
    const a = await upload(t.citizen, tinyPdf('one'), 'mot.pdf');
    const b1 = await t.citizen.call('POST', '/api/v1/files', form(tinyPdf('two')), { 'idempotency-key': key });
    const b2 = await t.citizen.call('POST', '/api/v1/files', form(tinyPdf('two')), { 'idempotency-key': key });
    expect(b1.status).toBe(201);
    expect(b2.status).toBe(201);
    expect(b2.body.id).toBe(b1.body.id);
    expect(b2.headers.get('idempotent-replayed')).toBe('true');
    expect(a.body.id).not.toBe(b1.body.id);
    const c = new pg.Client({ connectionString: t.srv.dbUrl });
    await c.connect();
    const n = (await c.query('select count(*)::int as n from stored_file where sha256 = $1', [b1.body.sha256])).rows[0].n;
    await c.end();
    expect(n).toBe(1);
  });

  it('lets exactly one of two officials acting at once succeed; the other gets 409 with the current state', async () => {
    const desk1 = await as(t.srv.base, 'catp.tiepnhan');
    const desk2 = await as(t.srv.base, 'catp.tiepnhan');
    for (let i = 0; i < 5; i++) {
      const d = (await t.citizen.post('/api/v1/dossiers', await submissionFor(t.citizen, t.proc))).body;
      const [x, y] = await Promise.all([
        desk1.post(`/api/v1/dossiers/${d.id}/receive`, { version: d.version }),
        desk2.post(`/api/v1/dossiers/${d.id}/refuse`, { version: d.version, reasons: ['Thiếu giấy tờ'] }),
      ]);
      const statuses = [x.status, y.status].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = x.status === 409 ? x : y;
      expect(loser.body.current.version).toBe(2);
      expect(loser.headers.get('content-type')).toContain('application/problem+json');
      const log = (await desk1.get(`/api/v1/dossiers/${d.id}`)).body.tracking;
      expect(log).toHaveLength(2);
    }
  });

  it('replays a retried action and does not act twice', async () => {
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const d = (await t.citizen.post('/api/v1/dossiers', await submissionFor(t.citizen, t.proc))).body;
    const key = `act-${Math.random()}`;
    const a = await desk.post(`/api/v1/dossiers/${d.id}/receive`, { version: d.version }, { 'idempotency-key': key });
    const b = await desk.post(`/api/v1/dossiers/${d.id}/receive`, { version: d.version }, { 'idempotency-key': key });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.version).toBe(a.body.version);
    expect((await desk.get(`/api/v1/dossiers/${d.id}`)).body.tracking).toHaveLength(2);
    await step(desk, d.id, 'forward');
  });
});

function form(bytes: Buffer) {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'hai.pdf');
  return fd;
}
