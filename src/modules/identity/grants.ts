import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Principal, Role, RoleGrant } from '../../platform/http/principal.ts';
import { problems, fieldError } from '../../platform/http/problem.ts';
import { agencyOf, unitChain } from '../agencies/service.ts';
import { forgetUser } from './sessions.ts';
import './tables.ts';

/**
 * Who holds which role where, today: an official's own grants plus the grants of every personal
 * delegation handed to them that is in force (giao quyền khi vắng mặt). Delegated grants are
 * marked with the delegator, so actions taken through them record "on behalf of".
 */

declare module './tables.ts' {
  interface AppUserTable {
    position: 'head' | 'deputy' | null;
  }
}

export interface PersonalDelegationTable {
  id: import('kysely').Generated<string>;
  delegator_id: string;
  deputy_id: string;
  from_date: string;
  to_date: string;
  reason: string;
  created_at: import('kysely').Generated<Date>;
  created_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    personal_delegation: PersonalDelegationTable;
  }
}

/** A grant held through someone else's personal delegation. */
export interface DelegatedGrant extends RoleGrant {
  delegatedBy?: { userId: string; name: string; delegationId: string };
}

/** Roles an official can hand to a deputy: the work, not the administration of the system. */
export const DELEGABLE_ROLES: Role[] = ['desk_officer', 'processing_officer', 'head_of_division', 'signing_authority', 'supervisor'];

const TZ_MS = 7 * 3600_000;
/** The calendar date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export const localDate = (at: Date) => new Date(at.getTime() + TZ_MS).toISOString().slice(0, 10);

/** Own grants, then grants delegated to `userId` by personal delegations in force on `now`'s local date. */
export async function grantsFor(db: Executor, userId: string, now: Date = new Date()): Promise<DelegatedGrant[]> {
  const today = localDate(now);
  const rows = await sql<{ role: string; unit_id: string; delegator_id: string | null; delegator_name: string | null; delegation_id: string | null }>`
    select g.role, g.unit_id, null::uuid as delegator_id, null::text as delegator_name, null::uuid as delegation_id
      from role_grant g where g.user_id = ${userId}
    union all
    select g.role, g.unit_id, d.delegator_id, u.full_name, d.id
      from personal_delegation d
      join app_user u on u.id = d.delegator_id and not u.disabled
      join role_grant g on g.user_id = d.delegator_id and g.role = any(${DELEGABLE_ROLES}::text[])
     where d.deputy_id = ${userId} and d.revoked_at is null and d.from_date <= ${today}::date and d.to_date >= ${today}::date`.execute(db);
  const out: DelegatedGrant[] = [];
  const seen = new Set<string>();
  for (const r of rows.rows) {
    const key = `${r.role}|${r.unit_id}`;
    if (seen.has(key)) continue; // own grant first: the same role held in one's own right is not "on behalf"
    seen.add(key);
    out.push(r.delegator_id
      ? { role: r.role as Role, unitId: r.unit_id, delegatedBy: { userId: r.delegator_id, name: r.delegator_name ?? '', delegationId: r.delegation_id! } }
      : { role: r.role as Role, unitId: r.unit_id });
  }
  return out;
}

/**
 * When `p` acts at `unitId` with one of `roles` only through a delegated grant, the official they
 * act for; null when they hold such a role in their own right (or are not staff).
 */
export async function onBehalfOf(db: Executor, p: Principal, roles: string[] | null, unitId: string | null): Promise<{ userId: string; name: string } | null> {
  if (p.kind !== 'staff') return null;
  const grants = p.roles as DelegatedGrant[];
  if (!grants.some((g) => g.delegatedBy)) return null;
  const chain = unitId ? (await unitChain(db, unitId)).map((u) => u.id) : null;
  const covers = (g: DelegatedGrant) => (!roles || roles.includes(g.role)) && (!chain || chain.includes(g.unitId));
  if (grants.some((g) => !g.delegatedBy && covers(g))) return null;
  const d = grants.find((g) => g.delegatedBy && covers(g));
  return d?.delegatedBy ? { userId: d.delegatedBy.userId, name: d.delegatedBy.name } : null;
}

// ---- personal delegations -------------------------------------------------------------------

export interface PersonalDelegation {
  id: string;
  delegator: { id: string; name: string; title: string | null };
  deputy: { id: string; name: string; title: string | null };
  from: string;
  to: string;
  reason: string;
  createdAt: string;
  revokedAt: string | null;
  state: 'scheduled' | 'active' | 'ended' | 'revoked';
}

const selectDelegations = (db: Executor) => db.selectFrom('personal_delegation as d')
  .innerJoin('app_user as a', 'a.id', 'd.delegator_id').innerJoin('app_user as b', 'b.id', 'd.deputy_id')
  .select(['d.id', 'd.from_date', 'd.to_date', 'd.reason', 'd.created_at', 'd.revoked_at', 'a.id as a_id', 'a.full_name as a_name', 'a.title as a_title', 'b.id as b_id', 'b.full_name as b_name', 'b.title as b_title']);

function present(r: any, today: string): PersonalDelegation {
  const state = r.revoked_at ? 'revoked' : r.to_date < today ? 'ended' : r.from_date > today ? 'scheduled' : 'active';
  return {
    id: r.id, delegator: { id: r.a_id, name: r.a_name, title: r.a_title }, deputy: { id: r.b_id, name: r.b_name, title: r.b_title },
    from: r.from_date, to: r.to_date, reason: r.reason, createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null, state,
  };
}

/** The agencies where the user holds a role of their own. */
async function ownAgencies(db: Executor, userId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('role_grant').select('unit_id').where('user_id', '=', userId).execute();
  const out = new Set<string>();
  for (const r of rows) {
    const a = await agencyOf(db, r.unit_id);
    if (a) out.add(a.id);
  }
  return out;
}

/** Active staff who share an agency with the official: whom they may hand their work to. */
export async function deputyCandidates(db: Executor, userId: string): Promise<{ id: string; fullName: string; title: string | null }[]> {
  const mine = await ownAgencies(db, userId);
  if (!mine.size) return [];
  const rows = await db.selectFrom('app_user as u').innerJoin('role_grant as g', 'g.user_id', 'u.id')
    .select(['u.id', 'u.full_name', 'u.title', 'g.unit_id']).where('u.kind', '=', 'staff').where('u.disabled', '=', false).where('u.id', '!=', userId).execute();
  const out = new Map<string, { id: string; fullName: string; title: string | null }>();
  for (const r of rows) {
    if (out.has(r.id)) continue;
    const a = await agencyOf(db, r.unit_id);
    if (a && mine.has(a.id)) out.set(r.id, { id: r.id, fullName: r.full_name, title: r.title });
  }
  return [...out.values()].sort((x, y) => x.fullName.localeCompare(y.fullName, 'vi'));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

/**
 * Hands `delegatorId`'s work to a deputy from `from` to `to` (local dates, inclusive). The deputy must
 * be another active official of one of the delegator's agencies; the range must not be over already,
 * at most a year, and must not overlap another delegation of the same official (one deputy at a time).
 */
export async function createPersonalDelegation(tx: Tx, byUserId: string, input: { delegatorId: string; deputyId: string; from: string; to: string; reason: string }, now = new Date()): Promise<PersonalDelegation> {
  const today = localDate(now);
  const errs = [];
  if (!DATE.test(input.from)) errs.push(fieldError('from', 'phải là ngày dạng YYYY-MM-DD', 'must be a date YYYY-MM-DD'));
  if (!DATE.test(input.to)) errs.push(fieldError('to', 'phải là ngày dạng YYYY-MM-DD', 'must be a date YYYY-MM-DD'));
  if (errs.length) throw problems.validation(errs);
  if (input.to < input.from) errs.push(fieldError('to', 'phải từ ngày bắt đầu trở đi', 'must not be before the start date'));
  if (input.to < today) errs.push(fieldError('to', 'khoảng thời gian đã qua', 'the range is already over'));
  const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 + 1;
  if (days > MAX_DAYS) errs.push(fieldError('to', `tối đa ${MAX_DAYS} ngày`, `at most ${MAX_DAYS} days`));
  if (!input.reason.trim()) errs.push(fieldError('reason', 'là trường bắt buộc', 'is required'));
  if (input.deputyId === input.delegatorId) errs.push(fieldError('deputyId', 'không thể giao cho chính mình', 'cannot be yourself'));
  const deputy = await tx.selectFrom('app_user').select(['id', 'kind', 'disabled']).where('id', '=', input.deputyId).executeTakeFirst();
  if (!deputy || deputy.kind !== 'staff' || deputy.disabled) errs.push(fieldError('deputyId', 'phải là cán bộ đang làm việc', 'must be an active official'));
  if (errs.length) throw problems.validation(errs);
  const mine = await ownAgencies(tx, input.delegatorId);
  const theirs = await ownAgencies(tx, input.deputyId);
  if (![...mine].some((a) => theirs.has(a))) {
    throw problems.validation([fieldError('deputyId', 'người nhận phải cùng cơ quan với người giao', 'the deputy must work in the same agency')]);
  }
  // Serialise delegations of one official so two overlapping ranges cannot both pass the check.
  await sql`select pg_advisory_xact_lock(hashtext(${'personal_delegation:' + input.delegatorId}))`.execute(tx);
  const clash = await tx.selectFrom('personal_delegation').select(['from_date', 'to_date']).where('delegator_id', '=', input.delegatorId)
    .where('revoked_at', 'is', null).where('from_date', '<=', input.to).where('to_date', '>=', input.from).executeTakeFirst();
  if (clash) {
    throw problems.conflict(`Đã có giao quyền từ ${clash.from_date} đến ${clash.to_date} trùng khoảng thời gian này.`,
      `Another delegation (${clash.from_date} to ${clash.to_date}) overlaps this range.`);
  }
  const r = await tx.insertInto('personal_delegation').values({
    delegator_id: input.delegatorId, deputy_id: input.deputyId, from_date: input.from, to_date: input.to, reason: input.reason.trim(), created_by: byUserId,
    revoked_at: null, revoked_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  forgetUser(input.deputyId);
  return (await getPersonalDelegation(tx, r.id, now))!;
}

export async function getPersonalDelegation(db: Executor, id: string, now = new Date()): Promise<PersonalDelegation | undefined> {
  const r = await selectDelegations(db).where('d.id', '=', id).executeTakeFirst();
  return r ? present(r, localDate(now)) : undefined;
}

/** Ends a delegation now (the row stays). Returns undefined when it was already revoked. */
export async function revokePersonalDelegation(tx: Tx, id: string, byUserId: string): Promise<PersonalDelegation | undefined> {
  const r = await tx.updateTable('personal_delegation').set({ revoked_at: new Date(), revoked_by: byUserId })
    .where('id', '=', id).where('revoked_at', 'is', null).returning('deputy_id').executeTakeFirst();
  if (!r) return undefined;
  forgetUser(r.deputy_id);
  return getPersonalDelegation(tx, id);
}

/** Delegations the user gave and received, newest first. */
export async function myPersonalDelegations(db: Executor, userId: string, now = new Date()) {
  const today = localDate(now);
  const rows = await selectDelegations(db).where((eb) => eb.or([eb('d.delegator_id', '=', userId), eb('d.deputy_id', '=', userId)]))
    .orderBy('d.from_date', 'desc').orderBy('d.created_at', 'desc').limit(200).execute();
  const all = rows.map((r) => present(r, today));
  return { given: all.filter((d) => d.delegator.id === userId), received: all.filter((d) => d.deputy.id === userId) };
}

/** Delegations (not revoked, not over) whose delegator works in one of `agencyIds`: what supervisors watch. */
export async function delegationsInAgencies(db: Executor, agencyIds: string[], now = new Date()): Promise<PersonalDelegation[]> {
  if (!agencyIds.length) return [];
  const today = localDate(now);
  const rows = await selectDelegations(db).where('d.revoked_at', 'is', null).where('d.to_date', '>=', today).orderBy('d.from_date').limit(500).execute();
  const want = new Set(agencyIds);
  const out: PersonalDelegation[] = [];
  for (const r of rows) {
    const agencies = await ownAgencies(db, r.a_id);
    if ([...agencies].some((a) => want.has(a))) out.push(present(r, today));
  }
  return out;
}

// ---- positions and merger support ------------------------------------------------------------

/** The official's position for the signature block ('head' or 'deputy'; null when not a leader). */
export async function staffPosition(db: Executor, userId: string): Promise<{ position: 'head' | 'deputy' | null; title: string | null; name: string } | undefined> {
  const r = await db.selectFrom('app_user').select(['position', 'title', 'full_name']).where('id', '=', userId).executeTakeFirst();
  return r ? { position: r.position ?? null, title: r.title, name: r.full_name } : undefined;
}

/** Sets positions by username where none is recorded yet (demo seed). */
export async function seedPositions(db: Executor, positions: Record<string, 'head' | 'deputy'>): Promise<void> {
  for (const [username, position] of Object.entries(positions)) {
    await db.updateTable('app_user').set({ position }).where('username', '=', username).where('position', 'is', null).execute();
  }
}

/** Counts the role grants held on the given units (merger preview). */
export async function countGrantsOn(db: Executor, unitIds: string[]): Promise<number> {
  if (!unitIds.length) return 0;
  const r = await db.selectFrom('role_grant').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', 'in', unitIds).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Moves role grants from old units to new ones (a merger): each official keeps the same role at the successor unit. */
export async function moveGrants(tx: Tx, map: Map<string, string>): Promise<{ userId: string; role: string; from: string; to: string }[]> {
  const olds = [...map.keys()];
  if (!olds.length) return [];
  const rows = await tx.selectFrom('role_grant').selectAll().where('unit_id', 'in', olds).execute();
  for (const g of rows) {
    await tx.insertInto('role_grant').values({ user_id: g.user_id, role: g.role, unit_id: map.get(g.unit_id)! }).onConflict((oc) => oc.doNothing()).execute();
  }
  await tx.deleteFrom('role_grant').where('unit_id', 'in', olds).execute();
  for (const u of new Set(rows.map((g) => g.user_id))) forgetUser(u);
  return rows.map((g) => ({ userId: g.user_id, role: g.role, from: g.unit_id, to: map.get(g.unit_id)! }));
}
