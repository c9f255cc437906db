import { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import type { Principal, Role } from '../../platform/http/principal.ts';
import { Problem, fieldError, problems } from '../../platform/http/problem.ts';
import { getAgencyByCode, getOrgUnit, unitChain, type OrgUnit } from '../agencies/service.ts';
import { DOSSIER_ROLES, agenciesWithRole, hasRoleAt } from '../identity/authz.ts';
import { getUser } from '../identity/service.ts';
import { canView, type DossierRow } from '../dossiers/actions.ts';
import { dossierBasics } from '../dossiers/queries.ts';
import type { AccessObjectKind } from './tables.ts';
import './tables.ts';

/** Vietnam has no daylight saving: its civil date is UTC+7. */
export function vnDay(d = new Date()): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export interface Purpose {
  code: string;
  name: string;
  nameEn: string;
  legalBasis: string;
  legalBasisEn: string;
  selectable: boolean;
  needsNote: boolean;
}

// Purposes change by decision, rarely; every logged request needs them.
let purposeCache: { day: string; at: number; list: Purpose[] } | null = null;

/** The purposes in force on `day` (Vietnam date), in display order. */
export async function purposesInForce(db: Executor, day = vnDay()): Promise<Purpose[]> {
  if (purposeCache && purposeCache.day === day && Date.now() - purposeCache.at < 60_000) return purposeCache.list;
  const rows = await db.selectFrom('access_purpose').selectAll()
    .where('valid_from', '<=', day).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]))
    .orderBy('sort').orderBy('code').execute();
  const list = rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, legalBasis: r.legal_basis, legalBasisEn: r.legal_basis_en, selectable: r.selectable, needsNote: r.needs_note }));
  if (day === vnDay()) purposeCache = { day, at: Date.now(), list };
  return list;
}

export async function purposeByCode(db: Executor, code: string): Promise<Purpose> {
  const p = (await purposesInForce(db)).find((x) => x.code === code);
  if (!p) throw new Error(`access purpose ${code} is not in force today`);
  return p;
}

/** Query parameters of a staff look-up of a person: why (a purpose, or the dossier being worked on). */
export const lookupPurposeQuery = z.object({
  purpose: z.string().max(40).optional().describe('why the person is looked up: a code from GET /privacy/purposes (required unless dossierId is given)'),
  purposeNote: z.string().trim().max(500).optional().describe('free text shown with the purpose (required for some purposes, e.g. the inspection decision)'),
  dossierId: z.uuid().optional().describe('the dossier this look-up is for: the purpose is then derived from your work on it'),
  agencyCode: z.string().max(40).optional().describe('the agency you act for, when you work in several'),
});
export type LookupPurposeQuery = z.infer<typeof lookupPurposeQuery>;

/** Why, for whom and as whom an official opens a citizen's data: what a log entry records besides the object. */
export interface AccessReason {
  purpose: Purpose;
  note: string | null;
  agency: OrgUnit | null;
  roles: Role[];
  dossier: { id: string; code: string } | null;
}

/** The official's roles inside `agencyId` (a grant on a division counts). */
async function rolesIn(db: Executor, p: Principal, agencyId: string | null): Promise<Role[]> {
  if (!agencyId) return [...new Set(p.roles.map((g) => g.role))];
  const out = new Set<Role>();
  for (const g of p.roles) if ((await unitChain(db, g.unitId)).some((u) => u.id === agencyId)) out.add(g.role);
  return [...out];
}

const SUPERVISING: Role[] = ['supervisor', 'head_of_division', 'signing_authority'];

/**
 * The implicit purpose of an official opening a dossier, from their relation to it: the one it is
 * assigned to, those whose unit holds one of its process steps and the desk (reception and return)
 * process it; supervising roles supervise; anyone else in the agency is recorded as viewing outside
 * their own steps, which is what an audit of curiosity look-ups looks for.
 */
export async function dossierRelation(db: Executor, p: Principal, d: Pick<DossierRow, 'agency_id' | 'step_unit_id' | 'step_role' | 'step_assignee_id' | 'process'>):
  Promise<'dossier_processing' | 'dossier_supervision' | 'dossier_other'> {
  if (d.step_assignee_id === p.userId) return 'dossier_processing';
  const steps = [
    ...(d.step_unit_id && d.step_role ? [{ unitId: d.step_unit_id, role: d.step_role }] : []),
    ...(((d.process as { unitId: string; role: string }[] | null) ?? [])),
  ];
  for (const s of steps) if (await hasRoleAt(db, p, [s.role as Role], s.unitId)) return 'dossier_processing';
  const roles = await rolesIn(db, p, d.agency_id);
  if (roles.includes('desk_officer')) return 'dossier_processing';
  if (roles.some((r) => SUPERVISING.includes(r))) return 'dossier_supervision';
  return 'dossier_other';
}

/** Same, when only the agency is known (a look-up bound to a dossier by id): roles decide. */
function relationByRoles(roles: Role[]): 'dossier_processing' | 'dossier_supervision' | 'dossier_other' {
  if (roles.some((r) => r === 'desk_officer' || r === 'processing_officer' || r === 'head_of_division' || r === 'signing_authority')) return 'dossier_processing';
  if (roles.includes('supervisor')) return 'dossier_supervision';
  return 'dossier_other';
}

export function purposeRequired(list: Purpose[]): Problem {
  const selectable = list.filter((p) => p.selectable);
  return new Problem(400, 'purpose_required',
    `Cần nêu mục đích tra cứu dữ liệu cá nhân (tham số purpose hoặc dossierId). Mục đích hợp lệ: ${selectable.map((p) => `${p.code} (${p.name})`).join(', ')}.`,
    `A purpose is required to look up personal data (parameter purpose or dossierId). Valid purposes: ${selectable.map((p) => `${p.code} (${p.nameEn})`).join(', ')}.`,
    { errors: [fieldError('purpose', 'là trường bắt buộc khi tra cứu dữ liệu cá nhân', 'is required to look up personal data')], purposes: selectable.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn, needsNote: p.needsNote })) });
}

/**
 * Checks the purpose of a staff look-up of a person BEFORE anything is read (Decree 13: purpose
 * first). 400 without one, with an unknown or non-selectable one, or without the note it needs;
 * a dossier-bound look-up must name a dossier the official may see.
 */
export async function requireLookupPurpose(db: Executor, p: Principal, q: LookupPurposeQuery): Promise<AccessReason> {
  // Looking people up is dossier work: an administrator's role alone does not open citizens' data.
  if (!p.roles.some((g) => DOSSIER_ROLES.includes(g.role))) {
    throw problems.forbidden('Chỉ cán bộ giải quyết hồ sơ được tra cứu dữ liệu cá nhân.', 'Only officials who handle dossiers may look up personal data.');
  }
  const list = await purposesInForce(db);
  const note = q.purposeNote?.trim() || null;
  let agency: OrgUnit | null = null;
  let dossier: AccessReason['dossier'] = null;
  let code = q.purpose;
  if (q.dossierId) {
    const d = await dossierBasics(db, q.dossierId);
    if (!d || !(await canView(db, { agency_id: d.agencyId, applicant_user_id: d.applicantUserId }, p))) {
      throw problems.validation([fieldError('dossierId', 'không có hồ sơ này trong cơ quan của bạn', 'no such dossier in your agency')]);
    }
    agency = (await getOrgUnit(db, d.agencyId)) ?? null;
    dossier = { id: d.id, code: d.code };
    code ??= relationByRoles(await rolesIn(db, p, d.agencyId));
  }
  if (!code) throw purposeRequired(list);
  const purpose = list.find((x) => x.code === code);
  if (!purpose || (!purpose.selectable && !dossier)) {
    throw problems.validation([fieldError('purpose', `"${code}" không phải mục đích tra cứu hợp lệ`, `"${code}" is not a valid look-up purpose`)]);
  }
  if (purpose.needsNote && !note) {
    throw problems.validation([fieldError('purposeNote', `cần ghi rõ căn cứ cho mục đích "${purpose.name}" (ví dụ số quyết định)`, `give the grounds for "${purpose.nameEn}" (e.g. the decision number)`)]);
  }
  if (!agency) agency = await actingAgency(db, p, q.agencyCode);
  return { purpose, note, agency, roles: await rolesIn(db, p, agency?.id ?? null), dossier };
}

/** The agency an official acts for: the one named (if they work there), else their first. */
async function actingAgency(db: Executor, p: Principal, code?: string): Promise<OrgUnit | null> {
  const mine = await agenciesWithRole(db, p);
  if (code) {
    const a = await getAgencyByCode(db, code);
    if (!a || !mine.some((m) => m.id === a.id)) throw problems.validation([fieldError('agencyCode', 'bạn không làm việc tại cơ quan này', 'you do not work at this agency')]);
    return a;
  }
  return mine[0] ?? null;
}

// Titles change rarely; reading the account on every logged request would double its cost.
const titles = new Map<string, { at: number; title: string | null }>();
async function staffTitle(db: Executor, userId: string): Promise<string | null> {
  const hit = titles.get(userId);
  if (hit && Date.now() - hit.at < 60_000) return hit.title;
  const title = (await getUser(db, userId))?.title ?? null;
  if (titles.size > 10_000) titles.clear();
  titles.set(userId, { at: Date.now(), title });
  return title;
}

export interface AccessObject {
  kind: AccessObjectKind;
  ref?: string | null;
  label?: string | null;
  subjectUserId?: string | null;
  subjectIdNumber?: string | null;
  subjectName?: string | null;
}

/** What a request contributes to its log entry. */
export interface RequestInfo {
  principal: Principal | null;
  ip?: string;
}

/**
 * Appends one entry (one INSERT, in the caller's request). Citizens reading their own data and
 * officials opening their own are not logged.
 */
export async function logAccess(db: Executor, req: RequestInfo, reason: AccessReason, obj: AccessObject): Promise<void> {
  const p = req.principal;
  if (!p || p.kind !== 'staff') return;
  if (obj.subjectUserId && obj.subjectUserId === p.userId) return;
  if (obj.subjectIdNumber && p.idNumber && obj.subjectIdNumber === p.idNumber) return;
  const title = await staffTitle(db, p.userId);
  await db.insertInto('personal_data_access').values({
    actor_id: p.userId, actor_name: p.name, actor_title: title, actor_roles: reason.roles,
    agency_id: reason.agency?.id ?? null, agency_name: reason.agency?.name ?? null, agency_name_en: reason.agency?.nameEn ?? null,
    subject_user_id: obj.subjectUserId ?? null, subject_id_number: obj.subjectIdNumber ?? null, subject_name: obj.subjectName ?? null,
    object_kind: obj.kind, object_ref: obj.ref ?? null, object_label: obj.label ?? null,
    dossier_id: reason.dossier?.id ?? null, dossier_code: reason.dossier?.code ?? null,
    purpose_code: reason.purpose.code, purpose_name: reason.purpose.name, purpose_name_en: reason.purpose.nameEn, purpose_note: reason.note,
    legal_basis: reason.purpose.legalBasis, legal_basis_en: reason.purpose.legalBasisEn,
    ip: req.ip ?? null, session_id: p.sessionId,
  }).execute();
}

/**
 * An official opening a dossier, one of its documents or slips: logged with the purpose derived
 * from their relation to the dossier; the applicant is the data subject.
 */
export async function logDossierAccess(db: Executor, req: RequestInfo, d: Pick<DossierRow, 'id' | 'code' | 'agency_id' | 'applicant_user_id' | 'applicant_id_number' | 'applicant_name' | 'step_unit_id' | 'step_role' | 'step_assignee_id' | 'process'>,
  obj: { kind: 'dossier' | 'document' | 'slip'; ref?: string; label?: string }): Promise<void> {
  const p = req.principal;
  if (!p || p.kind !== 'staff') return;
  const [purpose, agency, roles] = await Promise.all([
    dossierRelation(db, p, d).then((code) => purposeByCode(db, code)), getOrgUnit(db, d.agency_id), rolesIn(db, p, d.agency_id),
  ]);
  await logAccess(db, req, { purpose, note: null, agency: agency ?? null, roles, dossier: { id: d.id, code: d.code } }, {
    kind: obj.kind, ref: obj.ref ?? d.id, label: obj.label ?? d.code,
    subjectUserId: d.applicant_user_id, subjectIdNumber: d.applicant_id_number, subjectName: d.applicant_name,
  });
}
