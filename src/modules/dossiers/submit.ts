import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { Problem, problems, fieldError, type FieldError } from '../../platform/http/problem.ts';
import { getAgencyByCode, getOrgUnit, listAgencies, subUnit, type OrgUnit } from '../agencies/service.ts';
import { delegateChoiceProblem, delegationInForce, delegationsForProcedure, delegationTo, type Delegation } from '../delegation/service.ts';
import type { RoutedDelegation } from '../delegation/signature.ts';
import { hasRoleAt } from '../identity/authz.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import { versionOn, localToday, type ProcedureVersion } from '../catalog/service.ts';
import { validateForm } from '../catalog/form-validation.ts';
import { getFiles, type StoredFile } from '../files/service.ts';
import { verifySubmittedIdentity, type IdentityCheck } from '../population/service.ts';
import { itemsForSubmission, storeDeskScans, type Reused } from '../datastore/service.ts';
import { EXEMPTION_PROOF, exemptionProblems, exemptionRefused, quoteVersion, type FeeQuote } from '../payments/fees.ts';
import { eidLevelProblem } from './eid-level.ts';
import { deliveryAtSubmission, deliveryRefused, type Delivery, type DeliveryMethod } from './postal.ts';
import { Channel, Status } from './status.ts';
import './tables.ts';
import type { DossierRow } from './actions.ts';

export interface DocumentRef {
  code: string;
  fileIds: string[];
  /** Citizens: items of their personal data store used instead of a new upload. */
  storeItemIds?: string[];
}

/** Where a dossier document came from (dossier_document.source). */
export type DocumentSource = 'upload' | 'store' | 'desk' | 'result';

export interface SubmitInput {
  procedureCode: string;
  agencyCode?: string;
  form: Record<string, unknown>;
  documents: DocumentRef[];
  /** Desk only: the walk-in applicant, the channel, and whether to receive at once. */
  applicant?: { fullName: string; idNumber?: string; phone?: string; email?: string; address?: string };
  channel?: 'in_person' | 'post';
  receive?: boolean;
  /** Desk only: the paper documents checked at reception. */
  checklist?: { code: string; kind: string; count: number }[];
  /** A fee exemption (miễn, giảm) claimed, with its proof document (uploaded files or data-store items). */
  exemption?: { code: string; proofFileIds?: string[]; proofStoreItemIds?: string[] };
  /** How the result is delivered: the form's resultDelivery answer decides the method; by post needs the address. */
  delivery?: { method?: DeliveryMethod; address?: string; recipient?: string; phone?: string };
}

export interface Prepared {
  version: ProcedureVersion;
  agency: OrgUnit;
  deskUnitId: string;
  channel: number;
  applicant: { userId: string | null; name: string; idNumber: string | null; phone: string | null; email: string | null };
  files: { code: string; file: StoredFile; source: DocumentSource; storeItemId?: string; origin?: Reused['origin'] }[];
  /** The applicant's identity fields against the population database (or "filed in person"). */
  identityCheck: IdentityCheck;
  fee: number;
  /** The fee breakdown (payments/fees.ts) with the claimed exemption, stored on the dossier. */
  feeQuote: FeeQuote & { claim?: { code: string; proofDocumentCode: string } };
  delivery: Delivery | null;
  checklist: { code: string; kind: string; count: number }[] | null;
  /** The delegation of authority the dossier is routed by, when one is in force. */
  delegation: RoutedDelegation | null;
}

/**
 * Chooses the agency that handles the dossier: first the one that legally decides (the one named,
 * which must match the procedure's sector and level, or the only candidate), then — when that
 * authority has delegated the procedure (ủy quyền) by a delegation in force on the day of
 * receipt — the delegate. Naming the delegate directly (its own desk, or a citizen choosing it)
 * is accepted while the delegation is in force. When the delegate is a class ("every ward
 * People's Committee"), the dossier must name one of its agencies: 422 otherwise.
 */
async function chooseAgency(db: Executor, v: ProcedureVersion, code?: string): Promise<{ agency: OrgUnit; delegation: RoutedDelegation | null }> {
  const { sector, level } = v.definition;
  const today = localToday();
  const routed = async (decider: OrgUnit) => {
    const del = await delegationInForce(db, decider.id, v.definition.code, v.definition.fieldCode ?? null, today);
    if (del?.delegateClass) throw delegateChoiceProblem(del, code ? decider : undefined);
    const to = del ? await getOrgUnit(db, del.delegate.id) : undefined;
    return to && !to.validTo ? { agency: to, delegation: routedDelegation(del!) } : { agency: decider, delegation: null };
  };
  if (code) {
    const a = await getAgencyByCode(db, code);
    if (!a) throw problems.validation([fieldError('agencyCode', `không có cơ quan mã ${code}`, `no agency has code ${code}`)]);
    if (a.sector !== sector || a.level !== level) {
      const del = await delegationTo(db, a.id, v.definition.code, v.definition.fieldCode ?? null, today);
      if (del && !a.validTo) return { agency: a, delegation: routedDelegation(del) };
      const cls = (await delegationsForProcedure(db, { code: v.definition.code, fieldCode: v.definition.fieldCode ?? null, sector, level }, today)).items.find((d) => d.delegateClass);
      if (cls) throw delegateChoiceProblem(cls, a);
      throw problems.validation([fieldError('agencyCode', `${a.name} không giải quyết thủ tục này`, `${a.nameEn} does not decide this procedure`)]);
    }
    // A dissolved agency's work belongs to its successor (merger).
    const cur = a.validTo && a.successorId ? (await getOrgUnit(db, a.successorId)) ?? a : a;
    return routed(cur);
  }
  const candidates = await listAgencies(db, { sector, level });
  if (candidates.length === 1) return routed(candidates[0]);
  throw problems.validation([fieldError('agencyCode', 'hãy chọn cơ quan giải quyết (ví dụ UBND phường nơi cư trú)', 'choose the deciding agency (e.g. the ward People\'s Committee where you live)')]);
}

const routedDelegation = (d: Delegation): RoutedDelegation => ({
  id: d.id, decisionNo: d.decisionNo, decisionDate: d.decisionDate,
  authority: { id: d.authority.id, code: d.authority.code, name: d.authority.name, headTitleFull: d.authority.headTitleFull },
});

/**
 * Everything a submission needs checked before anything is written: the procedure in force,
 * the agency, the applicant, the form against the procedure's schema, the documents and files.
 * Every problem found is reported at once.
 */
export async function prepareSubmission(db: Executor, p: Principal, input: SubmitInput): Promise<Prepared> {
  const version = await versionOn(db, input.procedureCode);
  if (!version) {
    throw problems.validation([fieldError('procedureCode', `không có thủ tục mã ${input.procedureCode}`, `no procedure has code ${input.procedureCode}`)]);
  }
  const def = version.definition;
  const { agency, delegation } = await chooseAgency(db, version, input.agencyCode);
  const deskUnitId = (await subUnit(db, agency.id, 'desk'))?.id ?? agency.id;
  const errors: FieldError[] = [];

  let channel: number = Channel.Online;
  let applicant: Prepared['applicant'];
  let identityCheck: IdentityCheck = { result: 'in_person', checkedAt: new Date().toISOString(), verified: [], unverified: [] };
  if (p.kind === 'citizen') {
    if (input.applicant || input.channel || input.receive || input.checklist) {
      errors.push(fieldError('applicant', 'chỉ cán bộ một cửa mới nhập hồ sơ thay người nộp', 'only the one-stop desk files on someone\'s behalf'));
    }
    if (def.onlineLevel !== 'full' && def.onlineLevel !== 'partial') errors.push(fieldError('procedureCode', 'thủ tục không hỗ trợ nộp trực tuyến', 'this procedure cannot be filed online'));
    // Told before anything else: no point correcting a form the account may not file.
    const tooLow = eidLevelProblem(p, def.minEidLevel);
    if (tooLow) throw tooLow;
    applicant = { userId: p.userId, name: p.name, idNumber: p.idNumber ?? null, phone: p.phone ?? null, email: p.email ?? null };
    const declaredId = (input.form as any)?.applicant?.idNumber;
    if (declaredId !== undefined && declaredId !== applicant.idNumber) {
      errors.push(fieldError('form.applicant.idNumber', 'phải là số định danh của tài khoản đang đăng nhập', 'must be the ID number of the signed-in account'));
    }
  } else {
    if (!(await hasRoleAt(db, p, ['desk_officer'], deskUnitId))) {
      throw problems.forbidden('Chỉ cán bộ Bộ phận Một cửa của cơ quan giải quyết mới được nhập hồ sơ trực tiếp.', 'Only the deciding agency\'s one-stop desk may file a walk-in dossier.');
    }
    if (!input.applicant) errors.push(fieldError('applicant', 'là trường bắt buộc khi nhập hồ sơ trực tiếp', 'is required for a walk-in dossier'));
    channel = input.channel === 'post' ? Channel.Post : Channel.InPerson;
    if (input.applicant?.idNumber) {
      const fa = ((input.form as any)?.applicant ?? {}) as { dateOfBirth?: string; sex?: string };
      errors.push(...checkIdNumber(input.applicant.idNumber, { dateOfBirth: fa.dateOfBirth, sex: fa.sex }, 'applicant.idNumber'));
    }
    applicant = {
      userId: null, name: input.applicant?.fullName ?? '', idNumber: input.applicant?.idNumber ?? null,
      phone: input.applicant?.phone ?? null, email: input.applicant?.email ?? null,
    };
  }

  errors.push(...validateForm(version, input.form));

  // Documents: known codes, required ones present (online), files owned by the submitter, store
  // items (citizens only) in the submitter's own data store.
  const known = new Map(def.documents.map((d) => [d.code, d]));
  const ids = [...new Set(input.documents.flatMap((d) => d.fileIds))];
  const files = new Map((await getFiles(db, ids)).map((f) => [f.id, f]));
  const items = await itemsForSubmission(db, p, [...new Set(input.documents.flatMap((d) => d.storeItemIds ?? []))]);
  const attached: Prepared['files'] = [];
  const fresh: DocumentSource = p.kind === 'citizen' ? 'upload' : 'desk';
  input.documents.forEach((ref, i) => {
    if (!known.has(ref.code)) errors.push(fieldError(`documents[${i}].code`, `thủ tục không có giấy tờ mã "${ref.code}"`, `the procedure has no document "${ref.code}"`));
    ref.fileIds.forEach((id, j) => {
      const f = files.get(id);
      if (!f || f.ownerId !== p.userId) errors.push(fieldError(`documents[${i}].fileIds[${j}]`, 'không tìm thấy tệp đã tải lên', 'no such uploaded file'));
      else attached.push({ code: ref.code, file: f, source: fresh });
    });
    (ref.storeItemIds ?? []).forEach((id, j) => {
      const it = items.get(id);
      if (!it) errors.push(fieldError(`documents[${i}].storeItemIds[${j}]`, 'không có trong kho dữ liệu cá nhân của bạn', 'is not in your personal data store'));
      else attached.push({ code: ref.code, file: it.file, source: 'store', storeItemId: it.itemId, origin: it.origin });
    });
  });
  if (channel === Channel.Online) {
    for (const d of def.documents) {
      if (d.required && d.template !== 'form' && !input.documents.some((r) => r.code === d.code && (r.fileIds.length > 0 || (r.storeItemIds?.length ?? 0) > 0))) {
        errors.push(fieldError(`documents.${d.code}`, `thiếu "${d.name}"`, `"${d.nameEn}" is missing`));
      }
    }
  }
  // A claimed exemption needs its proof (the claim itself is judged below: 422 when the law does not allow it).
  if (input.exemption) {
    const proofFiles = input.exemption.proofFileIds ?? [];
    const proofItems = input.exemption.proofStoreItemIds ?? [];
    if (!proofFiles.length && !proofItems.length) errors.push(fieldError('exemption.proofFileIds', 'cần kèm giấy tờ chứng minh thuộc diện miễn, giảm', 'attach the proof of the exemption'));
    const pf = new Map((await getFiles(db, proofFiles)).map((f) => [f.id, f]));
    proofFiles.forEach((id, j) => {
      const f = pf.get(id);
      if (!f || f.ownerId !== p.userId) errors.push(fieldError(`exemption.proofFileIds[${j}]`, 'không tìm thấy tệp đã tải lên', 'no such uploaded file'));
      else attached.push({ code: EXEMPTION_PROOF, file: f, source: fresh });
    });
    const pi = await itemsForSubmission(db, p, proofItems);
    proofItems.forEach((id, j) => {
      const it = pi.get(id);
      if (!it) errors.push(fieldError(`exemption.proofStoreItemIds[${j}]`, 'không có trong kho dữ liệu cá nhân của bạn', 'is not in your personal data store'));
      else attached.push({ code: EXEMPTION_PROOF, file: it.file, source: 'store', storeItemId: it.itemId, origin: it.origin });
    });
  }
  const deliveryChoice = deliveryAtSubmission(input.form, def.form, input.delivery, { name: applicant.name, phone: applicant.phone });
  errors.push(...deliveryChoice.errors.filter((e) => e.field !== 'delivery.method'));
  (input.checklist ?? []).forEach((c, i) => {
    if (!known.has(c.code)) errors.push(fieldError(`checklist[${i}].code`, `thủ tục không có giấy tờ mã "${c.code}"`, `the procedure has no document "${c.code}"`));
  });
  if (errors.length) throw problems.validation(errors);
  // Identity fields prefilled from the population database must come back unchanged (422 otherwise);
  // checked once the submission is otherwise well-formed.
  if (p.kind === 'citizen') identityCheck = await verifySubmittedIdentity(db, p, def.code, def.form, input.form);
  const methodErrors = deliveryChoice.errors.filter((e) => e.field === 'delivery.method');
  if (methodErrors.length) throw deliveryRefused(methodErrors);
  const day = localToday();
  if (input.exemption) {
    const errs = exemptionProblems(version, input.exemption.code, day);
    if (errs.length) throw exemptionRefused(errs);
  }
  const quote = quoteVersion(version, { day, channel: channel === Channel.Online ? 'online' : 'in_person', exemptionCode: input.exemption?.code });
  const feeQuote = input.exemption ? { ...quote, claim: { code: input.exemption.code, proofDocumentCode: EXEMPTION_PROOF } } : quote;
  return { version, agency, deskUnitId, channel, applicant, files: attached, identityCheck, fee: quote.total, feeQuote, delivery: deliveryChoice.delivery, checklist: input.checklist ?? null, delegation };
}

/**
 * Writes the dossier, its first action and its documents in ONE statement. The code comes from
 * codes.ts (blocks reserved outside this transaction, so concurrent submissions to one agency do
 * not queue behind each other's commits); `code` is unique in the table whatever happens.
 */
export async function insertDossier(tx: Tx, p: Principal, prep: Prepared, form: unknown, code: string): Promise<DossierRow> {
  const now = new Date();
  const def = prep.version.definition;
  const docCodes = prep.files.map((f) => f.code);
  const docFiles = prep.files.map((f) => f.file.id);
  const docNames = prep.files.map((f) => f.file.filename);
  const docMimes = prep.files.map((f) => f.file.mime);
  const docSizes = prep.files.map((f) => f.file.size);
  const docShas = prep.files.map((f) => f.file.sha256);
  const docKeys = prep.files.map((f) => f.file.storageKey);
  const docSources = prep.files.map((f) => f.source);
  const docItems = prep.files.map((f) => f.storeItemId ?? null);
  const docOrigins = prep.files.map((f) => (f.origin ? JSON.stringify(f.origin) : null));
  const r = await sql<DossierRow>`
    with d as (
      insert into dossier (code, procedure_id, procedure_version_id, procedure_code, procedure_name, agency_id, status, channel,
        applicant_user_id, applicant_name, applicant_id_number, applicant_phone, applicant_email, form,
        step_unit_id, step_role, submitted_at, fee_amount, fee_quote, delivery, checklist, identity_check, delegation, created_by)
      values (${code}, ${prep.version.procedureId}, ${prep.version.id}, ${def.code}, ${def.name}, ${prep.agency.id}, ${Status.Submitted}, ${prep.channel},
        ${prep.applicant.userId}, ${prep.applicant.name}, ${prep.applicant.idNumber}, ${prep.applicant.phone}, ${prep.applicant.email}, ${JSON.stringify(form)}::jsonb,
        ${prep.deskUnitId}, 'desk_officer', ${now}, ${prep.fee}, ${JSON.stringify(prep.feeQuote)}::jsonb, ${prep.delivery ? JSON.stringify(prep.delivery) : null}::jsonb, ${prep.checklist ? JSON.stringify(prep.checklist) : null}::jsonb, ${JSON.stringify(prep.identityCheck)}::jsonb, ${prep.delegation ? JSON.stringify(prep.delegation) : null}::jsonb, ${p.userId})
      returning *
    ), a as (
      insert into dossier_action (dossier_id, seq, action, actor_id, actor_name, actor_role, at, from_status, to_status, to_unit_id, data)
      select d.id, 1, 'submit', ${p.userId}, ${p.name}, ${p.kind === 'citizen' ? 'applicant' : 'desk_officer'}, ${now}, null, ${Status.Submitted}, ${prep.deskUnitId},
        ${JSON.stringify({ channel: prep.channel, procedureVersion: prep.version.version, ...(prep.delegation ? { delegation: prep.delegation } : {}) })}::jsonb
      from d
    ), docs as (
      insert into dossier_document (dossier_id, document_code, file_id, filename, mime, size, sha256, storage_key, added_seq, source, store_item_id, origin)
      select d.id, x.code, x.file_id, x.filename, x.mime, x.size, x.sha256, x.storage_key, 1, x.source, x.store_item_id, x.origin::jsonb
      from d, unnest(${docCodes}::text[], ${docFiles}::uuid[], ${docNames}::text[], ${docMimes}::text[], ${docSizes}::bigint[], ${docShas}::text[], ${docKeys}::text[],
          ${docSources}::text[], ${docItems}::uuid[], ${docOrigins}::text[])
        as x(code, file_id, filename, mime, size, sha256, storage_key, source, store_item_id, origin)
      on conflict do nothing
    )
    select * from d`.execute(tx);
  const row = r.rows[0];
  if (!row) throw new Problem(500, 'internal', 'Không tạo được hồ sơ.', 'Could not create the dossier.');
  // Scans made at the desk for an applicant who has an account also go into their data store.
  if (p.kind === 'staff' && prep.files.length) await storeDeskScans(tx, row, prep.files.filter((f) => f.source === 'desk'));
  return row;
}
