import type { Executor } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { getOrgUnit } from '../agencies/service.ts';
import { getCalendar } from '../calendar/service.ts';
import { getVersion } from '../catalog/service.ts';
import { availableActions, actionNames, type ActionName, type ResolvedStep } from './lifecycle.ts';
import { channelNames, statusNames } from './status.ts';
import type { DossierRow } from './actions.ts';
import { transferActionName } from './transfer.ts';
import { EXEMPTION_PROOF } from '../payments/fees.ts';
import { interconnectLink } from '../interconnect/link.ts';

export async function listActions(db: Executor, dossierId: string) {
  return db.selectFrom('dossier_action').selectAll().where('dossier_id', '=', dossierId).orderBy('seq').execute();
}

/**
 * The tracking slip (phiếu kiểm soát) derived from the action log: each hand-over from one unit
 * to the next, judged against the due time of the step it closed.
 */
export async function trackingRows(db: Executor, d: DossierRow) {
  const cal = await getCalendar(db);
  const actions = await listActions(db, d.id);
  const process = (d.process as ResolvedStep[] | null) ?? [];
  const now = new Date();
  const rows = [];
  for (const a of actions) {
    const from = a.from_unit_id ? await getOrgUnit(db, a.from_unit_id) : undefined;
    const to = a.to_unit_id ? await getOrgUnit(db, a.to_unit_id) : undefined;
    const stepName = a.from_step !== null && process[a.from_step] ? process[a.from_step].name : a.action === 'submit' ? 'Nộp hồ sơ' : actionNames[a.action as ActionName]?.vi ?? a.action;
    rows.push({
      seq: a.seq,
      action: a.action,
      actionName: a.action === 'submit' ? { vi: 'Nộp hồ sơ', en: 'Submitted' } : a.action === 'transfer' ? transferActionName : actionNames[a.action as ActionName],
      step: stepName,
      from: from ? { id: from.id, name: from.name } : null,
      to: to ? { id: to.id, name: to.name } : null,
      actor: a.actor_name,
      at: a.at,
      fromStatus: a.from_status,
      toStatus: a.to_status,
      stepDueAt: a.step_due_at,
      judgement: a.step_due_at ? cal.judge(a.at, a.step_due_at, now) : null,
      note: a.note,
      data: a.data,
    });
  }
  return rows;
}

type DocRow = { document_code: string; file_id: string; filename: string; mime: string; size: number; sha256: string; added_seq: number; source?: string; origin?: unknown };

export async function presentDossier(db: Executor, d: DossierRow, p: Principal | null, opts: { withLog?: boolean; documents?: DocRow[] } = {}) {
  const cal = await getCalendar(db);
  const agency = await getOrgUnit(db, d.agency_id);
  const version = await getVersion(db, d.procedure_version_id);
  const process = (d.process as ResolvedStep[] | null) ?? null;
  // A new dossier's documents are known to the caller; otherwise read them.
  const docs: DocRow[] = opts.documents ?? (await db.selectFrom('dossier_document').selectAll().where('dossier_id', '=', d.id).orderBy('added_seq').execute());
  const docNames = new Map(version?.definition.documents.map((x) => [x.code, x]) ?? []);
  const stepUnit = d.step_unit_id ? await getOrgUnit(db, d.step_unit_id) : undefined;
  const now = new Date();
  const finished = d.finished_at ?? null;
  return {
    id: d.id,
    code: d.code,
    status: d.status,
    statusName: statusNames[d.status],
    channel: channelNames[d.channel].key,
    procedure: { code: d.procedure_code, name: d.procedure_name, nameEn: version?.definition.nameEn, versionId: d.procedure_version_id, version: version?.version, deadline: version?.definition.deadline },
    agency: agency ? { id: agency.id, code: agency.code, name: agency.name, nameEn: agency.nameEn } : null,
    applicant: { userId: d.applicant_user_id, name: d.applicant_name, idNumber: d.applicant_id_number, phone: d.applicant_phone, email: d.applicant_email },
    form: d.form,
    identityCheck: d.identity_check ?? null,
    documents: docs.map((x) => ({
      documentCode: x.document_code,
      documentName: x.document_code === 'result' ? 'Kết quả giải quyết' : x.document_code === EXEMPTION_PROOF ? 'Giấy tờ chứng minh thuộc diện miễn, giảm phí, lệ phí' : docNames.get(x.document_code)?.name ?? x.document_code,
      fileId: x.file_id, filename: x.filename, mime: x.mime, size: Number(x.size), sha256: x.sha256, addedBy: x.added_seq,
      // Provenance (once-only): upload | store (with what the data store said about it) | desk | result.
      source: x.source ?? 'upload', origin: x.origin ?? null,
      url: `/api/v1/dossiers/${d.id}/documents/${x.file_id}`,
    })),
    submittedAt: d.submitted_at,
    receivedAt: d.received_at,
    dueAt: d.due_at,
    pausedAt: d.paused_at,
    finishedAt: d.finished_at,
    returnedAt: d.returned_at,
    outcome: d.outcome,
    delegation: d.delegation ?? null,
    signature: d.signature ?? null,
    /** The interconnected application (liên thông) this dossier is a part of, if any. */
    interconnect: await interconnectLink(db, d.id),
    timeliness: d.due_at ? cal.judge(finished, d.due_at, now) : null,
    currentStep: d.current_step !== null && process ? {
      index: d.current_step, name: process[d.current_step].name, nameEn: process[d.current_step].nameEn,
      role: d.step_role, unit: stepUnit ? { id: stepUnit.id, name: stepUnit.name } : null,
      assigneeId: d.step_assignee_id, startedAt: d.step_started_at, dueAt: d.step_due_at,
    } : d.step_unit_id ? { index: null, name: 'Chờ tiếp nhận', nameEn: 'Awaiting reception', role: d.step_role, unit: stepUnit ? { id: stepUnit.id, name: stepUnit.name } : null, assigneeId: d.step_assignee_id, startedAt: null, dueAt: null } : null,
    process,
    supplementCount: d.supplement_count,
    extensionCount: d.extension_count,
    feeAmount: d.fee_amount === null ? null : Number(d.fee_amount),
    // The fee as quoted at submission (rows, online discount, "0 đồng" policy, exemption claimed) and the result delivery (tracking number once posted).
    feeQuote: d.fee_quote ?? null,
    delivery: d.delivery ?? null,
    version: d.version,
    availableActions: await availableActions(db, { ...d, process }, p),
    ...(opts.withLog ? { tracking: await trackingRows(db, d) } : {}),
  };
}
