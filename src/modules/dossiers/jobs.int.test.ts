import pg from 'pg';
import { describe, expect, it, inject } from 'vitest';
import { as } from '../../../test/server.ts';
import { useDossierSuite, step, submit } from '../../../test/dossiers.ts';

const t = useDossierSuite();

/** Moves a dossier's clocks into the past, as if working days had gone by. */
async function age(id: string, dueAt: Date, stepDueAt: Date) {
  const c = new pg.Client({ connectionString: t.srv.dbUrl });
  await c.connect();
  await c.query('update dossier set due_at = $2, step_due_at = $3 where id = $1', [id, dueAt, stepDueAt]);
  await c.end();
}

describe(`background jobs (${inject('pgKind')})`, () => {
  it('marks overdue dossiers once and tells the official holding them', async () => {
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const d = (await submit(t.citizen, t.proc)).body;
    await step(desk, d.id, 'receive');
    await age(d.id, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    await t.srv.ctx.jobs.runNow('dossiers.mark-overdue');
    await t.srv.ctx.jobs.runNow('dossiers.mark-overdue');
    const notices = (await desk.get('/api/v1/notices')).body.items.filter((n: any) => n.dossierId === d.id && n.kind === 'overdue');
    expect(notices).toHaveLength(1);
    expect(notices[0].title.vi).toContain(d.code);
    const box = (await desk.get('/api/v1/inbox?overdue=true')).body;
    expect(box.items.map((x: any) => x.code)).toContain(d.code);
    expect(box.counts.overdue).toBeGreaterThanOrEqual(1);
    const read = await desk.post(`/api/v1/notices/${notices[0].id}/read`);
    expect(read.status).toBe(200);
  });

  it('stops the inbox counts at the configured cap and says which ones stopped', async () => {
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    for (let i = 0; i < 2; i++) {
      const d = (await submit(t.citizen, t.proc)).body;
      await step(desk, d.id, 'receive');
      await age(d.id, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    }
    const exact = (await desk.get('/api/v1/inbox?limit=200')).body;
    expect(exact.counts.capped).toEqual({ total: false, overdue: false, dueSoon: false });
    expect(exact.total).toBe(exact.items.length);
    expect(exact.counts.overdue).toBe(exact.items.filter((x: any) => x.overdue).length);
    expect(exact.counts.overdue).toBeGreaterThanOrEqual(2);
    const cfg = t.srv.ctx.config;
    const cap0 = cfg.inboxCountCap;
    try {
      // A cap below both counts: each stops there and is marked as "at least".
      cfg.inboxCountCap = exact.counts.overdue - 1;
      const capped = (await desk.get('/api/v1/inbox?limit=5')).body;
      expect(capped.counts).toMatchObject({ total: cfg.inboxCountCap, overdue: cfg.inboxCountCap, capped: { total: true, overdue: true } });
      // The list itself is not cut: paging on still reaches every waiting dossier.
      const all: string[] = [];
      for (let offset = 0; ; offset += 5) {
        const page = (await desk.get(`/api/v1/inbox?limit=5&offset=${offset}`)).body;
        all.push(...page.items.map((x: any) => x.code));
        // hasMore, not the capped count, says whether to ask for another page.
        expect(page.hasMore).toBe(offset + 5 < exact.total);
        if (!page.hasMore) break;
      }
      expect(all).toEqual(exact.items.map((x: any) => x.code));
      // A count exactly at the cap is exact.
      cfg.inboxCountCap = exact.counts.overdue;
      const at = (await desk.get('/api/v1/inbox?overdue=true')).body;
      expect(at.counts.overdue).toBe(exact.counts.overdue);
      expect(at.counts.capped.overdue).toBe(false);
      expect(at.counts.capped.total).toBe(false);
    } finally {
      cfg.inboxCountCap = cap0;
    }
  });

  it('reminds officials of steps due soon, once per step', async () => {
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const officer = await as(t.srv.base, 'catp.canbo');
    const d = (await submit(t.citizen, t.proc)).body;
    await step(desk, d.id, 'receive');
    await step(desk, d.id, 'forward');
    const soon = new Date(Date.now() + 30 * 60_000);
    await age(d.id, new Date(Date.now() + 10 * 86400_000), soon);
    await t.srv.ctx.jobs.runNow('dossiers.remind-due-soon');
    await t.srv.ctx.jobs.runNow('dossiers.remind-due-soon');
    const mine = (await officer.get('/api/v1/notices')).body.items.filter((n: any) => n.dossierId === d.id && n.kind === 'due_soon');
    expect(mine).toHaveLength(1);
    expect((await desk.get('/api/v1/notices')).body.items.filter((n: any) => n.dossierId === d.id && n.kind === 'due_soon')).toHaveLength(0);
  });

  it('reminds the applicant of an unanswered supplement request', async () => {
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const d = (await submit(t.citizen, t.proc)).body;
    await step(desk, d.id, 'request-supplement', { items: [{ name: 'Ảnh chân dung', reason: 'Thiếu ảnh' }] });
    await t.srv.ctx.jobs.runNow('dossiers.remind-supplements');
    const notes = (await t.citizen.get('/api/v1/notices')).body.items.filter((n: any) => n.dossierId === d.id);
    expect(notes).toHaveLength(1);
    expect(notes[0].kind).toBe('supplement_reminder');
  });
});
