import { z } from 'zod';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Principal, Role } from '../../platform/http/principal.ts';
import { fieldError, problems } from '../../platform/http/problem.ts';
import { getAgencyByCode, type OrgUnit } from '../agencies/service.ts';
import { agenciesWithRole } from '../identity/authz.ts';
import { logAccess, purposeByCode, vnDay, type RequestInfo } from './service.ts';
import type { PersonalDataAccessTable } from './tables.ts';
import type { Selectable } from 'kysely';

type Row = Selectable<PersonalDataAccessTable>;

/** Who may read an agency's access log. */
export const AUDIT_ROLES: Role[] = ['supervisor', 'system_admin'];

export interface DisplayPolicy {
  validFrom: string;
  showOfficialName: boolean;
  showOfficialTitle: boolean;
  note: string | null;
}

/** The display policy in force on `day`; without any row, agency only (the most cautious). */
export async function displayPolicy(db: Executor, day = vnDay()): Promise<DisplayPolicy> {
  const r = await db.selectFrom('access_display_policy').selectAll().where('valid_from', '<=', day).orderBy('valid_from', 'desc').limit(1).executeTakeFirst();
  return r ? { validFrom: r.valid_from, showOfficialName: r.show_official_name, showOfficialTitle: r.show_official_title, note: r.note }
    : { validFrom: day, showOfficialName: false, showOfficialTitle: false, note: null };
}

const SLIPS: Record<string, [string, string]> = {
  receipt: ['Giấy tiếp nhận và hẹn trả kết quả', 'Receipt and appointment slip'],
  supplement: ['Phiếu yêu cầu bổ sung hồ sơ', 'Supplement request'],
  refusal: ['Phiếu từ chối tiếp nhận, giải quyết hồ sơ', 'Refusal slip'],
  apology: ['Văn bản xin lỗi và hẹn lại ngày trả kết quả', 'Apology and new date letter'],
  tracking: ['Phiếu kiểm soát quá trình giải quyết hồ sơ', 'Tracking slip'],
};

/** What was opened, in words, in both languages: to the citizen ("your record") or to an auditor. */
export function describeObject(r: Pick<Row, 'object_kind' | 'object_label' | 'object_ref' | 'dossier_code'>, toSubject = true): { vi: string; en: string } {
  const of = r.dossier_code ? { vi: ` của hồ sơ ${r.dossier_code}`, en: ` of dossier ${r.dossier_code}` } : { vi: '', en: '' };
  switch (r.object_kind) {
    case 'population_record': return toSubject
      ? { vi: 'Thông tin của bạn trong Cơ sở dữ liệu quốc gia về dân cư', en: 'Your record in the National Population Database' }
      : { vi: 'Thông tin trong Cơ sở dữ liệu quốc gia về dân cư', en: 'Record in the National Population Database' };
    case 'citizen_account': return toSubject
      ? { vi: 'Thông tin tài khoản dịch vụ công của bạn', en: 'Your public-service account details' }
      : { vi: 'Thông tin tài khoản dịch vụ công của công dân', en: "The citizen's public-service account details" };
    case 'dossier': return { vi: `Hồ sơ ${r.object_label ?? r.dossier_code ?? ''}`, en: `Dossier ${r.object_label ?? r.dossier_code ?? ''}` };
    case 'document': return { vi: `Giấy tờ "${r.object_label ?? ''}"${of.vi}`, en: `Document "${r.object_label ?? ''}"${of.en}` };
    case 'slip': {
      const [vi, en] = SLIPS[r.object_ref ?? ''] ?? ['Phiếu', 'Slip'];
      return { vi: `${vi}${of.vi}`, en: `${en}${of.en}` };
    }
    case 'file': return { vi: `Tệp "${r.object_label ?? ''}"`, en: `File "${r.object_label ?? ''}"` };
    case 'dossier_search': return toSubject
      ? { vi: 'Danh sách hồ sơ của bạn (tra cứu theo số định danh hoặc số điện thoại)', en: 'The list of your dossiers (searched by ID number or phone)' }
      : { vi: 'Danh sách hồ sơ của công dân (tra cứu theo số định danh hoặc số điện thoại)', en: "The citizen's dossiers (searched by ID number or phone)" };
    case 'access_log': return toSubject
      ? { vi: 'Nhật ký truy cập dữ liệu cá nhân của bạn', en: 'The log of who accessed your personal data' }
      : { vi: 'Nhật ký truy cập dữ liệu cá nhân', en: 'The personal-data access log' };
  }
}

/**
 * A citizen's own entries, newest first: by their personal ID number (population record, walk-in
 * dossiers) or their account. What they see of the official follows the display policy.
 */
export async function citizenAccessLog(db: Executor, p: Principal, page: { limit: number; offset: number }) {
  const mine = (qb: any) => qb.where((eb: any) => eb.or([
    eb('subject_user_id', '=', p.userId),
    ...(p.idNumber ? [eb('subject_id_number', '=', p.idNumber)] : []),
  ]));
  const [rows, count, policy] = await Promise.all([
    mine(db.selectFrom('personal_data_access').selectAll()).orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute() as Promise<Row[]>,
    mine(db.selectFrom('personal_data_access').select(sql<number>`count(*)::int`.as('n'))).executeTakeFirstOrThrow() as Promise<{ n: number }>,
    displayPolicy(db),
  ]);
  return {
    total: count.n,
    limit: page.limit,
    offset: page.offset,
    policy: { showOfficialName: policy.showOfficialName, showOfficialTitle: policy.showOfficialTitle },
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      agency: r.agency_name ? { name: r.agency_name, nameEn: r.agency_name_en } : null,
      official: {
        title: policy.showOfficialTitle ? r.actor_title : null,
        name: policy.showOfficialName ? r.actor_name : null,
      },
      object: { kind: r.object_kind, label: r.object_label, dossierCode: r.dossier_code, description: describeObject(r) },
      purpose: { code: r.purpose_code, name: r.purpose_name, nameEn: r.purpose_name_en, note: r.purpose_note },
      legalBasis: { vi: r.legal_basis, en: r.legal_basis_en },
    })),
  };
}

export const auditQuery = z.object({
  agencyCode: z.string().max(40).optional().describe('one of the agencies you supervise (default: all of them)'),
  actorId: z.uuid().optional().describe('only this official'),
  idNumber: z.string().regex(/^\d{12}$/).optional().describe("only this citizen's data"),
  purpose: z.string().max(40).optional(),
  from: z.iso.date().optional().describe('first day (Vietnam time)'),
  to: z.iso.date().optional().describe('last day (Vietnam time)'),
  note: z.string().trim().max(500).optional().describe('why you are auditing (recorded with the audit)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof auditQuery>;

/** Start of a Vietnam civil day as an instant. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`);
const nextDay = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

/**
 * A supervisor's or system administrator's view of their agencies' log: entries by filter, newest
 * first, and per official how many entries and distinct citizens (looking people up without a
 * dossier, or outside one's own steps, stands out). The query itself is logged.
 */
export async function auditAccessLog(db: Executor, p: Principal, f: AuditQuery, req: RequestInfo) {
  const scope = await agenciesWithRole(db, p, AUDIT_ROLES);
  if (scope.length === 0) throw problems.forbidden('Chỉ cán bộ giám sát hoặc quản trị hệ thống của cơ quan được xem nhật ký truy cập dữ liệu cá nhân.', "Only the agency's supervisors and system administrators may read the personal-data access log.");
  let agencies: OrgUnit[] = scope;
  if (f.agencyCode) {
    const a = await getAgencyByCode(db, f.agencyCode);
    if (!a || !scope.some((s) => s.id === a.id)) throw problems.forbidden('Bạn không giám sát cơ quan này nên không được xem nhật ký truy cập của cơ quan.', 'You do not supervise this agency, so you may not read its access log.');
    agencies = [a];
  }
  if (f.from && f.to && f.from > f.to) throw problems.validation([fieldError('to', 'phải từ ngày bắt đầu trở đi', 'must not be before from')]);
  const ids = agencies.map((a) => a.id);
  const filtered = (qb: any) => {
    let q = qb.where('agency_id', 'in', ids);
    if (f.actorId) q = q.where('actor_id', '=', f.actorId);
    if (f.idNumber) q = q.where('subject_id_number', '=', f.idNumber);
    if (f.purpose) q = q.where('purpose_code', '=', f.purpose);
    if (f.from) q = q.where('at', '>=', dayStart(f.from));
    if (f.to) q = q.where('at', '<', nextDay(f.to));
    return q;
  };
  const [rows, count, officials] = await Promise.all([
    filtered(db.selectFrom('personal_data_access').selectAll()).orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute() as Promise<Row[]>,
    filtered(db.selectFrom('personal_data_access').select(sql<number>`count(*)::int`.as('n'))).executeTakeFirstOrThrow() as Promise<{ n: number }>,
    filtered(db.selectFrom('personal_data_access').select([
      'actor_id', sql<string>`max(actor_name)`.as('actor_name'), sql<string | null>`max(actor_title)`.as('actor_title'),
      sql<number>`count(*)::int`.as('entries'),
      sql<number>`count(distinct coalesce(subject_id_number, subject_user_id::text))::int`.as('citizens'),
      sql<number>`(count(*) filter (where dossier_id is null and object_kind in ('population_record', 'citizen_account')))::int`.as('lookups_without_dossier'),
      sql<number>`(count(*) filter (where purpose_code = 'dossier_other'))::int`.as('outside_own_steps'),
      sql<Date>`max(at)`.as('last_at'),
    ])).groupBy('actor_id').orderBy(sql`count(*)`, 'desc').limit(100).execute() as Promise<any[]>,
  ]);

  // The audit is itself an access: to the citizen's log when one is named, else to the agency's.
  const actorName = f.actorId ? (officials.find((o) => o.actor_id === f.actorId)?.actor_name ?? f.actorId) : null;
  const filters = [actorName && `cán bộ ${actorName}`, f.idNumber && `công dân ${f.idNumber}`, f.purpose && `mục đích ${f.purpose}`, f.from && `từ ${f.from}`, f.to && `đến ${f.to}`].filter(Boolean).join('; ');
  await logAccess(db, req, {
    purpose: await purposeByCode(db, 'privacy_audit'),
    note: [f.note, filters && `Điều kiện lọc: ${filters}`].filter(Boolean).join(' — ') || null,
    agency: agencies[0], roles: [...new Set(p.roles.map((g) => g.role))].filter((r) => AUDIT_ROLES.includes(r)), dossier: null,
  }, { kind: 'access_log', subjectIdNumber: f.idNumber ?? null });

  return {
    agencies: scope.map((a) => ({ id: a.id, code: a.code, name: a.name, nameEn: a.nameEn })),
    scope: agencies.map((a) => a.code),
    total: count.n,
    limit: f.limit,
    offset: f.offset,
    items: rows.map((r) => ({
      id: String(r.id), at: r.at,
      official: { id: r.actor_id, name: r.actor_name, title: r.actor_title, roles: r.actor_roles },
      agency: r.agency_name ? { id: r.agency_id, name: r.agency_name, nameEn: r.agency_name_en } : null,
      subject: { userId: r.subject_user_id, idNumber: r.subject_id_number, name: r.subject_name },
      object: { kind: r.object_kind, ref: r.object_ref, label: r.object_label, dossierId: r.dossier_id, dossierCode: r.dossier_code, description: describeObject(r, false) },
      purpose: { code: r.purpose_code, name: r.purpose_name, nameEn: r.purpose_name_en, note: r.purpose_note },
      legalBasis: { vi: r.legal_basis, en: r.legal_basis_en },
      ip: r.ip,
    })),
    byOfficial: officials.map((o) => ({
      id: o.actor_id, name: o.actor_name, title: o.actor_title, entries: o.entries, citizens: o.citizens,
      lookupsWithoutDossier: o.lookups_without_dossier, outsideOwnSteps: o.outside_own_steps, lastAt: o.last_at,
    })),
  };
}
