import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { problems, fieldError, type FieldError, Problem } from '../../platform/http/problem.ts';
import { listAgencies, type OrgUnit } from '../agencies/service.ts';
import { versionOn } from '../catalog/service.ts';
import { validateAgainst, validateForm } from '../catalog/form-validation.ts';
import { getFiles } from '../files/service.ts';
import { itemsForSubmission } from '../datastore/service.ts';
import { verifySubmittedIdentity } from '../population/service.ts';
import { eidLevelProblem } from '../dossiers/eid-level.ts';
import { prepareSubmission, type DocumentRef } from '../dossiers/submit.ts';
import { groupOn, type GroupDefinition, type PartDefinition } from './definition.ts';
import { fillTemplate, outputRefs } from './mapping.ts';
import './tables.ts';

export interface ApplicationInput {
  groupCode: string;
  communeCode?: string;
  form: Record<string, unknown>;
  documents: DocumentRef[];
}

/** What the fan-out needs to file child dossiers as the applicant, saved with the application. */
export interface ApplicantSnapshot {
  userId: string;
  name: string;
  idNumber: string | null;
  eidLevel: 1 | 2 | null;
  phone: string | null;
  email: string | null;
}

export const applicantPrincipal = (a: ApplicantSnapshot): Principal => ({
  kind: 'citizen', userId: a.userId, sessionId: 'interconnect', name: a.name, roles: [],
  idNumber: a.idNumber ?? undefined, eidLevel: a.eidLevel ?? undefined, phone: a.phone ?? undefined, email: a.email ?? undefined,
});

/** Placeholder outputs of earlier parts, to check a later part's mapped form before anything exists. */
const PLACEHOLDER_OUTPUTS = { dossierCode: '000.00.00.H26-000000-0000', decidedOn: '2025-01-01', agencyName: 'Cơ quan', resultCode: 'X', idNumber: '001000000000' };

/** The agency each internal part is filed at: the chosen commune's agency of the procedure's sector, or the province's. */
async function agencyFor(db: Executor, part: PartDefinition, communeCode: string | undefined, errors: FieldError[]): Promise<OrgUnit | undefined> {
  const v = await versionOn(db, part.procedureCode!);
  if (!v) throw new Error(`interconnect: procedure ${part.procedureCode} missing from the catalog`);
  const { sector } = v.definition;
  if (part.agency === 'commune') {
    if (!communeCode) return undefined; // reported once by the caller
    const found = await listAgencies(db, { sector, level: 'commune', adminUnitCode: communeCode });
    if (found.length !== 1) {
      errors.push(fieldError('communeCode', `không có cơ quan giải quyết "${part.name}" tại xã/phường này trên hệ thống`, `no agency handles "${part.nameEn}" in this commune on the system`));
      return undefined;
    }
    return found[0];
  }
  const found = await listAgencies(db, { sector, level: 'province' });
  if (found.length !== 1) throw new Error(`interconnect: ${found.length} provincial agencies for sector ${sector}`);
  return found[0];
}

/** The parent's documents that go to one part, under the part's own document codes. */
export function documentsForPart(group: GroupDefinition, partKey: string, docs: DocumentRef[]): DocumentRef[] {
  const out: DocumentRef[] = [];
  for (const d of group.documents) {
    const target = d.parts[partKey];
    if (!target) continue;
    for (const r of docs.filter((x) => x.code === d.code)) out.push({ code: target, fileIds: r.fileIds, storeItemIds: r.storeItemIds });
  }
  return out;
}

export interface PreparedApplication {
  group: GroupDefinition;
  applicant: ApplicantSnapshot;
  communeCode: string | null;
  agencies: Map<string, OrgUnit>;
}

/**
 * Everything checked before anything is written: the group in force, the citizen's e-ID level,
 * the form against the group's schema, identity fields against the population database, the
 * documents, the agencies, and each part's mapped form against its own procedure (later parts
 * with placeholder values for what earlier parts will produce). All problems reported at once.
 */
export async function prepareApplication(db: Executor, p: Principal, input: ApplicationInput): Promise<PreparedApplication> {
  const group = groupOn(input.groupCode);
  if (!group) throw problems.validation([fieldError('groupCode', `không có nhóm thủ tục liên thông mã ${input.groupCode}`, `no interconnected group has code ${input.groupCode}`)]);
  const tooLow = eidLevelProblem(p, group.minEidLevel);
  if (tooLow) throw tooLow;
  const errors: FieldError[] = validateAgainst(`interconnect:${group.code}:${group.version}`, group.form, input.form);
  const declaredId = (input.form as any)?.applicant?.idNumber;
  if (declaredId !== undefined && declaredId !== p.idNumber) errors.push(fieldError('form.applicant.idNumber', 'phải là số định danh của tài khoản đang đăng nhập', 'must be the ID number of the signed-in account'));

  const needsCommune = group.parts.some((x) => x.agency === 'commune');
  if (needsCommune && !input.communeCode) errors.push(fieldError('communeCode', 'hãy chọn xã/phường nơi nộp hồ sơ', 'choose the commune/ward where you file'));
  const agencies = new Map<string, OrgUnit>();
  for (const part of group.parts) {
    if (part.external) continue;
    const a = await agencyFor(db, part, input.communeCode, errors);
    if (a) agencies.set(part.key, a);
  }

  // Documents: known codes, required ones given, files/store items the citizen's own.
  const known = new Map(group.documents.map((d) => [d.code, d]));
  const files = new Map((await getFiles(db, [...new Set(input.documents.flatMap((d) => d.fileIds))])).map((f) => [f.id, f]));
  const items = await itemsForSubmission(db, p, [...new Set(input.documents.flatMap((d) => d.storeItemIds ?? []))]);
  input.documents.forEach((ref, i) => {
    if (!known.has(ref.code)) errors.push(fieldError(`documents[${i}].code`, `hồ sơ liên thông không có giấy tờ mã "${ref.code}"`, `the interconnected application has no document "${ref.code}"`));
    ref.fileIds.forEach((id, j) => {
      const f = files.get(id);
      if (!f || f.ownerId !== p.userId) errors.push(fieldError(`documents[${i}].fileIds[${j}]`, 'không tìm thấy tệp đã tải lên', 'no such uploaded file'));
    });
    (ref.storeItemIds ?? []).forEach((id, j) => {
      if (!items.has(id)) errors.push(fieldError(`documents[${i}].storeItemIds[${j}]`, 'không có trong kho dữ liệu cá nhân của bạn', 'is not in your personal data store'));
    });
  });
  for (const d of group.documents) {
    if (d.required && !input.documents.some((r) => r.code === d.code && (r.fileIds.length > 0 || (r.storeItemIds?.length ?? 0) > 0))) {
      errors.push(fieldError(`documents.${d.code}`, `thiếu "${d.name}"`, `"${d.nameEn}" is missing`));
    }
  }
  if (errors.length) throw problems.validation(errors);

  // Each internal part's form as it will be filed; parts needing nothing from earlier parts are
  // checked exactly as their submission will be (documents and identity included).
  for (const part of group.parts) {
    if (part.external) continue;
    const deps = outputRefs(part.form);
    const outputs = Object.fromEntries([...deps].map((k) => [k, PLACEHOLDER_OUTPUTS]));
    const form = fillTemplate(part.form, { form: input.form, outputs }) as Record<string, unknown>;
    const prefix = (e: FieldError) => ({ ...e, field: `parts.${part.key}.${e.field}`, message_vi: `${part.name}: ${e.message_vi}`, message_en: `${part.nameEn}: ${e.message_en}` });
    if (deps.size === 0 && !part.resultDocuments) {
      try {
        await prepareSubmission(db, p, { procedureCode: part.procedureCode!, agencyCode: agencies.get(part.key)!.code, form, documents: documentsForPart(group, part.key, input.documents) });
      } catch (e) {
        if (e instanceof Problem && e.status < 500 && Array.isArray(e.extra.errors)) errors.push(...(e.extra.errors as FieldError[]).map(prefix));
        else throw e;
      }
    } else {
      const v = await versionOn(db, part.procedureCode!);
      errors.push(...validateForm(v!, form).map(prefix));
    }
  }
  if (errors.length) throw problems.validation(errors);
  // Identity fields prefilled from the population database come back unchanged (422 otherwise).
  await verifySubmittedIdentity(db, p, group.code, group.form, input.form);
  return {
    group, communeCode: input.communeCode ?? null, agencies,
    applicant: { userId: p.userId, name: p.name, idNumber: p.idNumber ?? null, eidLevel: p.eidLevel ?? null, phone: p.phone ?? null, email: p.email ?? null },
  };
}

/** Writes the application, its parts (the first ones ready for the fan-out) and its first event, in the caller's transaction. */
export async function insertApplication(tx: Tx, prep: PreparedApplication, input: ApplicationInput) {
  const now = new Date();
  const day = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(2, 10).replace(/-/g, '');
  const seq = (await sql<{ n: string }>`select nextval('interconnect_code_seq') as n`.execute(tx)).rows[0].n;
  const code = `LT-${day}-${String(seq).padStart(6, '0')}`;
  const app = await tx.insertInto('interconnect_application').values({
    code, group_code: prep.group.code, group_version: prep.group.version,
    applicant_user_id: prep.applicant.userId, applicant_name: prep.applicant.name, applicant: JSON.stringify(prep.applicant),
    commune_code: prep.communeCode, form: JSON.stringify(input.form), documents: JSON.stringify(input.documents), submitted_at: now,
  }).returningAll().executeTakeFirstOrThrow();
  await tx.insertInto('interconnect_part').values(prep.group.parts.map((part, i) => ({
    application_id: app.id, key: part.key, position: i, procedure_code: part.procedureCode,
    agency_id: prep.agencies.get(part.key)?.id ?? null, depends_on: part.dependsOn,
    state: part.dependsOn.length === 0 ? 'ready' as const : 'waiting' as const,
  }))).execute();
  await tx.insertInto('interconnect_event').values({ application_id: app.id, kind: 'submitted', part_key: null, data: JSON.stringify({ parts: prep.group.parts.length }) }).execute();
  return app;
}
