import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { getOrgUnit, subUnits } from '../agencies/service.ts';
import { actsFor, agenciesWithRole } from '../identity/authz.ts';
import { getCalendar } from '../calendar/service.ts';
import { statusNames } from './status.ts';
import type { ResolvedStep } from './lifecycle.ts';

/** Every (unit, role) pair the official may act as: a grant on a unit covers the units under it. */
async function actingPairs(db: Executor, p: Principal): Promise<{ unitId: string; role: string }[]> {
  const out: { unitId: string; role: string }[] = [];
  for (const g of p.roles) {
    const stack = [g.unitId];
    while (stack.length) {
      const id = stack.pop()!;
      out.push({ unitId: id, role: g.role });
      for (const c of await subUnits(db, id)) stack.push(c.id);
    }
  }
  return out;
}

export interface InboxFilter {
  procedureCode?: string;
  status?: number;
  overdue?: boolean;
  dueSoon?: boolean;
  assignedToMe?: boolean;
  q?: string;
  limit: number;
  offset: number;
}

/**
 * An official's inbox: dossiers waiting at a step this official may act on (new online
 * dossiers at the desk, steps of the internal process, results to return), soonest due first.
 */
export async function inbox(db: Executor, p: Principal, f: InboxFilter, countCap: number) {
  const pairs = await actingPairs(db, p);
  if (pairs.length === 0) {
    return { total: 0, hasMore: false, items: [], counts: { total: 0, overdue: 0, dueSoon: 0, capped: { total: false, overdue: false, dueSoon: false } } };
  }
  const cal = await getCalendar(db);
  const now = new Date();
  // "Due soon": less than one working day left.
  const soon = cal.addWorkingMinutes(now, cal.hoursPerDay * 60);
  // Each (unit, role) is read in due order from its own index range and only the first rows of
  // each are merged: the cost follows the page size, not the size of the inbox.
  const uniq = [...new Map(pairs.map((x) => [`${x.unitId}|${x.role}`, x])).values()];
  const units = uniq.map((x) => x.unitId);
  const roles = uniq.map((x) => x.role);
  // A deputy holding someone's work today also gets the dossiers assigned to them.
  const mine = actsFor(p);
  const canSeeAssigned = p.roles.some((g) => g.role === 'head_of_division' || g.role === 'signing_authority');
  const overdueSql = sql`(d.step_due_at < ${now} or d.due_at < ${now})`;
  // Restating the range on the index's sort key lets PostgreSQL read only that slice of the index.
  const dueSoonSql = sql`and d.step_due_at >= ${now} and d.step_due_at < ${soon}
    and coalesce(d.step_due_at, d.submitted_at) >= ${now} and coalesce(d.step_due_at, d.submitted_at) < ${soon}`;
  const filters = sql`d.status in (1, 2, 4, 9)
    and (d.step_assignee_id is null or d.step_assignee_id = any(${mine}::uuid[]) or ${canSeeAssigned})
    ${f.procedureCode ? sql`and d.procedure_code = ${f.procedureCode}` : sql``}
    ${f.status ? sql`and d.status = ${f.status}` : sql``}
    ${f.assignedToMe ? sql`and d.step_assignee_id = any(${mine}::uuid[])` : sql``}
    ${f.overdue ? sql`and ${overdueSql}` : sql``}
    ${f.dueSoon ? dueSoonSql : sql``}
    ${f.q ? sql`and (d.code ilike ${`%${f.q}%`} or search_norm(d.applicant_name) like '%' || search_norm(${f.q}) || '%')` : sql``}`;
  const pairsSql = sql`unnest(${units}::uuid[], ${roles}::text[]) as p(unit, role)`;
  const cappedCount = (extra: RawBuilder<unknown>) => sql`(select count(*) from (select from ${pairsSql}
    join dossier d on d.step_unit_id = p.unit and d.step_role = p.role where ${filters} ${extra} limit ${countCap + 1}) x)`;
  const [rows, counts] = await Promise.all([
    sql<any>`select d.* from ${pairsSql}
      cross join lateral (
        select d.id, d.code, d.status, d.channel, d.procedure_code, d.procedure_name, d.applicant_name, d.submitted_at, d.received_at,
          d.due_at, d.current_step, d.step_due_at, d.step_assignee_id, d.step_unit_id, d.version, d.process->d.current_step->>'name' as step_name,
          coalesce(d.step_due_at, d.submitted_at) as sort_at
        from dossier d
        where d.step_unit_id = p.unit and d.step_role = p.role and ${filters}
        order by coalesce(d.step_due_at, d.submitted_at), d.code
        limit ${f.offset + f.limit + 1}
      ) d
      order by d.sort_at, d.code
      limit ${f.limit + 1} offset ${f.offset}`.execute(db),
    // Counting visits every waiting dossier, so a desk with a backlog of 100,000 paid for all of them
    // on every page (≈ 1 s at 10 M dossiers). Each count stops at the cap instead ("1,000+"): the
    // exact backlog is in the agency's statistics (stats.ts), not in every inbox request.
    sql<any>`select ${cappedCount(sql``)} as total, ${cappedCount(sql`and ${overdueSql}`)} as overdue,
      ${cappedCount(dueSoonSql)} as due_soon`.execute(db),
  ]);
  const c = counts.rows[0];
  const capped = (n: unknown) => Number(n) > countCap;
  const count = (n: unknown) => Math.min(Number(n), countCap);
  const total = count(c.total);
  // One row more than the page says whether another page exists, whatever the counts say.
  const hasMore = rows.rows.length > f.limit;
  return {
    // When counts.capped.total, `total` is a lower bound: more dossiers are waiting than it says.
    total,
    hasMore,
    counts: {
      total, overdue: count(c.overdue), dueSoon: count(c.due_soon),
      capped: { total: capped(c.total), overdue: capped(c.overdue), dueSoon: capped(c.due_soon) },
    },
    items: rows.rows.slice(0, f.limit).map((r) => ({
      id: r.id, code: r.code, status: r.status, statusName: statusNames[r.status], procedureCode: r.procedure_code, procedureName: r.procedure_name,
      applicantName: r.applicant_name, submittedAt: r.submitted_at, receivedAt: r.received_at, dueAt: r.due_at,
      step: r.current_step === null ? null : { index: r.current_step, name: r.step_name, dueAt: r.step_due_at, assigneeId: r.step_assignee_id },
      overdue: !!((r.step_due_at && r.step_due_at < now) || (r.due_at && r.due_at < now)),
      dueSoon: !!(r.step_due_at && r.step_due_at >= now && r.step_due_at < soon),
      version: r.version,
    })),
  };
}

export async function myDossiers(db: Executor, p: Principal, f: { status?: number; limit: number; offset: number }) {
  let q = db.selectFrom('dossier').select(['id', 'code', 'status', 'procedure_code', 'procedure_name', 'agency_id', 'submitted_at', 'due_at', 'finished_at', 'returned_at', 'version'])
    .where('applicant_user_id', '=', p.userId);
  if (f.status) q = q.where('status', '=', f.status);
  const rows = await q.orderBy('submitted_at', 'desc').limit(f.limit).offset(f.offset).execute();
  return {
    items: await Promise.all(rows.map(async (r) => ({
      id: r.id, code: r.code, status: r.status, statusName: statusNames[r.status], procedureCode: r.procedure_code, procedureName: r.procedure_name,
      agencyName: (await getOrgUnit(db, r.agency_id))?.name, submittedAt: r.submitted_at, dueAt: r.due_at, finishedAt: r.finished_at, returnedAt: r.returned_at, version: r.version,
    }))),
  };
}

/** Last four characters of the applicant's phone or ID number: the second factor of public tracking. */
function matchesSecondFactor(verify: string, phone: string | null, idNumber: string | null): boolean {
  const v = verify.replace(/\s/g, '');
  if (v.length < 4) return false;
  return [phone, idNumber].some((x) => !!x && x.replace(/\s/g, '').endsWith(v));
}

/** Public tracking without signing in: no personal data, only where the dossier is and whether it is on time. */
export async function publicTracking(db: Executor, code: string, verify: string) {
  const d = await db.selectFrom('dossier').select(['id', 'code', 'status', 'procedure_code', 'procedure_name', 'agency_id', 'submitted_at', 'received_at', 'due_at', 'finished_at',
    'returned_at', 'applicant_phone', 'applicant_id_number', 'current_step', 'process', 'step_unit_id', 'step_due_at', 'paused_at'])
    .where('code', '=', code).executeTakeFirst();
  if (!d || !matchesSecondFactor(verify, d.applicant_phone, d.applicant_id_number)) return undefined;
  const cal = await getCalendar(db);
  const agency = await getOrgUnit(db, d.agency_id);
  const unit = d.step_unit_id ? await getOrgUnit(db, d.step_unit_id) : undefined;
  const process = (d.process as ResolvedStep[] | null) ?? [];
  const actions = await db.selectFrom('dossier_action').select(['seq', 'action', 'at', 'to_status', 'from_step', 'to_step', 'step_due_at', 'to_unit_id'])
    .where('dossier_id', '=', d.id).orderBy('seq').execute();
  const now = new Date();
  return {
    code: d.code,
    status: d.status,
    statusName: statusNames[d.status],
    procedure: { code: d.procedure_code, name: d.procedure_name },
    agency: agency ? { code: agency.code, name: agency.name } : null,
    submittedAt: d.submitted_at,
    receivedAt: d.received_at,
    dueAt: d.due_at,
    finishedAt: d.finished_at,
    returnedAt: d.returned_at,
    waitingForApplicant: !!d.paused_at,
    timeliness: d.due_at ? cal.judge(d.finished_at, d.due_at, now) : null,
    currentStep: d.current_step !== null && process[d.current_step] ? { name: process[d.current_step].name, unit: unit?.name, dueAt: d.step_due_at } : unit ? { name: 'Chờ tiếp nhận', unit: unit.name, dueAt: null } : null,
    timeline: await Promise.all(actions.map(async (a) => ({
      seq: a.seq, action: a.action, at: a.at, status: a.to_status, statusName: statusNames[a.to_status],
      step: a.to_step !== null && process[a.to_step] ? process[a.to_step].name : null,
      unit: a.to_unit_id ? (await getOrgUnit(db, a.to_unit_id))?.name ?? null : null,
      judgement: a.step_due_at ? cal.judge(a.at, a.step_due_at, now) : null,
    }))),
  };
}

/** What other modules need to know about a dossier (e.g. feedback: who applied, where, is it finished). */
export async function dossierBasics(db: Executor, id: string) {
  const d = await db.selectFrom('dossier').select(['id', 'code', 'status', 'agency_id', 'applicant_user_id', 'finished_at', 'procedure_code']).where('id', '=', id).executeTakeFirst();
  return d ? { id: d.id, code: d.code, status: d.status, agencyId: d.agency_id, applicantUserId: d.applicant_user_id, finishedAt: d.finished_at, procedureCode: d.procedure_code } : undefined;
}

/** The fields a message to a dossier's applicant needs (read without locking the dossier). */
export async function dossierForMessage(db: Executor, id: string) {
  return db.selectFrom('dossier').select(['id', 'code', 'version', 'procedure_name', 'applicant_user_id', 'applicant_name', 'applicant_phone', 'applicant_email', 'due_at', 'fee_amount'])
    .where('id', '=', id).executeTakeFirst();
}

/** Where several dossiers stand (e.g. the parts of an interconnected application). */
export async function dossierSummaries(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, { id: string; code: string; status: number; dueAt: Date | null; agencyId: string; finishedAt: Date | null }>();
  const rows = await db.selectFrom('dossier').select(['id', 'code', 'status', 'due_at', 'agency_id', 'finished_at']).where('id', 'in', ids).execute();
  return new Map(rows.map((d) => [d.id, { id: d.id, code: d.code, status: d.status, dueAt: d.due_at, agencyId: d.agency_id, finishedAt: d.finished_at }]));
}

/**
 * Staff look-up across their agencies: by code (exact or partial), by the applicant's ID number
 * or phone, by status and procedure. Used by the desk (returning results) and supervisors.
 */
export async function findDossiers(db: Executor, p: Principal, f: { code?: string; idNumber?: string; phone?: string; status?: number; procedureCode?: string; limit: number; offset: number }) {
  const agencies = (await agenciesWithRole(db, p)).map((a) => a.id);
  if (agencies.length === 0) return { items: [] };
  let q = db.selectFrom('dossier').select(['id', 'code', 'status', 'procedure_code', 'procedure_name', 'applicant_name', 'applicant_id_number', 'applicant_phone',
    'submitted_at', 'due_at', 'finished_at', 'returned_at', 'version', 'channel']).where('agency_id', 'in', agencies);
  if (f.code) q = f.code.length >= 20 ? q.where('code', '=', f.code) : q.where('code', 'like', `%${f.code}%`);
  if (f.idNumber) q = q.where('applicant_id_number', '=', f.idNumber);
  if (f.phone) q = q.where('applicant_phone', '=', f.phone);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.procedureCode) q = q.where('procedure_code', '=', f.procedureCode);
  const rows = await q.orderBy('submitted_at', 'desc').limit(f.limit).offset(f.offset).execute();
  return {
    items: rows.map((r) => ({
      id: r.id, code: r.code, status: r.status, statusName: statusNames[r.status], procedureCode: r.procedure_code, procedureName: r.procedure_name,
      applicantName: r.applicant_name, applicantIdNumber: r.applicant_id_number, applicantPhone: r.applicant_phone, submittedAt: r.submitted_at,
      dueAt: r.due_at, finishedAt: r.finished_at, returnedAt: r.returned_at, version: r.version, channel: r.channel,
    })),
  };
}
