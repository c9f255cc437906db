import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, as } from './server.ts';
import { AN, step, submit, useDossierSuite } from './dossiers.ts';
import { uploadOk } from './fixtures.ts';
import { notify } from '../src/modules/notices/service.ts';
import { signInSteps } from '../src/modules/identity/signin-steps.testkit.ts';
import { ACTORS, BADINH, CATP, NEW_PASSWORD, actor, actorNames, type ActorName, staffActors } from './authz/actors.ts';
import { OPERATIONS, type Fixture } from './authz/operations.ts';

/**
 * The authorisation matrix: every actor (anonymous, two citizens, every staff role on the dossier's
 * own unit and on another unit, the administrators) against every API operation. The list of
 * operations is checked against the server's OpenAPI document, so a new route without a stated
 * policy fails this test. "Denied" means 401, 403 or 404 and nothing returned; "allowed" means the
 * request got past authorisation (its answer is not 401/403/404). AUTHZ_MATRIX_PRINT=<file> writes
 * every answer (operation, actor, status) to a TSV file to read the whole matrix at a glance.
 */
const s = useDossierSuite();
const api: Record<ActorName, Api> = {} as any;
const fx = {} as Fixture;
const statuses: string[] = [];
afterAll(async () => {
  if (process.env.AUTHZ_MATRIX_PRINT) await import('node:fs/promises').then((fs) => fs.writeFile(process.env.AUTHZ_MATRIX_PRINT!, statuses.join('\n')));
});

/** The agency administrators: made by the city-level administrator, then signed in through their first-sign-in steps. */
async function createActors(city: Api) {
  const made = actorNames.filter((n) => actor(n).createdAt);
  await Promise.all(made.map(async (n) => {
    const a = actor(n);
    const c = await city.post('/api/v1/admin/staff', { username: a.username, fullName: a.fullName, title: 'Quản trị', role: a.role, unitId: fx.units[a.createdAt!].id });
    if (c.status !== 201) throw new Error(`create ${n}: ${c.status} ${JSON.stringify(c.body)}`);
    api[n] = (await signInSteps(s.srv.base, a.username!, c.body.temporaryPassword, { newPassword: NEW_PASSWORD })).api;
  }));
}

async function unitsOf(city: Api, code: string) {
  const a = (await city.get(`/api/v1/admin/units?q=${code}`)).body.items.find((u: any) => u.code === code);
  const sub = (kind: string) => a.units.find((u: any) => u.kind === kind)?.id;
  return { id: a.id, desk: sub('desk'), leadership: sub('leadership') };
}

async function ok<T = any>(what: string, p: Promise<{ status: number; body: any }>): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

beforeAll(async () => {
  await Promise.all(actorNames.filter((n) => !actor(n).createdAt).map(async (n) => {
    const a = actor(n);
    api[n] = a.username ? await as(s.srv.base, a.username) : new Api(s.srv.base);
  }));
  fx.units = { [CATP]: await unitsOf(api.admin, CATP), [BADINH]: await unitsOf(api.admin, BADINH) };
  await createActors(api.admin);
  fx.procedureCode = s.proc.code;
  const scan = await uploadOk(api.an);
  const d = await submit(api.an, s.proc, { documents: [{ code: s.proc.documents[s.proc.documents.length - 1].code, fileIds: [scan] }] });
  fx.dossierId = d.body.id;
  fx.dossierCode = d.body.code;
  if (d.status !== 201) throw new Error(`submit: ${d.status} ${JSON.stringify(d.body)}`);
  fx.anFileId = d.body.documents[0].fileId;
  fx.userIds = Object.fromEntries(await Promise.all(actorNames.filter((n) => actor(n).username).map(async (n) => [n, (await api[n].get('/api/v1/auth/me')).body.id])));
  fx.draftId = '0b7f6a43-8f6e-4d2c-9d1a-5a0c2b3c4d5e';
  await api.an.put(`/api/v1/drafts/${fx.draftId}`, { procedureCode: s.proc.code, form: {}, documents: [] });
  const desk = (await api.desk.get('/api/v1/queue/desk')).body;
  fx.counterId = desk.agencies[0].counters[0].id;
  const groups = (await api.anon.get(`/api/v1/public/queue/agencies/${desk.agencies[0].code}`)).body;
  const t = await api.anon.post(`/api/v1/public/queue/agencies/${desk.agencies[0].code}/tickets`, { group: groups.groups[0].code });
  fx.ticketId = t.body.id;
  fx.agencyCode = desk.agencies[0].code;
  fx.binhFileId = await uploadOk(api.binh);
  // An item of An's data store whose file this server holds (the seeded ones' files are in the template's storage).
  fx.storeItemId = (await api.an.post('/api/v1/my/data-store', { fileId: await uploadOk(api.an), documentType: 'the-can-cuoc', title: 'Thẻ căn cước' })).body.id;
  // An e-result: a second dossier of An taken to the signature without an uploaded result file.
  const signedId = (await submit(api.an, s.proc, { documents: [{ code: s.proc.documents[s.proc.documents.length - 1].code, fileIds: [await uploadOk(api.an)] }] })).body.id;
  for (const [who, action] of [['desk', 'receive'], ['desk', 'forward'], ['officer', 'forward'], ['head', 'forward'], ['signer', 'sign']] as const) await step(api[who], signedId, action);
  fx.resultId = (await ok('results', api.an.get(`/api/v1/results?dossierId=${signedId}`))).items[0].id;
  // A reminder for An, as the reminder job writes it.
  await notify(s.srv.ctx.db, [{ userId: fx.userIds.an, kind: 'reminder', dedupeKey: 'authz-matrix', titleVi: 'Nhắc việc', titleEn: 'Reminder', bodyVi: 'Nhắc việc', bodyEn: 'Reminder', dossierId: fx.dossierId }]);
  const n = (await api.an.get('/api/v1/notices')).body.items;
  if (!n.length) throw new Error('An has no notice');
  fx.noticeId = String(n[0].id);

  // A desk officer of the city police for the administrators to act on, with two extra grants to revoke.
  const target = await ok('target', api.admin.post('/api/v1/admin/staff', { username: 'catp.thunghiem', fullName: 'Ngô Thử Nghiệm', role: 'desk_officer', unitId: fx.units[CATP].desk }));
  fx.staffIds = { target: target.id };
  fx.revocable = { admin: { role: 'processing_officer', unitId: fx.units[CATP].id }, sysadmin: { role: 'head_of_division', unitId: fx.units[CATP].id } };
  for (const g of Object.values(fx.revocable)) await ok('grant', api.admin.post(`/api/v1/admin/staff/${target.id}/grants`, g));
  const { updatedAt: _u, editable: _e, ...policy } = await ok('policy', api.admin.get('/api/v1/admin/security-policy'));
  fx.policy = policy;
  const delegations = await ok('delegations', api.anon.get(`/api/v1/delegations?authorityCode=${CATP}`));
  fx.endedDelegationId = delegations.items.find((d: any) => d.decisionNo === '1251/QĐ-CAHN-PA08').id;
  // Personal delegations scheduled in 2031 (nobody holds anyone's roles while the matrix runs).
  const deputy = (who: ActorName, to: ActorName, month: string) =>
    ok(`deputy of ${who}`, api[who].post('/api/v1/me/deputies', { deputyId: fx.userIds[to], from: `2031-${month}-05`, to: `2031-${month}-09`, reason: 'Nghỉ phép' })).then((b) => b.id as string);
  fx.deputies = { officer: await deputy('officer', 'desk', '01'), head: await deputy('head', 'officer', '02'), signer: await deputy('signer', 'head', '03') };
  fx.mergerId = (await ok('merger', api.admin.post('/api/v1/reorganisation/mergers', {
    resolutionNo: 'KT-PQ/NQ (kiểm thử phân quyền)', effectiveOn: '2099-01-01', sourceCodes: [BADINH, '000.08.01.H26'], targetCode: BADINH,
  }))).id;
  const sessionOf = async (a: Api) => (await a.get('/api/v1/account/sessions')).body.items.find((x: any) => x.current).id as string;
  fx.anSessions = { own: await sessionOf(await as(s.srv.base, AN.idNumber)), other: await sessionOf(await as(s.srv.base, AN.idNumber)) };
});

describe('every API operation has a stated policy', () => {
  it('covers every operation in the OpenAPI document', async () => {
    const spec = (await api.anon.get('/openapi.json')).body;
    const inSpec = Object.entries<Record<string, unknown>>(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const stated = new Set(OPERATIONS.map((o) => o.op));
    expect(inSpec.filter((o) => !stated.has(o)), 'operations without a policy in test/authz/operations.ts').toEqual([]);
    expect([...stated].filter((o) => !inSpec.includes(o)), 'policies for operations that no longer exist').toEqual([]);
  });
});

describe('each operation × each actor', () => {
  for (const o of OPERATIONS.filter((x) => x.allow !== 'lifecycle')) {
    it(o.op, async () => {
      const leaks: string[] = [];
      const blocked: string[] = [];
      // All actors at once (requests are chosen so that their order does not matter): the matrix stays quick.
      const answers = await Promise.all(actorNames.map(async (actor) => {
        const req = o.request(fx, actor);
        return [actor, await api[actor].call(req.method, req.url, req.body, req.headers)] as const;
      }));
      for (const [actor, r] of answers) {
        const allowed = (o.allow as readonly ActorName[]).includes(actor);
        const denied = [401, 403, 404].includes(r.status);
        if (process.env.AUTHZ_MATRIX_PRINT) statuses.push(`${o.op}\t${actor}\t${r.status}`);
        const said = Buffer.isBuffer(r.body) ? `${r.body.length} bytes` : JSON.stringify(r.body).slice(0, 160);
        if (allowed && denied) blocked.push(`${actor} → ${r.status} ${said}`);
        if (!allowed && !denied) leaks.push(`${actor} → ${r.status} ${said}`);
        if (!allowed && actor === 'anon' && r.status !== 401 && o.anonStatus !== 404) leaks.push(`anon → ${r.status} (expected 401)`);
        if (allowed && !denied && o.visible) {
          const sees = o.visible.in(r.body, fx);
          if (sees && !o.visible.who.includes(actor)) leaks.push(`${actor} sees the fixture's item`);
          if (!sees && o.visible.who.includes(actor)) blocked.push(`${actor} does not see the fixture's item`);
        }
        const problem = o.check?.(r, actor);
        if (problem) leaks.push(`${actor} → ${problem}`);
      }
      expect(leaks, 'allowed where it must be denied').toEqual([]);
      expect(blocked, 'denied where it must be allowed').toEqual([]);
    });
  }
});

/**
 * Dossier actions change state, so each (state, action, allowed actor) gets a fresh dossier:
 * first every other actor tries and must be refused without changing the dossier, then the
 * allowed actor succeeds.
 */
type State = 'submitted' | 'received' | 'processing' | 'signing' | 'done' | 'payment' | 'supplement';
const LIFECYCLE: { state: State; action: string; allow: ActorName[]; body: (fx: Fixture) => Record<string, unknown> }[] = [
  { state: 'submitted', action: 'receive', allow: ['desk'], body: () => ({}) },
  { state: 'submitted', action: 'refuse', allow: ['desk'], body: () => ({ reasons: ['Không thuộc thẩm quyền'] }) },
  { state: 'submitted', action: 'request-supplement', allow: ['desk'], body: () => ({ items: [{ name: 'Bản sao CCCD', reason: 'Ảnh mờ' }] }) },
  { state: 'submitted', action: 'withdraw', allow: ['an', 'desk'], body: () => ({ reason: 'Không còn nhu cầu' }) },
  { state: 'submitted', action: 'assign', allow: ['desk', 'supervisor'], body: (f) => ({ assigneeId: f.userIds.desk }) },
  { state: 'received', action: 'forward', allow: ['desk'], body: () => ({}) },
  { state: 'received', action: 'refuse', allow: ['head', 'signer'], body: () => ({ reasons: ['Không đủ điều kiện'] }) },
  { state: 'received', action: 'stop', allow: ['head', 'signer'], body: () => ({ reason: 'Dừng theo yêu cầu' }) },
  { state: 'received', action: 'extend', allow: ['officer', 'head', 'signer'], body: () => ({ reason: 'Chờ xác minh', newDueAt: new Date(Date.now() + 40 * 86400_000).toISOString() }) },
  { state: 'processing', action: 'forward', allow: ['officer'], body: () => ({}) },
  { state: 'processing', action: 'send-back', allow: ['officer'], body: () => ({ reason: 'Thiếu phiếu kiểm soát' }) },
  { state: 'processing', action: 'request-payment', allow: ['officer'], body: () => ({ amount: 200000 }) },
  { state: 'processing', action: 'request-supplement', allow: ['officer'], body: () => ({ items: [{ name: 'Tờ khai', reason: 'Thiếu chữ ký' }] }) },
  { state: 'processing', action: 'assign', allow: ['officer', 'head', 'supervisor'], body: (f) => ({ assigneeId: f.userIds.officer }) },
  { state: 'signing', action: 'sign', allow: ['signer'], body: () => ({}) },
  { state: 'signing', action: 'send-back', allow: ['signer'], body: () => ({ reason: 'Sửa dự thảo' }) },
  { state: 'done', action: 'return', allow: ['desk'], body: () => ({ method: 'in_person' }) },
  { state: 'payment', action: 'confirm-payment', allow: ['an', 'desk'], body: () => ({}) },
  { state: 'supplement', action: 'resubmit', allow: ['an', 'desk'], body: () => ({ documents: [] }) },
];

async function dossierIn(state: State): Promise<string> {
  const id = (await submit(api.an, s.proc)).body.id as string;
  if (state === 'submitted') return id;
  await step(api.desk, id, 'receive');
  if (state === 'received') return id;
  await step(api.desk, id, 'forward');
  if (state === 'processing') return id;
  if (state === 'payment') return (await step(api.officer, id, 'request-payment', { amount: 200000 }), id);
  if (state === 'supplement') return (await step(api.officer, id, 'request-supplement', { items: [{ name: 'Tờ khai', reason: 'Thiếu chữ ký' }] }), id);
  await step(api.officer, id, 'forward');
  await step(api.head, id, 'forward');
  if (state === 'signing') return id;
  await step(api.signer, id, 'sign');
  return id;
}

describe('dossier actions × each actor (own and other unit)', () => {
  for (const c of LIFECYCLE) {
    for (const who of c.allow) {
      it(`${c.action} in state "${c.state}": only ${c.allow.join(', ')} (acting: ${who})`, async () => {
        const id = await dossierIn(c.state);
        const before = (await api.an.get(`/api/v1/dossiers/${id}`)).body;
        const leaks: string[] = [];
        for (const actor of Object.keys(ACTORS) as ActorName[]) {
          if (c.allow.includes(actor)) continue;
          const r = await api[actor].post(`/api/v1/dossiers/${id}/${c.action}`, { version: before.version, ...c.body(fx) });
          if (![401, 403, 404].includes(r.status)) leaks.push(`${actor} → ${r.status}`);
          // Staff of other agencies and other citizens must not even learn that the dossier exists.
          if (!ACTORS[actor].ownAgency && actor !== 'an' && ![401, 404].includes(r.status)) leaks.push(`${actor} → ${r.status} (expected 404)`);
        }
        expect(leaks).toEqual([]);
        const unchanged = (await api.an.get(`/api/v1/dossiers/${id}`)).body;
        expect(unchanged.version).toBe(before.version);
        const ok = await api[who].post(`/api/v1/dossiers/${id}/${c.action}`, { version: before.version, ...c.body(fx) });
        expect(ok.status, JSON.stringify(ok.body)).toBe(200);
        expect(ok.body.version).toBe(before.version + 1);
      });
    }
  }
});

describe('the actors are who the matrix says', () => {
  it('each staff actor holds the stated role at the stated agency', async () => {
    for (const name of staffActors) {
      const me = (await api[name].get('/api/v1/auth/me')).body;
      const a = actor(name);
      expect(me.roles.map((r: any) => r.role), name).toContain(a.role);
    }
    expect((await api.an.get('/api/v1/auth/me')).body.idNumber).toBe(AN.idNumber);
  });
});
