import fs from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { as, createTestDatabase, type Api } from '../../test/server.ts';
import { step, submit, useDossierSuite } from '../../test/dossiers.ts';
import { chainHash, formatReport, verifyChains, type LogReport } from './audit-chain.ts';
import { AUDIT_CHAINS } from '../modules/audit-chains.ts';

const CATP_ID_SQL = `select id from org_unit where code = '000.00.11.H26'`;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const verify = (url: string) => withClient(url, (c) => verifyChains(c, AUDIT_CHAINS, { batch: 7 }));
const byLog = (reports: LogReport[], log: string) => reports.find((r) => r.log === log)!;
const allOk = (reports: LogReport[]) => reports.every((r) => r.breaks.length === 0);

/**
 * Tamper-evident logs (issue 6): dossier_action (a chain per dossier) and personal_data_access
 * (a chain per agency) are hash-chained by triggers; the verifier recomputes every hash in
 * TypeScript and finds edited rows, deleted rows (middle and end) and concurrency mistakes.
 */
describe(`audit hash chains (${inject('pgKind')})`, () => {
  const s = useDossierSuite('lý lịch tư pháp');
  let desk: Api, officer: Api;
  beforeAll(async () => {
    desk = await as(s.srv.base, 'catp.tiepnhan');
    officer = await as(s.srv.base, 'catp.canbo');
  });

  it('encodes fields the same way in SQL and in TypeScript (nulls, empty, digits, colons, Vietnamese, emoji)', async () => {
    const cases: (string | null)[][] = [[], [null], [''], ['1:a'], ['a', null, ''], ['Nguyễn Văn An', 'Công an thành phố Hà Nội', '😀', '{"a": [1, 2]}'], ['-', '0', '12:']];
    await withClient(s.srv.dbUrl, async (c) => {
      for (const f of cases) {
        const r = await c.query<{ h: Buffer }>('select audit_chain_hash($1::text[]) as h', [f]);
        expect(r.rows[0].h.toString('hex'), JSON.stringify(f)).toBe(chainHash(f).toString('hex'));
      }
      // '1:a' as one field and ('1', 'a') are different encodings.
      expect(chainHash(['1:a']).equals(chainHash(['1', 'a']))).toBe(false);
      expect(chainHash([null]).equals(chainHash(['-']))).toBe(false);
    });
  });

  it('the seeded database (demo dossiers linked by the triggers) verifies', async () => {
    const reports = await verify(s.srv.dbUrl);
    expect(formatReport(reports).lines.join('\n')).not.toMatch(/BROKEN/);
    expect(byLog(reports, 'dossier_action').rows).toBeGreaterThan(0);
  });

  it('concurrent submissions and actions on different dossiers and on the same dossier keep valid chains', async () => {
    const subs = await Promise.all(Array.from({ length: 6 }, () => submit(s.citizen, s.proc)));
    for (const r of subs) expect(r.status, JSON.stringify(r.body)).toBe(201);
    const ids = subs.map((r) => r.body.id as string);
    // Different dossiers at once.
    await Promise.all(ids.map((id) => step(desk, id, 'receive')));
    // The same dossier at once: every request carries the version it saw; one wins, the rest get 409.
    const cur = (await desk.get(`/api/v1/dossiers/${ids[0]}`)).body;
    const same = await Promise.all(Array.from({ length: 5 }, () => officer.post(`/api/v1/dossiers/${ids[0]}/extend`,
      { version: cur.version, reason: 'Cần xác minh thêm', newDueAt: new Date(new Date(cur.dueAt).getTime() + 86_400_000 * 3).toISOString() })));
    expect(same.map((r) => r.status).sort(), JSON.stringify(same.map((r) => r.body))).toEqual([200, 409, 409, 409, 409]);
    // Officials opening the dossiers at once: access-log rows on one agency's chain.
    await Promise.all(ids.flatMap((id) => [officer.get(`/api/v1/dossiers/${id}`), desk.get(`/api/v1/dossiers/${id}`)]));

    await withClient(s.srv.dbUrl, async (c) => {
      // The pattern act() uses, many writers on ONE dossier at once: lock the row, seq = version + 1.
      const id = ids[1];
      const writers = Array.from({ length: 8 }, async (_, i) => withClient(s.srv.dbUrl, async (w) => {
        await w.query('begin');
        const v = (await w.query<{ version: number }>('select version from dossier where id = $1 for update', [id])).rows[0].version;
        await w.query(`insert into dossier_action (dossier_id, seq, action, actor_name, to_status, note) values ($1, $2, 'note', 'test', 2, $3)`, [id, v + 1, `writer ${i}`]);
        await w.query('update dossier set version = $2 where id = $1', [id, v + 1]);
        await w.query('commit');
      }));
      await Promise.all(writers);
      // Many writers on ONE access-log chain at once (no lock taken by the writers: the trigger's head row serialises them).
      const catp = (await c.query<{ id: string }>(CATP_ID_SQL)).rows[0].id;
      const before = (await c.query<{ n: string }>('select count(*) as n from personal_data_access where agency_id = $1', [catp])).rows[0].n;
      await Promise.all(Array.from({ length: 10 }, (_, i) => withClient(s.srv.dbUrl, async (w) => {
        for (let k = 0; k < 5; k++) {
          await w.query('begin');
          await insertAccess(w, catp, `writer ${i}.${k}`);
          if (k % 2) await w.query('select pg_sleep(0.005)');
          await w.query(k === 4 && i % 3 === 0 ? 'rollback' : 'commit');
        }
      })));
      const seqs = (await c.query<{ s: string }>('select chain_seq::text as s from personal_data_access where agency_id = $1 order by chain_seq', [catp])).rows.map((r) => Number(r.s));
      expect(seqs.length).toBe(Number(before) + 50 - 4);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // contiguous despite rollbacks
      // A NEW chain's first rows written at once (no head row yet: the insert-or-link path).
      const fresh = (await c.query<{ id: string }>('select gen_random_uuid() as id')).rows[0].id;
      await Promise.all(Array.from({ length: 8 }, (_, i) => withClient(s.srv.dbUrl, async (w) => {
        await w.query('begin');
        await insertAccess(w, fresh, `first ${i}`);
        await w.query('select pg_sleep(0.02)');
        await w.query(i === 5 ? 'rollback' : 'commit');
      })));
      const first = (await c.query<{ s: string }>('select chain_seq::text as s from personal_data_access where agency_id = $1 order by chain_seq', [fresh])).rows.map((r) => Number(r.s));
      expect(first).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    const reports = await verify(s.srv.dbUrl);
    expect(formatReport(reports).lines.join('\n')).not.toMatch(/BROKEN/);
    expect(byLog(reports, 'personal_data_access').rows).toBeGreaterThan(50);
  });

  describe('tampering (as a superuser with the append-only triggers off)', () => {
    let db: { url: string; drop(): Promise<void> };
    let dossierId: string, agencyId: string;
    beforeAll(async () => {
      // A fresh copy of the seeded database (demo dossiers) with a few access-log entries.
      db = await createTestDatabase();
      await withClient(db.url, async (c) => {
        await seedAccess(c);
        dossierId = (await c.query<{ dossier_id: string }>('select dossier_id from dossier_action group by dossier_id having count(*) >= 3 limit 1')).rows[0].dossier_id;
        agencyId = (await c.query<{ id: string }>(CATP_ID_SQL)).rows[0].id;
      });
      expect(allOk(await verify(db.url))).toBe(true);
    });
    afterAll(() => db?.drop());

    const tamper = (sql: string, params: unknown[] = []) => withClient(db.url, async (c) => {
      await c.query('set session_replication_role = replica'); // what `alter table … disable trigger` would also do
      await c.query(sql, params);
    });

    it('an edited action is reported as a hash mismatch at its dossier and position, and the CLI exits 1', async () => {
      const original = (await withClient(db.url, (c) => c.query<{ note: string | null }>('select note from dossier_action where dossier_id = $1 and seq = 2', [dossierId]))).rows[0].note;
      await tamper(`update dossier_action set note = 'sửa lén' where dossier_id = $1 and seq = 2`, [dossierId]);
      const r = byLog(await verify(db.url), 'dossier_action');
      expect(r.breaks).toEqual([expect.objectContaining({ kind: 'hash_mismatch', chain: dossierId, position: 2, id: `${dossierId}/2` })]);
      const cli = await runCli(db.url);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toMatch(new RegExp(`dossier_action: BROKEN — 1 problem`));
      expect(cli.stdout).toMatch(new RegExp(`dossier_action chain ${dossierId} position 2 \\(row ${dossierId}/2\\): hash_mismatch`));
      expect(cli.stdout).toMatch(/personal_data_access: OK — \d+ rows/);
      // Put it back: the chain verifies again (the hash covers content, not where the row sits on disk).
      await tamper(`update dossier_action set note = $2 where dossier_id = $1 and seq = 2`, [dossierId, original]);
      expect(allOk(await verify(db.url))).toBe(true);
    });

    it('an edited access-log entry (who looked) is found; so is a forged hash (the next link breaks)', async () => {
      const row = (await withClient(db.url, (c) => c.query<{ id: string; chain_seq: string }>(
        'select id::text, chain_seq::text from personal_data_access where agency_id = $1 order by chain_seq limit 1 offset 2', [agencyId]))).rows[0];
      await tamper(`update personal_data_access set actor_name = 'Người khác' where id = $1`, [row.id]);
      let r = byLog(await verify(db.url), 'personal_data_access');
      expect(r.breaks).toEqual([expect.objectContaining({ kind: 'hash_mismatch', chain: agencyId, position: Number(row.chain_seq), id: row.id })]);
      // An attacker who also recomputes that row's hash moves the break to the next row's link.
      await tamper(`update personal_data_access set hash = audit_chain_hash(array['personal_data_access', $2, chain_seq::text, encode(prev_hash, 'hex')] || personal_data_access_chain_fields(personal_data_access)) where id = $1`, [row.id, agencyId]);
      r = byLog(await verify(db.url), 'personal_data_access');
      expect(r.breaks).toEqual([expect.objectContaining({ kind: 'broken_link', chain: agencyId, position: Number(row.chain_seq) + 1 })]);
    });

    it('deleted rows are found: in the middle (gap + broken link), at the end (head), a whole dossier\'s log', async () => {
      await tamper(`delete from dossier_action where dossier_id = $1 and seq = 2`, [dossierId]);
      let r = byLog(await verify(db.url), 'dossier_action');
      expect(r.breaks.map((b) => [b.kind, b.chain, b.position])).toEqual(expect.arrayContaining([['gap', dossierId, 3], ['broken_link', dossierId, 3]]));
      expect(r.breaks.find((b) => b.kind === 'gap')!.message).toMatch(/positions 2 missing|position 2|positions 2/);

      const last = (await withClient(db.url, (c) => c.query<{ version: number }>('select version from dossier where id = $1', [dossierId]))).rows[0].version;
      await tamper(`delete from dossier_action where dossier_id = $1 and seq = $2`, [dossierId, last]);
      r = byLog(await verify(db.url), 'dossier_action');
      expect(r.breaks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'tail', chain: dossierId, message: expect.stringMatching(new RegExp(`ends at \\d+ but should end at ${last}: the last \\d+ row\\(s\\) were deleted`)) })]));

      const other = (await withClient(db.url, (c) => c.query<{ dossier_id: string }>('select dossier_id from dossier_action where dossier_id <> $1 limit 1', [dossierId]))).rows[0].dossier_id;
      await tamper(`delete from dossier_action where dossier_id = $1`, [other]);
      r = byLog(await verify(db.url), 'dossier_action');
      expect(r.breaks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'tail', chain: other, position: null })]));

      await tamper(`delete from personal_data_access where id = (select id from personal_data_access where agency_id = $1 order by chain_seq desc limit 1)`, [agencyId]);
      const p = byLog(await verify(db.url), 'personal_data_access');
      expect(p.breaks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'tail', chain: agencyId })]));
      expect(formatReport([p]).lines.join('\n')).toMatch(/were deleted/);
    });

    it('sign-in and account audits are chained per account: an edited or deleted sign-in is found', async () => {
      const r0 = await verify(db.url);
      expect(byLog(r0, 'sign_in_event').breaks).toEqual([]);
      const ev = (await withClient(db.url, (c) => c.query<{ id: string; user_id: string; chain_seq: string }>(
        `select id::text, user_id::text, chain_seq::text from sign_in_event where user_id is not null order by id limit 1`))).rows[0];
      expect(ev).toBeDefined();
      await tamper(`update sign_in_event set outcome = 'success', reason = null where id = $1`, [ev.id]);
      await tamper(`delete from account_event where id = (select max(id) from account_event)`);
      const r = await verify(db.url);
      expect(byLog(r, 'sign_in_event').breaks).toEqual([expect.objectContaining({ kind: 'hash_mismatch', chain: ev.user_id, id: ev.id, position: Number(ev.chain_seq) })]);
      expect(byLog(r, 'account_event').breaks).toEqual([expect.objectContaining({ kind: 'tail' })]);
    });
  });

  it('the migrations link rows that existed before them, in order (same hashes as the triggers gave)', async () => {
    const db = await createTestDatabase();
    try {
      await withClient(db.url, async (c) => {
        await seedAccess(c);
        const snapshot = async () => (await c.query<{ k: string; h: string }>(`
          select 'a' || dossier_id || '/' || seq as k, encode(hash, 'hex') as h from dossier_action
          union all select 'p' || id, encode(hash, 'hex') || chain_seq from personal_data_access
          union all select 's' || id, encode(hash, 'hex') || chain_seq from sign_in_event
          union all select 'e' || id, encode(hash, 'hex') || chain_seq from account_event order by k`)).rows;
        const before = await snapshot();
        // Back to the state before the migrations: no chain columns, no triggers, no heads.
        await c.query('set session_replication_role = replica');
        await c.query(`delete from audit_chain_head where log in ('personal_data_access', 'sign_in_event', 'account_event')`);
        await c.query('reset session_replication_role');
        await c.query(`drop trigger dossier_action_chain on dossier_action; alter table dossier_action drop column hash, drop column prev_hash`);
        await c.query(`drop trigger personal_data_access_chain on personal_data_access; alter table personal_data_access drop column chain_seq, drop column hash, drop column prev_hash`);
        for (const t of ['sign_in_event', 'account_event']) await c.query(`drop trigger ${t}_chain on ${t}; alter table ${t} drop column chain_seq, drop column hash, drop column prev_hash`);
        for (const f of ['../modules/dossiers/migrations/008_action_chain.sql', '../modules/privacy/migrations/003_access_chain.sql', '../modules/identity/migrations/006_audit_chain.sql']) {
          await c.query('begin');
          await c.query(await fs.readFile(new URL(f, import.meta.url), 'utf8'));
          await c.query('commit');
        }
        expect(await snapshot()).toEqual(before);
      });
      expect(formatReport(await verify(db.url)).ok).toBe(true);
    } finally {
      await db.drop();
    }
  });
});

async function insertAccess(c: pg.ClientBase, agencyId: string | null, actor: string) {
  await c.query(`insert into personal_data_access (actor_id, actor_name, actor_roles, agency_id, object_kind, purpose_code, purpose_name, purpose_name_en, legal_basis, legal_basis_en, subject_name)
    values (gen_random_uuid(), $1, '{processing_officer}', $2, 'dossier', 'dossier_processing', 'Giải quyết hồ sơ', 'Processing', 'Luật 91/2025/QH15', 'Law 91/2025/QH15', 'Nguyễn Văn An')`, [actor, agencyId]);
}

/** A few access-log entries on two chains (the city police, and no agency). */
async function seedAccess(c: pg.ClientBase) {
  const catp = (await c.query<{ id: string }>(CATP_ID_SQL)).rows[0].id;
  for (let i = 0; i < 6; i++) await insertAccess(c, i === 3 ? null : catp, `Cán bộ ${i}`);
  // A few sign-ins (one under an unknown name) and account events, as identity writes them.
  const u = (await c.query<{ id: string }>(`select id from app_user where username = 'catp.canbo'`)).rows[0].id;
  for (const [user, outcome] of [[u, 'failure'], [u, 'success'], [null, 'failure'], [u, 'success']] as const) {
    await c.query(`insert into sign_in_event (user_id, login_name, method, outcome, reason, ip) values ($1, 'catp.canbo', 'password', $2, $3, '127.0.0.1')`, [user, outcome, outcome === 'failure' ? 'bad_password' : null]);
  }
  await c.query(`insert into account_event (actor_id, user_id, action, detail) values ($1, $1, 'password_changed', '{}'), (null, null, 'security_policy_changed', '{"after": {"x": 1}}'), ($1, $1, 'totp_enrolled', '{}')`, [u]);
}

async function runCli(url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { env: { ...process.env, DATABASE_URL: url }, cwd: new URL('../..', import.meta.url).pathname });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e: any) {
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

