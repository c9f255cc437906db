import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Principal, Role } from '../../platform/http/principal.ts';
import { problems } from '../../platform/http/problem.ts';
import { getAgencyByCode, getOrgUnit, subUnits, type OrgUnit } from '../agencies/service.ts';
import { getCalendar } from '../calendar/service.ts';
import { agenciesWithRole, hasRoleWithin, requireStaff } from '../identity/authz.ts';
import { getUser, staffWithRole } from '../identity/service.ts';
import type { ResolvedStep } from './lifecycle.ts';
import { statusNames } from './status.ts';

/** Roles that may look at an agency's figures. */
export const SUPERVISING_ROLES: Role[] = ['supervisor', 'head_of_division', 'signing_authority'];
/** Roles whose holders appear in the per-officer table. */
const OFFICER_ROLES: Role[] = ['desk_officer', 'processing_officer', 'head_of_division', 'signing_authority', 'supervisor'];
/** Open dossiers the agency is working on (the clock runs or is paused); 9 = done, waiting to be returned. */
const IN_HAND = [1, 2, 4, 5, 6, 9];
/** Open dossiers whose appointment date can be missed: received and not finished. */
const RUNNING = [2, 4, 5, 6];
const ACTIVITY_DAYS = 30;

/** The agencies in which the official holds a supervising role (a grant on a division counts for its agency). */
export async function supervisedAgencies(db: Executor, p: Principal): Promise<OrgUnit[]> {
  return agenciesWithRole(db, p, SUPERVISING_ROLES);
}

/** Every unit of an agency (the agency, its desk, leadership and divisions, at any depth). */
async function unitsOf(db: Executor, agencyId: string): Promise<string[]> {
  const out: string[] = [];
  const stack = [agencyId];
  while (stack.length && out.length < 500) {
    const id = stack.pop()!;
    out.push(id);
    for (const c of await subUnits(db, id)) stack.push(c.id);
  }
  return out;
}

/**
 * The supervisor's dashboard for one agency or all the agencies they supervise: dossiers by
 * status, the open dossiers past their appointment date and who holds them, figures per
 * procedure and per official.
 *
 * Definitions:
 * - received: dossiers received by the desk (they have an appointment date);
 * - doneOnTime / doneLate: decided (status 9 or 10) no later / later than the appointment date;
 * - open: submitted or in hand and not yet decided (status 1, 2, 4, 5, 6);
 * - overdue: received, not decided, and the appointment date passed before now — or before the
 *   clock was paused for a supplement or payment (time waiting for the applicant does not count);
 * - late = doneLate + overdue (Decision 766: late among those finished or due).
 */
export async function supervisionSummary(db: Executor, agencies: OrgUnit[]) {
  const ids = agencies.map((a) => a.id);
  const cal = await getCalendar(db);
  const now = new Date();
  const overdueCond = sql`d.status in (${sql.join(RUNNING)}) and d.due_at is not null and d.due_at < coalesce(d.paused_at, ${now})`;

  const [statusRows, procRows, overdueRows] = await Promise.all([
    sql<{ status: number; n: string }>`select d.status, count(*) as n from dossier d where d.agency_id = any(${ids}::uuid[]) group by d.status`.execute(db),
    sql<any>`select d.procedure_code, min(d.procedure_name) as procedure_name,
        count(*) as submitted,
        count(*) filter (where d.received_at is not null) as received,
        count(*) filter (where d.status in (9, 10) and d.due_at is not null and d.finished_at <= d.due_at) as done_on_time,
        count(*) filter (where d.status in (9, 10) and d.due_at is not null and d.finished_at > d.due_at) as done_late,
        count(*) filter (where d.status in (1, 2, 4, 5, 6)) as open,
        count(*) filter (where ${overdueCond}) as overdue
      from dossier d where d.agency_id = any(${ids}::uuid[])
      group by d.procedure_code order by count(*) filter (where d.status in (1, 2, 4, 5, 6)) desc, count(*) desc, d.procedure_code`.execute(db),
    sql<any>`select d.id, d.code, d.status, d.procedure_code, d.procedure_name, d.applicant_name, d.agency_id, d.received_at, d.due_at, d.paused_at,
        d.current_step, d.process, d.step_unit_id, d.step_role, d.step_assignee_id, d.step_due_at, d.version
      from dossier d where d.agency_id = any(${ids}::uuid[]) and ${overdueCond}
      order by d.due_at asc, d.code limit 500`.execute(db),
  ]);

  const byStatusMap = new Map(statusRows.rows.map((r) => [Number(r.status), Number(r.n)]));
  const byStatus = Object.keys(statusNames).map(Number).map((s) => ({ status: s, name: statusNames[s], count: byStatusMap.get(s) ?? 0 }));

  const userName = new Map<string, string>();
  const nameOf = async (id: string | null) => {
    if (!id) return null;
    if (!userName.has(id)) userName.set(id, (await getUser(db, id))?.fullName ?? '—');
    return { id, fullName: userName.get(id)! };
  };

  const overdue = [];
  for (const r of overdueRows.rows) {
    const process = (r.process as ResolvedStep[] | null) ?? [];
    const step = r.current_step !== null ? process[r.current_step] : undefined;
    const unit = r.step_unit_id ? await getOrgUnit(db, r.step_unit_id) : undefined;
    const ref: Date = r.paused_at ?? now;
    overdue.push({
      id: r.id, code: r.code, status: r.status, statusName: statusNames[r.status], procedureCode: r.procedure_code, procedureName: r.procedure_name,
      applicantName: r.applicant_name, agencyId: r.agency_id, receivedAt: r.received_at, dueAt: r.due_at, paused: !!r.paused_at,
      overdueWorkingDays: Math.round((cal.workingMinutesBetween(r.due_at, ref) / 60 / cal.hoursPerDay) * 10) / 10,
      step: step ? { index: r.current_step, name: step.name, nameEn: step.nameEn, role: r.step_role, dueAt: r.step_due_at } : null,
      holder: {
        unit: unit ? { id: unit.id, name: unit.name } : null,
        role: r.step_role,
        assignee: await nameOf(r.step_assignee_id),
      },
      version: r.version,
    });
  }

  const byProcedure = procRows.rows.map((r) => {
    const doneOnTime = Number(r.done_on_time);
    const doneLate = Number(r.done_late);
    const overdueN = Number(r.overdue);
    return {
      code: r.procedure_code, name: r.procedure_name, submitted: Number(r.submitted), received: Number(r.received),
      doneOnTime, doneLate, overdue: overdueN, late: doneLate + overdueN, open: Number(r.open),
    };
  });

  // Officials: everyone holding a working role in these agencies, even those with nothing in hand.
  const officers = new Map<string, { userId: string; fullName: string; roles: Role[]; agencyIds: string[] }>();
  for (const a of agencies) {
    const units = await unitsOf(db, a.id);
    for (const role of OFFICER_ROLES) {
      for (const s of await staffWithRole(db, role, units)) {
        const o = officers.get(s.id) ?? { userId: s.id, fullName: s.fullName, roles: [], agencyIds: [] };
        if (!o.roles.includes(role)) o.roles.push(role);
        if (!o.agencyIds.includes(a.id)) o.agencyIds.push(a.id);
        officers.set(s.id, o);
      }
    }
  }
  const officerIds = [...officers.keys()];
  const since = new Date(now.getTime() - ACTIVITY_DAYS * 86_400_000);
  const [assignedRows, actedRows] = officerIds.length === 0 ? [{ rows: [] }, { rows: [] }] : await Promise.all([
    sql<any>`select d.step_assignee_id as user_id, count(*) as assigned, count(*) filter (where ${overdueCond}) as overdue
      from dossier d where d.agency_id = any(${ids}::uuid[]) and d.status in (${sql.join(IN_HAND)}) and d.step_assignee_id = any(${officerIds}::uuid[])
      group by d.step_assignee_id`.execute(db),
    sql<any>`select a.actor_id as user_id, count(distinct a.dossier_id) as dossiers, count(*) as actions, max(a.at) as last_at
      from dossier_action a join dossier d on d.id = a.dossier_id
      where d.agency_id = any(${ids}::uuid[]) and a.at >= ${since} and a.actor_id = any(${officerIds}::uuid[])
      group by a.actor_id`.execute(db),
  ]);
  const assigned = new Map(assignedRows.rows.map((r: any) => [r.user_id, r]));
  const acted = new Map(actedRows.rows.map((r: any) => [r.user_id, r]));
  const byOfficer = [...officers.values()].map((o) => ({
    userId: o.userId, fullName: o.fullName, roles: o.roles, agencyIds: o.agencyIds,
    assigned: Number(assigned.get(o.userId)?.assigned ?? 0),
    assignedOverdue: Number(assigned.get(o.userId)?.overdue ?? 0),
    actedDossiers30d: Number(acted.get(o.userId)?.dossiers ?? 0),
    actions30d: Number(acted.get(o.userId)?.actions ?? 0),
    lastActionAt: acted.get(o.userId)?.last_at ?? null,
  })).sort((a, b) => b.assigned - a.assigned || b.actedDossiers30d - a.actedDossiers30d || a.fullName.localeCompare(b.fullName, 'vi'));

  const sum = (k: 'doneOnTime' | 'doneLate' | 'overdue' | 'open' | 'received' | 'submitted') => byProcedure.reduce((n, r) => n + r[k], 0);
  const doneOnTime = sum('doneOnTime');
  const late = sum('doneLate') + sum('overdue');
  return {
    generatedAt: now,
    activityDays: ACTIVITY_DAYS,
    totals: {
      dossiers: sum('submitted'), received: sum('received'), open: sum('open'), overdue: sum('overdue'),
      doneOnTime, doneLate: sum('doneLate'), late,
      /** Share of on-time among those finished or due (null when there is none yet). */
      onTimeRate: doneOnTime + late === 0 ? null : Math.round((doneOnTime / (doneOnTime + late)) * 1000) / 1000,
    },
    byStatus,
    overdue,
    byProcedure,
    byOfficer,
  };
}

export function statsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/supervision/summary', {
    schema: {
      tags: ['dossiers'],
      summary: 'Supervisor dashboard: dossiers by status, overdue dossiers and who holds them, figures per procedure and per official — for the agencies where you are supervisor, head of division or signing authority',
      querystring: z.object({ agencyCode: z.string().max(40).optional().describe('one of your agencies; default: all of them') }),
    },
  }, async (req) => {
    const p = requireStaff(req.principal);
    const mine = await supervisedAgencies(ctx.db, p);
    if (mine.length === 0) {
      throw problems.forbidden('Chỉ cán bộ giám sát, lãnh đạo phòng hoặc lãnh đạo cơ quan mới xem được số liệu này.', 'Only supervisors, heads of division and signing authorities may see these figures.');
    }
    let scope = mine;
    if (req.query.agencyCode) {
      const a = await getAgencyByCode(ctx.db, req.query.agencyCode);
      if (!a || !(await hasRoleWithin(ctx.db, p, SUPERVISING_ROLES, a.id))) {
        throw problems.forbidden('Bạn không giám sát cơ quan này.', 'You do not supervise this agency.');
      }
      scope = [a];
    }
    const summary = await supervisionSummary(ctx.db, scope);
    return {
      agencies: mine.map((a) => ({ id: a.id, code: a.code, name: a.name, nameEn: a.nameEn })),
      scope: scope.map((a) => a.code),
      ...summary,
    };
  });
}
