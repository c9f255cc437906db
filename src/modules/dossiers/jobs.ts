import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { unitChain } from '../agencies/service.ts';
import { getCalendar } from '../calendar/service.ts';
import { staffWithRole } from '../identity/service.ts';
import { notify, type NoticeInput } from '../notices/service.ts';

const fmt = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().replace('T', ' ').slice(0, 16);

/** Officials who should hear about a step: its assignee, else everyone holding the step's role there. */
async function stepRecipients(db: Db, d: { step_assignee_id: string | null; step_role: string | null; step_unit_id: string | null }) {
  if (d.step_assignee_id) return [d.step_assignee_id];
  if (!d.step_role || !d.step_unit_id) return [];
  const chain = (await unitChain(db, d.step_unit_id)).map((u) => u.id);
  return (await staffWithRole(db, d.step_role, chain)).map((u) => u.id);
}

/** Marks open dossiers past their appointment date (once) and tells whoever holds them. */
export async function markOverdue(db: Db): Promise<number> {
  const rows = await sql<any>`update dossier set overdue_at = now()
    where status in (2, 4, 5, 6) and overdue_at is null and paused_at is null and due_at < now()
    returning id, code, procedure_name, due_at, step_assignee_id, step_role, step_unit_id`.execute(db);
  const notices: NoticeInput[] = [];
  for (const d of rows.rows) {
    for (const userId of await stepRecipients(db, d)) {
      notices.push({ userId, kind: 'overdue', dedupeKey: `overdue:${d.id}`, dossierId: d.id,
        titleVi: `Hồ sơ ${d.code} đã quá hạn`, titleEn: `Dossier ${d.code} is overdue`,
        bodyVi: `${d.procedure_name} — hạn trả kết quả ${fmt(d.due_at)}.`, bodyEn: `${d.procedure_name} — it was due ${fmt(d.due_at)}.` });
    }
  }
  await notify(db, notices);
  return rows.rows.length;
}

/** Reminds officials of steps due within the next working day (one reminder per step). */
export async function remindDueSoon(db: Db): Promise<number> {
  const cal = await getCalendar(db);
  const now = new Date();
  const soon = cal.addWorkingMinutes(now, cal.hoursPerDay * 60);
  const rows = await db.selectFrom('dossier').select(['id', 'code', 'procedure_name', 'version', 'step_due_at', 'step_assignee_id', 'step_role', 'step_unit_id', 'current_step'])
    .where('status', 'in', [2, 4, 9]).where('step_due_at', '>=', now).where('step_due_at', '<', soon).execute();
  const notices: NoticeInput[] = [];
  for (const d of rows) {
    for (const userId of await stepRecipients(db, d)) {
      notices.push({ userId, kind: 'due_soon', dedupeKey: `due-soon:${d.id}:${d.current_step}:${d.step_due_at!.toISOString()}`, dossierId: d.id,
        titleVi: `Hồ sơ ${d.code} sắp đến hạn`, titleEn: `Dossier ${d.code} is due soon`,
        bodyVi: `${d.procedure_name} — bước hiện tại hết hạn lúc ${fmt(d.step_due_at!)}.`, bodyEn: `${d.procedure_name} — the current step is due ${fmt(d.step_due_at!)}.` });
    }
  }
  return notify(db, notices);
}

/** Reminds applicants, once a day, of supplement requests they have not answered. */
export async function remindSupplements(db: Db): Promise<number> {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const rows = await db.selectFrom('dossier').select(['id', 'code', 'procedure_name', 'applicant_user_id', 'version'])
    .where('status', '=', 5).where('applicant_user_id', 'is not', null).execute();
  return notify(db, rows.map((d) => ({
    userId: d.applicant_user_id!, kind: 'supplement_reminder', dedupeKey: `supplement:${d.id}:${d.version}:${today}`, dossierId: d.id,
    titleVi: `Hồ sơ ${d.code} đang chờ bạn bổ sung`, titleEn: `Dossier ${d.code} is waiting for your supplement`,
    bodyVi: `${d.procedure_name}: cơ quan đã yêu cầu bổ sung giấy tờ. Hãy nộp bổ sung để hồ sơ được tiếp tục xử lý.`,
    bodyEn: `${d.procedure_name}: the agency asked for more documents. Submit them so processing can continue.`,
  })));
}

export async function defineDossierJobs(ctx: AppContext) {
  await ctx.jobs.define('dossiers.mark-overdue', async () => { await markOverdue(ctx.db); }, '*/5 * * * *');
  await ctx.jobs.define('dossiers.remind-due-soon', async () => { await remindDueSoon(ctx.db); }, '0 8-16 * * 1-6');
  await ctx.jobs.define('dossiers.remind-supplements', async () => { await remindSupplements(ctx.db); }, '0 8 * * *');
}
