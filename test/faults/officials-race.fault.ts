import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { as, startTestServer, type Api, type TestServer } from '../server.ts';
import { AN, findProcedure, submissionFor } from '../dossiers.ts';
import { report } from './report.ts';

/**
 * Many officials act on the same dossiers at once, each with the version they last saw (as the UI
 * does). Afterwards the invariants hold over the whole action log: per dossier the sequence is
 * 1…version without gaps or repeats, each action starts where the previous ended, and the dossier
 * row agrees with its last action. No request fails with a 5xx.
 */
let srv: TestServer;
beforeAll(async () => { srv = await startTestServer(); });
afterAll(() => srv?.stop());

const ACTIONS: [string, (v: number) => Record<string, unknown>][] = [
  ['receive', (v) => ({ version: v })],
  ['forward', (v) => ({ version: v })],
  ['forward', (v) => ({ version: v })],
  ['send-back', (v) => ({ version: v, reason: 'Xem lại' })],
  ['request-supplement', (v) => ({ version: v, items: [{ name: 'Bản sao giấy khai sinh', reason: 'Mờ' }] })],
  ['resubmit', (v) => ({ version: v, documents: [] })],
  ['extend', (v) => ({ version: v, reason: 'Cần xác minh', newDueAt: new Date(Date.now() + 40 * 86400_000).toISOString() })],
  ['sign', (v) => ({ version: v })],
  ['return', (v) => ({ version: v, method: 'online' })],
];

describe(`officials racing on the same dossiers (${inject('pgKind')})`, () => {
  it('keeps every dossier and its action log consistent', async () => {
    const an = await as(srv.base, AN.idNumber);
    const proc = await findProcedure(an, 'lý lịch tư pháp');
    const body = await submissionFor(an, proc);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await an.post('/api/v1/dossiers', body)).body.id);
    const officials: Api[] = await Promise.all(['catp.tiepnhan', 'catp.tiepnhan', 'catp.canbo', 'catp.canbo', 'catp.truongphong', 'catp.lanhdao', 'catp.giamsat'].map((u) => as(srv.base, u)));
    const actors = [...officials, an];
    const counts: Record<string, number> = {};
    const seen = new Map<string, number>(ids.map((id) => [id, 1]));
    let rnd = 42;
    const random = (n: number) => { rnd = (rnd * 1103515245 + 12345) % 2 ** 31; return rnd % n; };
    const worker = async (api: Api, rounds: number) => {
      for (let i = 0; i < rounds; i++) {
        const id = ids[random(ids.length)];
        const [action, input] = ACTIONS[random(ACTIONS.length)];
        // Half the time with a fresh version, half with the one last seen (possibly stale).
        let v = seen.get(id)!;
        if (random(2)) {
          const cur = await api.get(`/api/v1/dossiers/${id}`);
          if (cur.status === 200) v = cur.body.version;
        }
        const r = await api.post(`/api/v1/dossiers/${id}/${action}`, input(v));
        counts[r.status] = (counts[r.status] ?? 0) + 1;
        if (r.status >= 500) throw new Error(`${action} → ${r.status}: ${JSON.stringify(r.body)}`);
        if (r.status === 200) seen.set(id, r.body.version);
      }
    };
    await Promise.all(actors.map((a) => worker(a, 60)));

    // Invariants over the whole log.
    const db = srv.ctx.db;
    const rows = await db.selectFrom('dossier').select(['id', 'status', 'version', 'current_step', 'step_unit_id']).where('id', 'in', ids).execute();
    const log = await db.selectFrom('dossier_action').select(['dossier_id', 'seq', 'action', 'from_status', 'to_status', 'to_step', 'to_unit_id']).where('dossier_id', 'in', ids).orderBy('dossier_id').orderBy('seq').execute();
    let actionsChecked = 0;
    for (const d of rows) {
      const mine = log.filter((a) => a.dossier_id === d.id);
      expect(mine.map((a) => a.seq)).toEqual(Array.from({ length: d.version }, (_, i) => i + 1));
      expect(mine[0]).toMatchObject({ action: 'submit', from_status: null, to_status: 1 });
      for (let i = 1; i < mine.length; i++) expect(mine[i].from_status, `${d.id} seq ${mine[i].seq}`).toBe(mine[i - 1].to_status);
      const last = mine[mine.length - 1];
      expect(d.status).toBe(last.to_status);
      if (d.step_unit_id) expect(d.step_unit_id).toBe(last.to_unit_id);
      actionsChecked += mine.length;
    }
    report('officials racing on the same dossiers', {
      dossiers: ids.length, 'officials and applicant acting at once': actors.length, 'requests': Object.values(counts).reduce((a, b) => a + b, 0),
      ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [`HTTP ${k}`, v])), 'actions in the log checked': actionsChecked,
    });
    expect(counts['200']).toBeGreaterThan(20);
    expect(counts['409']).toBeGreaterThan(0); // stale versions were refused, not applied
  });
});
