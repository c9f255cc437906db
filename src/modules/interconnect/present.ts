import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { getOrgUnit } from '../agencies/service.ts';
import { agenciesWithRole } from '../identity/authz.ts';
import { dossierSummaries } from '../dossiers/queries.ts';
import { statusNames } from '../dossiers/status.ts';
import { groupVersion, type GroupDefinition } from './definition.ts';
import type { InterconnectApplicationTable } from './tables.ts';

type AppRow = Selectable<InterconnectApplicationTable>;

/** The applicant, and staff of any agency holding one of its parts. Anyone else: 404. */
export async function canViewApplication(db: Executor, app: Pick<AppRow, 'id' | 'applicant_user_id'>, p: Principal | null): Promise<boolean> {
  if (!p) return false;
  if (p.kind === 'citizen') return p.userId === app.applicant_user_id;
  const mine = new Set((await agenciesWithRole(db, p)).map((a) => a.id));
  const parts = await db.selectFrom('interconnect_part').select('agency_id').where('application_id', '=', app.id).execute();
  return parts.some((x) => x.agency_id && mine.has(x.agency_id));
}

/** The group as citizens read it (without the form). */
export function presentGroup(g: GroupDefinition, levels: Map<string, string>) {
  return {
    code: g.code, version: g.version, name: g.name, nameEn: g.nameEn, summary: g.summary, summaryEn: g.summaryEn, basis: g.basis,
    lifeEvent: g.lifeEvent, minEidLevel: g.minEidLevel, refusalRule: g.refusalRule,
    parts: g.parts.map((x) => ({
      key: x.key, name: x.name, nameEn: x.nameEn, procedureCode: x.procedureCode,
      level: x.external ? 'province' : x.agency!,
      agencyLabel: x.external ? x.external.system : levels.get(x.key) ?? '',
      agencyLabelEn: x.external ? x.external.systemEn : levels.get(`${x.key}:en`) ?? '',
      external: !!x.external, dependsOn: x.dependsOn, deadline: x.deadline ?? (levels.get(`${x.key}:deadline`) ? JSON.parse(levels.get(`${x.key}:deadline`)!) : null),
    })),
  };
}

const EVENT_TEXT: Record<string, (d: any, part: { name: string; nameEn: string } | null) => { vi: string; en: string }> = {
  submitted: () => ({ vi: 'Đã nộp hồ sơ liên thông', en: 'Interconnected application submitted' }),
  part_filed: (d, p) => ({ vi: `${p?.name}: đã chuyển hồ sơ ${d.dossierCode} tới ${d.agencyName}`, en: `${p?.nameEn}: dossier ${d.dossierCode} filed with ${d.agencyNameEn}` }),
  part_sent: (d, p) => ({ vi: `${p?.name}: đang gửi tới ${d.system}`, en: `${p?.nameEn}: being sent to ${d.systemEn}` }),
  part_accepted: (d, p) => ({ vi: `${p?.name}: đã được tiếp nhận (mã ${d.externalRef})`, en: `${p?.nameEn}: accepted (reference ${d.externalRef})` }),
  part_ready: (_d, p) => ({ vi: `${p?.name}: đủ điều kiện, đang chuyển đi`, en: `${p?.nameEn}: its prerequisites are done, being filed` }),
  part_approved: (_d, p) => ({ vi: `${p?.name}: đã có kết quả`, en: `${p?.nameEn}: decided, result issued` }),
  part_refused: (d, p) => ({ vi: `${p?.name}: bị từ chối${d.reasons?.length ? ` — ${d.reasons.join('; ')}` : ''}`, en: `${p?.nameEn}: refused${d.reasons?.length ? ` — ${d.reasons.join('; ')}` : ''}` }),
  part_cancelled: (d, p) => d.because === 'withdrawn'
    ? { vi: `${p?.name}: đã hủy do rút hồ sơ`, en: `${p?.nameEn}: cancelled (withdrawn)` }
    : { vi: `${p?.name}: đã hủy vì phần "${d.becauseName}" không được giải quyết`, en: `${p?.nameEn}: cancelled because "${d.becauseNameEn}" was not granted` },
  part_failed: (d, p) => ({ vi: `${p?.name}: chưa chuyển được (${d.error}); cán bộ sẽ xử lý`, en: `${p?.nameEn}: could not be filed (${d.error}); officials will handle it` }),
  finished: (d) => ({ vi: `Hồ sơ liên thông kết thúc: ${STATUS_TEXT[d.status as keyof typeof STATUS_TEXT]?.vi}`, en: `Interconnected application finished: ${STATUS_TEXT[d.status as keyof typeof STATUS_TEXT]?.en}` }),
  reopened: () => ({ vi: 'Hồ sơ liên thông được xử lý tiếp', en: 'Interconnected application resumed' }),
  withdrawn: (d) => ({ vi: `Người nộp đã rút hồ sơ liên thông: ${d.reason}`, en: `The applicant withdrew the application: ${d.reason}` }),
};

export const STATUS_TEXT = {
  in_progress: { vi: 'Đang giải quyết', en: 'In progress' },
  completed: { vi: 'Đã có đủ kết quả', en: 'Completed' },
  partly_completed: { vi: 'Có kết quả một phần', en: 'Partly completed' },
  refused: { vi: 'Không được giải quyết', en: 'Refused' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
} as const;

export async function presentApplication(db: Executor, app: AppRow, p: Principal | null) {
  const group = groupVersion(app.group_code, app.group_version)!;
  const parts = await db.selectFrom('interconnect_part').selectAll().where('application_id', '=', app.id).orderBy('position').execute();
  const events = await db.selectFrom('interconnect_event').selectAll().where('application_id', '=', app.id).orderBy('id').execute();
  const dossiers = await dossierSummaries(db, parts.flatMap((x) => (x.dossier_id ? [x.dossier_id] : [])));
  const defOf = (key: string | null) => (key ? group.parts.find((x) => x.key === key) ?? null : null);
  const presentedParts = await Promise.all(parts.map(async (x) => {
    const def = defOf(x.key)!;
    const agency = x.agency_id ? await getOrgUnit(db, x.agency_id) : undefined;
    const d = x.dossier_id ? dossiers.get(x.dossier_id) : undefined;
    return {
      key: x.key, name: def.name, nameEn: def.nameEn, procedureCode: x.procedure_code,
      agency: agency ? { code: agency.code, name: agency.name, nameEn: agency.nameEn } : null,
      external: def.external ? { system: def.external.connector, name: def.external.system, nameEn: def.external.systemEn } : null,
      state: x.state, dependsOn: x.depends_on,
      dossier: d ? { id: d.id, code: d.code, status: d.status, statusName: statusNames[d.status], dueAt: d.dueAt } : null,
      externalRef: x.external_ref, outputs: x.outputs as Record<string, unknown>, reasons: (x.reasons as string[] | null) ?? null,
      cancelledBecause: x.cancelled_because, lastError: p?.kind === 'staff' ? x.last_error : null, updatedAt: x.updated_at,
    };
  }));
  return {
    id: app.id, code: app.code, groupCode: app.group_code, groupVersion: app.group_version, groupName: group.name, groupNameEn: group.nameEn,
    status: app.status, statusName: STATUS_TEXT[app.status], submittedAt: app.submitted_at, finishedAt: app.finished_at,
    applicantName: app.applicant_name, communeCode: app.commune_code, refusalRule: group.refusalRule,
    parts: presentedParts,
    events: events.map((e) => {
      const data = { ...((e.data as Record<string, unknown> | null) ?? {}) } as any;
      if (data.because && data.because !== 'withdrawn') { data.becauseName = defOf(data.because)?.name; data.becauseNameEn = defOf(data.because)?.nameEn; }
      const text = (EVENT_TEXT[e.kind] ?? (() => ({ vi: e.kind, en: e.kind })))(data, defOf(e.part_key));
      return { at: e.at, kind: e.kind, part: e.part_key, text };
    }),
    actions: p?.kind === 'citizen' && p.userId === app.applicant_user_id && app.status === 'in_progress' ? ['withdraw'] as const : [],
  };
}

/** The list view of my applications. */
export async function myApplications(db: Executor, p: Principal, f: { limit: number; offset: number }) {
  const rows = await db.selectFrom('interconnect_application').selectAll().where('applicant_user_id', '=', p.userId)
    .orderBy('submitted_at', 'desc').limit(f.limit).offset(f.offset).execute();
  const parts = rows.length ? await db.selectFrom('interconnect_part').select(['application_id', 'key', 'state', 'position']).where('application_id', 'in', rows.map((r) => r.id)).orderBy('position').execute() : [];
  return {
    items: rows.map((r) => {
      const g = groupVersion(r.group_code, r.group_version)!;
      return {
        id: r.id, code: r.code, groupCode: r.group_code, groupName: g.name, groupNameEn: g.nameEn, status: r.status, statusName: STATUS_TEXT[r.status],
        submittedAt: r.submitted_at, finishedAt: r.finished_at,
        parts: parts.filter((x) => x.application_id === r.id).map((x) => {
          const def = g.parts.find((d) => d.key === x.key)!;
          return { key: x.key, name: def.name, nameEn: def.nameEn, state: x.state };
        }),
      };
    }),
  };
}
