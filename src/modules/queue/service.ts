import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { fieldError, problems } from '../../platform/http/problem.ts';
import { getAgencyByCode, getOrgUnit, subUnit, type OrgUnit } from '../agencies/service.ts';
import { agenciesWithRole, hasRoleAt, requireSignedIn } from '../identity/authz.ts';
import type { TicketStatus } from './tables.ts';
import './tables.ts';

/**
 * The one-stop desk's queue. Numbers belong to a group and a local day (Vietnam has no daylight
 * saving: local = UTC+7). A ticket is waiting until a counter calls it, then called until the
 * officer marks it served or no-show (or calls the next one, which closes it as served).
 */
const TZ_MS = 7 * 3600_000;
export const localDay = (now = new Date()): string => new Date(now.getTime() + TZ_MS).toISOString().slice(0, 10);

const statusVi: Record<TicketStatus, string> = { waiting: 'đang chờ', called: 'đang được gọi', served: 'đã phục vụ xong', no_show: 'đã bị bỏ qua (vắng mặt)' };
const statusEn: Record<TicketStatus, string> = { waiting: 'is waiting', called: 'is being called', served: 'was already served', no_show: 'was marked as absent' };

export interface GroupView {
  id: string;
  code: string;
  prefix: string;
  name: string;
  nameEn: string;
  waiting: number;
}

export interface TicketView {
  id: string;
  number: string;
  status: TicketStatus;
  day: string;
  group: { code: string; prefix: string; name: string; nameEn: string };
  issuedAt: Date;
  calledAt: Date | null;
  callCount: number;
  counter: { id: string; number: number; name: string; nameEn: string } | null;
  finishedAt: Date | null;
}

const agencyView = (a: OrgUnit) => ({ code: a.code, name: a.name, nameEn: a.nameEn });

export async function agencyOr404(db: Executor, code: string): Promise<OrgUnit> {
  const a = await getAgencyByCode(db, code);
  if (!a) throw problems.notFound(`cơ quan mã ${code}`, `Agency ${code}`);
  return a;
}

async function isDeskOfficer(db: Executor, p: Principal | null, agency: OrgUnit): Promise<boolean> {
  const desk = (await subUnit(db, agency.id, 'desk'))?.id ?? agency.id;
  return hasRoleAt(db, p, ['desk_officer'], desk);
}

/** Only the agency's one-stop desk officers work its counters: 401 when not signed in, 403 otherwise. */
export async function requireDeskOfficer(db: Executor, p: Principal | null, agency: OrgUnit): Promise<Principal> {
  const s = requireSignedIn(p);
  if (!(await isDeskOfficer(db, s, agency))) {
    throw problems.forbidden(
      `Chỉ cán bộ Bộ phận Một cửa của ${agency.name} mới được gọi số tại quầy.`,
      `Only the one-stop desk officers of ${agency.nameEn} may call tickets at its counters.`,
    );
  }
  return s;
}

/** The agencies whose one-stop desk the official works at. */
export async function deskAgencies(db: Executor, p: Principal): Promise<OrgUnit[]> {
  return agenciesWithRole(db, p, ['desk_officer']);
}

/** Agencies with a queue set up (at least one active group): where a kiosk and a board make sense. */
export async function queueAgencies(db: Executor) {
  const rows = await db.selectFrom('queue_group').select('agency_id').distinct().where('active', '=', true).execute();
  const out = [];
  for (const r of rows) {
    const a = await getOrgUnit(db, r.agency_id);
    if (a) out.push(agencyView(a));
  }
  return out.sort((x, y) => x.code.localeCompare(y.code));
}

export async function groupsOf(db: Executor, agencyId: string, day = localDay(), onlyIds?: string[]): Promise<GroupView[]> {
  if (onlyIds && onlyIds.length === 0) return [];
  const r = await sql<{ id: string; code: string; prefix: string; name: string; name_en: string; waiting: number }>`
    select g.id, g.code, g.prefix, g.name, g.name_en,
      (select count(*) from queue_ticket t where t.agency_id = g.agency_id and t.day = ${day} and t.status = 'waiting' and t.group_id = g.id)::int as waiting
    from queue_group g
    where g.agency_id = ${agencyId} and g.active ${onlyIds ? sql`and g.id = any(${onlyIds}::uuid[])` : sql``}
    order by g.sort, g.prefix`.execute(db);
  return r.rows.map((g) => ({ id: g.id, code: g.code, prefix: g.prefix, name: g.name, nameEn: g.name_en, waiting: g.waiting }));
}

async function loadTickets(db: Executor, ids: string[]): Promise<TicketView[]> {
  if (ids.length === 0) return [];
  const r = await sql<any>`
    select t.*, g.code as group_code, g.prefix, g.name as group_name, g.name_en as group_name_en,
      c.number as counter_number, c.name as counter_name, c.name_en as counter_name_en
    from queue_ticket t join queue_group g on g.id = t.group_id left join queue_counter c on c.id = t.counter_id
    where t.id = any(${ids}::uuid[])`.execute(db);
  const byId = new Map(r.rows.map((t) => [t.id as string, t]));
  return ids.filter((id) => byId.has(id)).map((id) => {
    const t = byId.get(id);
    return {
      id: t.id, number: t.number, status: t.status, day: t.day,
      group: { code: t.group_code, prefix: t.prefix, name: t.group_name, nameEn: t.group_name_en },
      issuedAt: t.issued_at, calledAt: t.called_at, callCount: t.call_count,
      counter: t.counter_id ? { id: t.counter_id, number: t.counter_number, name: t.counter_name, nameEn: t.counter_name_en } : null,
      finishedAt: t.finished_at,
    };
  });
}

/** Waiting tickets of the same group issued before this one. */
async function countAhead(db: Executor, t: { id: string; status: string }): Promise<number> {
  if (t.status !== 'waiting') return 0;
  const r = await sql<{ n: number }>`
    select count(*)::int as n from queue_ticket o, queue_ticket t
    where t.id = ${t.id} and o.group_id = t.group_id and o.day = t.day and o.status = 'waiting' and o.seq < t.seq`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/**
 * Issues the next number of a group at the kiosk. The per-group, per-day counter row is bumped
 * and the ticket inserted in ONE statement, so concurrent kiosks never share a number and the
 * sequence has no gaps (the counter row stays locked until this transaction commits).
 */
export async function issueTicket(tx: Tx, agency: OrgUnit, groupCode: string) {
  const g = await tx.selectFrom('queue_group').selectAll().where('agency_id', '=', agency.id).where('code', '=', groupCode).where('active', '=', true).executeTakeFirst();
  if (!g) {
    throw problems.validation([fieldError('group', `${agency.name} không có quầy phục vụ "${groupCode}"`, `${agency.nameEn} has no counter group "${groupCode}"`)]);
  }
  const day = localDay();
  const r = await sql<{ id: string; status: string }>`
    with c as (
      insert into queue_ticket_counter (group_id, day, last) values (${g.id}, ${day}, 1)
      on conflict (group_id, day) do update set last = queue_ticket_counter.last + 1
      returning last
    )
    insert into queue_ticket (agency_id, group_id, day, seq, number)
    select ${agency.id}, ${g.id}, ${day}, c.last, ${g.prefix} || lpad(c.last::text, greatest(3, length(c.last::text)), '0')
    from c
    returning id, status`.execute(tx);
  const row = r.rows[0];
  const [ticket] = await loadTickets(tx, [row.id]);
  return { ...ticket, ahead: await countAhead(tx, row), agency: agencyView(agency) };
}

/** A ticket as its holder may follow it (no personal data is kept on tickets). */
export async function publicTicket(db: Executor, id: string) {
  const [t] = await loadTickets(db, [id]);
  if (!t) throw problems.notFound('số thứ tự', 'Ticket');
  const row = await db.selectFrom('queue_ticket').select(['agency_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const agency = await getOrgUnit(db, row.agency_id);
  return { ...t, ahead: await countAhead(db, t), agency: agency ? agencyView(agency) : null };
}

interface CounterRow { id: string; agency_id: string; number: number; name: string; name_en: string; active: boolean }

async function counterGroupIds(db: Executor, counterId: string): Promise<string[]> {
  const rows = await db.selectFrom('queue_counter_group').select('group_id').where('counter_id', '=', counterId).execute();
  return rows.map((r) => r.group_id);
}

async function currentAt(db: Executor, counterId: string, day: string): Promise<TicketView | null> {
  const r = await db.selectFrom('queue_ticket').select('id').where('counter_id', '=', counterId).where('day', '=', day).where('status', '=', 'called')
    .orderBy('called_at', 'desc').limit(1).executeTakeFirst();
  return r ? (await loadTickets(db, [r.id]))[0] : null;
}

/** What a counter's officer sees: the ticket at the counter, the groups it serves with their queues, today's tallies. */
export async function counterState(db: Executor, c: CounterRow) {
  const day = localDay();
  const agency = (await getOrgUnit(db, c.agency_id))!;
  const tallies = await sql<{ served: number; no_show: number }>`
    select count(*) filter (where status = 'served')::int as served, count(*) filter (where status = 'no_show')::int as no_show
    from queue_ticket where counter_id = ${c.id} and day = ${day}`.execute(db);
  return {
    counter: { id: c.id, number: c.number, name: c.name, nameEn: c.name_en },
    agency: agencyView(agency),
    groups: await groupsOf(db, c.agency_id, day, await counterGroupIds(db, c.id)),
    current: await currentAt(db, c.id, day),
    today: { served: tallies.rows[0]?.served ?? 0, noShow: tallies.rows[0]?.no_show ?? 0 },
  };
}

async function counterOr404(db: Executor, id: string, lock = false): Promise<CounterRow> {
  let q = db.selectFrom('queue_counter').selectAll().where('id', '=', id).where('active', '=', true);
  if (lock) q = q.forUpdate();
  const c = await q.executeTakeFirst();
  if (!c) throw problems.notFound('quầy', 'Counter');
  return c;
}

export async function counterForOfficer(db: Executor, p: Principal | null, id: string) {
  requireSignedIn(p);
  const c = await counterOr404(db, id);
  await requireDeskOfficer(db, p, (await getOrgUnit(db, c.agency_id))!);
  return counterState(db, c);
}

/**
 * Calls the next waiting ticket of the groups this counter serves, first issued first. The
 * counter row is locked so one counter's calls are serialised; the ticket is picked with
 * FOR UPDATE SKIP LOCKED so two counters calling at once never get the same ticket. A ticket
 * still called at this counter is closed as served first.
 */
export async function callNext(tx: Tx, p: Principal | null, counterId: string) {
  requireSignedIn(p);
  const c = await counterOr404(tx, counterId, true);
  const officer = await requireDeskOfficer(tx, p, (await getOrgUnit(tx, c.agency_id))!);
  const day = localDay();
  const closed = await tx.updateTable('queue_ticket').set({ status: 'served', finished_at: sql`now()` as any, finished_by: officer.userId })
    .where('counter_id', '=', c.id).where('status', '=', 'called').returning('id').execute();
  const next = await sql<{ id: string }>`
    with next as (
      select t.id from queue_ticket t
      where t.agency_id = ${c.agency_id} and t.day = ${day} and t.status = 'waiting'
        and t.group_id in (select cg.group_id from queue_counter_group cg join queue_group g on g.id = cg.group_id and g.active where cg.counter_id = ${c.id})
      order by t.issued_at, t.seq
      limit 1
      for update of t skip locked
    )
    update queue_ticket t set status = 'called', counter_id = ${c.id}, called_by = ${officer.userId}, called_at = now(), call_count = 1
    from next where t.id = next.id
    returning t.id`.execute(tx);
  const state = await counterState(tx, c);
  return { ...state, called: next.rows.length > 0, previous: closed.length ? (await loadTickets(tx, closed.map((x) => x.id))) : [] };
}

export type TicketAction = 'recall' | 'serve' | 'no_show';

/** Recall (announce again), mark served or mark no-show: only while the ticket is being called. */
export async function ticketAction(tx: Tx, p: Principal | null, id: string, action: TicketAction): Promise<TicketView> {
  requireSignedIn(p);
  const t = await tx.selectFrom('queue_ticket').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!t) throw problems.notFound('số thứ tự', 'Ticket');
  const officer = await requireDeskOfficer(tx, p, (await getOrgUnit(tx, t.agency_id))!);
  if (t.status !== 'called') {
    throw problems.conflict(
      `Số ${t.number} ${statusVi[t.status]}: chỉ gọi lại, xác nhận phục vụ xong hoặc vắng mặt với số đang được gọi.`,
      `Ticket ${t.number} ${statusEn[t.status]}: only a ticket being called can be recalled, served or marked absent.`,
      { currentStatus: t.status },
    );
  }
  const q = tx.updateTable('queue_ticket').where('id', '=', id);
  if (action === 'recall') await q.set({ call_count: sql`call_count + 1` as any, called_at: sql`now()` as any }).execute();
  else await q.set({ status: action === 'serve' ? 'served' : 'no_show', finished_at: sql`now()` as any, finished_by: officer.userId }).execute();
  return (await loadTickets(tx, [id]))[0];
}

/**
 * The public board: for each counter the ticket it is calling now, the latest calls (a recall
 * counts as a new call: its callCount grows) and how many wait per group.
 */
export async function board(db: Executor, agency: OrgUnit) {
  const day = localDay();
  const counters = await sql<{ id: string; number: number; name: string; name_en: string; groups: string[] | null }>`
    select c.id, c.number, c.name, c.name_en,
      array_agg(g.prefix order by g.sort, g.prefix) filter (where g.id is not null) as groups
    from queue_counter c
      left join queue_counter_group cg on cg.counter_id = c.id
      left join queue_group g on g.id = cg.group_id and g.active
    where c.agency_id = ${agency.id} and c.active
    group by c.id order by c.number`.execute(db);
  const current = await sql<{ id: string; number: string; counter_id: string; called_at: Date; call_count: number }>`
    select distinct on (counter_id) id, number, counter_id, called_at, call_count
    from queue_ticket where agency_id = ${agency.id} and day = ${day} and status = 'called'
    order by counter_id, called_at desc`.execute(db);
  const recent = await sql<{ id: string; number: string; status: string; called_at: Date; call_count: number; counter_number: number; counter_name: string; counter_name_en: string }>`
    select t.id, t.number, t.status, t.called_at, t.call_count, c.number as counter_number, c.name as counter_name, c.name_en as counter_name_en
    from queue_ticket t join queue_counter c on c.id = t.counter_id
    where t.agency_id = ${agency.id} and t.day = ${day} and t.called_at is not null
    order by t.called_at desc, t.id limit 10`.execute(db);
  const byCounter = new Map(current.rows.map((t) => [t.counter_id, t]));
  return {
    agency: agencyView(agency),
    day,
    now: new Date(),
    counters: counters.rows.map((c) => {
      const t = byCounter.get(c.id);
      return {
        id: c.id, number: c.number, name: c.name, nameEn: c.name_en, groups: c.groups ?? [],
        current: t ? { ticketId: t.id, number: t.number, calledAt: t.called_at, callCount: t.call_count } : null,
      };
    }),
    groups: (await groupsOf(db, agency.id, day)).map(({ id: _id, ...g }) => g),
    recent: recent.rows.map((t) => ({
      ticketId: t.id, number: t.number, status: t.status, calledAt: t.called_at, callCount: t.call_count,
      counter: { number: t.counter_number, name: t.counter_name, nameEn: t.counter_name_en },
    })),
  };
}

/** Everything a desk officer needs to pick a counter: their agencies, each with its groups and counters. */
export async function deskOverview(db: Executor, p: Principal) {
  const day = localDay();
  const out = [];
  for (const a of await deskAgencies(db, p)) {
    const counters = await db.selectFrom('queue_counter').selectAll().where('agency_id', '=', a.id).where('active', '=', true).orderBy('number').execute();
    const groups = await groupsOf(db, a.id, day);
    const prefixById = new Map(groups.map((g) => [g.id, g.prefix]));
    const links = counters.length
      ? await db.selectFrom('queue_counter_group').selectAll().where('counter_id', 'in', counters.map((c) => c.id)).execute()
      : [];
    out.push({
      ...agencyView(a), sector: a.sector, level: a.level,
      groups,
      counters: await Promise.all(counters.map(async (c) => ({
        id: c.id, number: c.number, name: c.name, nameEn: c.name_en,
        groups: links.filter((l) => l.counter_id === c.id).map((l) => prefixById.get(l.group_id)).filter(Boolean).sort() as string[],
        current: await currentAt(db, c.id, day),
      }))),
    });
  }
  return { agencies: out };
}
