import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Principal, Role } from '../../platform/http/principal.ts';
import { problems, fieldError } from '../../platform/http/problem.ts';
import { getOrgUnit, subUnit } from '../agencies/service.ts';
import { getCalendar } from '../calendar/service.ts';
import { getVersion } from '../catalog/service.ts';
import { validateForm } from '../catalog/form-validation.ts';
import { getFiles } from '../files/service.ts';
import { itemsForSubmission, storeResults, type Reused } from '../datastore/service.ts';
import { userHasGrant } from '../identity/service.ts';
import { onBehalfOf } from '../identity/grants.ts';
import { signatureFor, type RoutedDelegation } from '../delegation/signature.ts';
import './transfer.ts';
import { agenciesWithRole } from '../identity/authz.ts';
import { unitChain } from '../agencies/service.ts';
import { issueResult, resultsEnabled } from '../results/service.ts';
import { enqueueForAction } from '../notifications/enqueue.ts';
import { emitDossierAction } from './events.ts';
import { deliveryRefused, s10Problems, trackingLink, type Delivery } from './postal.ts';
import { check, type ActionName, type ResolvedStep } from './lifecycle.ts';
import { Status, statusNames } from './status.ts';
import type { DocumentRef } from './submit.ts';
import type { DossierTable } from './tables.ts';
import type { Selectable } from 'kysely';

export type DossierRow = Selectable<DossierTable>;

export interface ActionInput {
  version: number;
  note?: string;
  reason?: string;
  reasons?: string[];
  items?: { documentCode?: string; name: string; reason: string }[];
  assigneeId?: string;
  documents?: DocumentRef[];
  form?: Record<string, unknown>;
  amount?: number;
  description?: string;
  method?: string;
  receiptNo?: string;
  receivedBy?: string;
  trackingNo?: string;
  newDueAt?: string;
  resultFileIds?: string[];
}

export async function loadForUpdate(tx: Tx, id: string): Promise<DossierRow | undefined> {
  return tx.selectFrom('dossier').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Staff of the dossier's agency and the applicant may see it; anyone else gets 404 (no oracle). */
export async function canView(db: Executor, d: Pick<DossierRow, 'agency_id' | 'applicant_user_id'>, p: Principal | null): Promise<boolean> {
  if (!p) return false;
  if (p.kind === 'citizen') return p.userId === d.applicant_user_id;
  // Staff of the agency, or of the agency that took it over in a merger (its closed dossiers stay under the old name).
  // (The official's agencies are worked out once; the successor chain is walked in the cache.)
  const mine = new Set((await agenciesWithRole(db, p)).map((a) => a.id));
  let unit = await getOrgUnit(db, d.agency_id);
  for (let hops = 0; unit && hops < 10; hops++) {
    if (mine.has(unit.id)) return true;
    unit = unit.successorId ? await getOrgUnit(db, unit.successorId) : undefined;
  }
  return false;
}

/** Resolves the procedure's internal steps to this agency's units. */
async function resolveProcess(db: Executor, d: DossierRow, hoursPerDay: number): Promise<ResolvedStep[]> {
  const v = await getVersion(db, d.procedure_version_id);
  if (!v) throw new Error(`procedure version ${d.procedure_version_id} missing`);
  const out: ResolvedStep[] = [];
  for (const s of v.definition.process) {
    const slug = s.unit.startsWith('division:') ? s.unit.slice('division:'.length) : s.unit;
    // A division this agency does not have falls back to the agency itself (its staff with the role act).
    const unit = (await subUnit(db, d.agency_id, slug)) ?? (await getOrgUnit(db, d.agency_id));
    out.push({
      name: s.name, nameEn: s.nameEn, role: s.role as Role, unitId: unit!.id, unitName: unit!.name,
      minutes: s.duration.unit === 'working_days' ? s.duration.value * hoursPerDay * 60 : s.duration.value * 60,
    });
  }
  return out;
}

async function assigneeFor(tx: Executor, step: ResolvedStep, assigneeId: string | undefined): Promise<string | null> {
  if (!assigneeId) return null;
  const chain = (await unitChain(tx, step.unitId)).map((u) => u.id);
  if (!(await userHasGrant(tx, assigneeId, step.role, chain))) {
    throw problems.validation([fieldError('assigneeId', `cán bộ này không có vai trò "${step.role}" tại ${step.unitName}`, `this official has no "${step.role}" role at ${step.unitName}`)]);
  }
  return assigneeId;
}

async function attachFiles(tx: Executor, p: Principal, refs: DocumentRef[], knownCodes: Set<string> | null, field: string) {
  const ids = [...new Set(refs.flatMap((r) => r.fileIds))];
  const files = new Map((await getFiles(tx, ids)).map((f) => [f.id, f]));
  const out: { code: string; file: NonNullable<ReturnType<typeof files.get>>; store?: Reused }[] = [];
  const errs = [];
  for (const [i, r] of refs.entries()) {
    if (knownCodes && !knownCodes.has(r.code)) errs.push(fieldError(`${field}[${i}].code`, `thủ tục không có giấy tờ mã "${r.code}"`, `the procedure has no document "${r.code}"`));
    for (const [j, id] of r.fileIds.entries()) {
      const f = files.get(id);
      if (!f || f.ownerId !== p.userId) errs.push(fieldError(`${field}[${i}].fileIds[${j}]`, 'không tìm thấy tệp đã tải lên', 'no such uploaded file'));
      else out.push({ code: r.code, file: f });
    }
    // A supplement may reuse items of the citizen's own data store, like a first submission.
    const items = await itemsForSubmission(tx, p, r.storeItemIds ?? []);
    for (const [j, id] of (r.storeItemIds ?? []).entries()) {
      const it = items.get(id);
      if (!it) errs.push(fieldError(`${field}[${i}].storeItemIds[${j}]`, 'không có trong kho dữ liệu cá nhân của bạn', 'is not in your personal data store'));
      else out.push({ code: r.code, file: it.file, store: it });
    }
  }
  if (errs.length) throw problems.validation(errs);
  return out;
}

/**
 * Takes one lifecycle action on a dossier inside the caller's transaction: locks the row,
 * checks the version the client saw, the legality of the transition and the actor's role,
 * then writes the new state and the action record together.
 */
export async function act(tx: Tx, p: Principal, id: string, action: ActionName, input: ActionInput): Promise<DossierRow> {
  const d = await loadForUpdate(tx, id);
  if (!d || !(await canView(tx, d, p))) throw problems.notFound('hồ sơ', 'Dossier');
  if (d.version !== input.version) {
    throw problems.conflict(
      `Hồ sơ vừa được cập nhật bởi người khác (trạng thái hiện tại: ${statusNames[d.status].vi}). Hãy tải lại.`,
      `The dossier was changed meanwhile (current status: ${statusNames[d.status].en}). Reload it.`,
      { current: { status: d.status, version: d.version, currentStep: d.current_step } },
    );
  }
  const state = { ...d, process: d.process as ResolvedStep[] | null };
  const problem = await check(tx, action, state, p);
  if (problem) {
    if (problem.status === 409) problem.extra.current = { status: d.status, version: d.version, currentStep: d.current_step };
    throw problem;
  }

  const now = new Date();
  const cal = await getCalendar(tx);
  const process = state.process;
  const step = d.current_step !== null && process ? process[d.current_step] : undefined;
  const patch: Partial<DossierRow> = {};
  const rec: { to_status: number; from_step: number | null; to_step: number | null; to_unit_id: string | null; to_assignee_id: string | null; step_due_at: Date | null; note: string | null; data: unknown } = {
    to_status: d.status, from_step: d.current_step, to_step: d.current_step, to_unit_id: d.step_unit_id, to_assignee_id: d.step_assignee_id,
    step_due_at: d.step_due_at, note: input.note ?? input.reason ?? null, data: null,
  };
  let newDocs: { code: string; file: any; store?: Reused }[] = [];
  const enterStep = async (index: number, assigneeId?: string) => {
    const s = process![index];
    const startedAt = cal.startOfCounting(now);
    patch.current_step = index;
    patch.step_unit_id = s.unitId;
    patch.step_role = s.role;
    patch.step_assignee_id = await assigneeFor(tx, s, assigneeId);
    patch.step_started_at = now;
    patch.step_due_at = cal.addWorkingMinutes(startedAt, s.minutes);
    rec.to_step = index;
    rec.to_unit_id = s.unitId;
    rec.to_assignee_id = patch.step_assignee_id;
  };
  const finish = (status: number) => {
    patch.status = status;
    patch.finished_at = now;
    patch.step_assignee_id = null;
    rec.to_status = status;
  };
  /** Back to the status before the pause; the time waited for the citizen is added to every deadline. */
  const resume = (fallback: number) => {
    patch.status = d.resume_status ?? fallback;
    patch.resume_status = null;
    rec.to_status = patch.status;
    if (!d.paused_at) return;
    patch.paused_at = null;
    if (d.due_at) patch.due_at = cal.resume(d.paused_at, now, d.due_at);
    if (d.step_due_at) patch.step_due_at = cal.resume(d.paused_at, now, d.step_due_at);
  };
  const pause = (status: number) => {
    patch.status = status;
    patch.resume_status = d.status;
    if (d.status !== Status.Submitted) patch.paused_at = now; // the clock runs only once received
    rec.to_status = status;
  };

  // Acting through someone's personal delegation: the log says on whose behalf (identity/grants.ts).
  const behalfOf = await onBehalfOf(tx, p, d.step_role ? [d.step_role] : null, d.step_unit_id);

  switch (action) {
    case 'receive': {
      const v = await getVersion(tx, d.procedure_version_id);
      const resolved = await resolveProcess(tx, d, cal.hoursPerDay);
      patch.process = JSON.stringify(resolved) as any;
      patch.status = Status.Received;
      patch.received_at = now;
      patch.due_at = cal.dueDate(now, v!.definition.deadline);
      const s = resolved[0];
      patch.current_step = 0;
      patch.step_unit_id = s.unitId;
      patch.step_role = s.role;
      patch.step_assignee_id = p.userId;
      patch.step_started_at = now;
      patch.step_due_at = cal.addWorkingMinutes(cal.startOfCounting(now), s.minutes);
      Object.assign(rec, { to_status: Status.Received, to_step: 0, to_unit_id: s.unitId, to_assignee_id: p.userId, data: { dueAt: patch.due_at } });
      break;
    }
    case 'request_supplement': {
      if (!input.items?.length) throw problems.validation([fieldError('items', 'cần liệt kê ít nhất một giấy tờ cần bổ sung', 'list at least one item to supplement')]);
      pause(Status.SupplementRequested);
      patch.supplement_count = d.supplement_count + 1;
      rec.data = { items: input.items, supplementNumber: d.supplement_count + 1 };
      break;
    }
    case 'resubmit': {
      const v = await getVersion(tx, d.procedure_version_id);
      if (input.form) {
        const errs = validateForm(v!, input.form);
        if (errs.length) throw problems.validation(errs);
        patch.form = JSON.stringify(input.form) as any;
      }
      newDocs = await attachFiles(tx, p, input.documents ?? [], new Set(v!.definition.documents.map((x) => x.code)), 'documents');
      resume(Status.Submitted);
      rec.data = { files: newDocs.map((x) => ({ code: x.code, fileId: x.file.id })), formChanged: !!input.form };
      break;
    }
    case 'refuse': {
      if (!input.reasons?.length) throw problems.validation([fieldError('reasons', 'cần nêu rõ lý do từ chối', 'give the reasons for refusing')]);
      rec.data = { reasons: input.reasons };
      rec.note = input.reasons.join('; ');
      if (d.status === Status.Submitted) {
        finish(Status.NotReceived);
        patch.outcome = 'refused';
        patch.step_unit_id = null;
        patch.step_role = null;
      } else {
        // A refusal after reception is a decision: the refusal letter is the result, returned by the desk.
        finish(Status.Done);
        patch.outcome = 'refused';
        await enterStep(process!.length - 1);
      }
      break;
    }
    case 'forward': {
      await enterStep(d.current_step! + 1, input.assigneeId);
      patch.status = Status.InProcess;
      rec.to_status = Status.InProcess;
      break;
    }
    case 'send_back': {
      if (!input.reason) throw problems.validation([fieldError('reason', 'cần nêu lý do trả lại', 'give the reason for sending back')]);
      await enterStep(d.current_step! - 1, input.assigneeId);
      break;
    }
    case 'assign': {
      if (!input.assigneeId) throw problems.validation([fieldError('assigneeId', 'là trường bắt buộc', 'is required')]);
      const s: ResolvedStep = step ?? { name: '', nameEn: '', role: d.step_role as Role, unitId: d.step_unit_id!, unitName: '', minutes: 0 };
      patch.step_assignee_id = await assigneeFor(tx, s, input.assigneeId);
      rec.to_assignee_id = patch.step_assignee_id;
      rec.step_due_at = null;
      break;
    }
    case 'request_payment': {
      // No amount given: the fee quoted at submission (rows, online discount, "0 đồng", exemption).
      const quoted = (d.fee_quote as { total?: number } | null)?.total;
      const amount = input.amount ?? quoted;
      if (!amount || amount <= 0) {
        throw problems.validation([fieldError('amount', quoted === 0 ? 'hồ sơ không phải nộp phí theo mức đã tính khi nộp (0 đồng): hãy nhập số tiền nếu cần thu' : 'phải là số tiền lớn hơn 0',
          quoted === 0 ? 'the fee quoted at submission is 0 đồng: give an amount if one is due' : 'must be an amount above 0')]);
      }
      pause(Status.PaymentRequested);
      patch.fee_amount = amount;
      rec.data = { amount, description: input.description ?? null, ...(input.amount === undefined ? { quoted: true } : {}) };
      break;
    }
    case 'confirm_payment': {
      resume(Status.InProcess);
      rec.data = { amount: input.amount ?? d.fee_amount, method: input.method ?? 'cash', receiptNo: input.receiptNo ?? null };
      break;
    }
    case 'sign': {
      newDocs = await attachFiles(tx, p, (input.resultFileIds ?? []).length ? [{ code: 'result', fileIds: input.resultFileIds! }] : [], null, 'resultFileIds');
      finish(Status.Done);
      patch.outcome = 'approved';
      await enterStep(d.current_step! + 1);
      // The signature block (TUQ./KT./TM.), from the delegation the dossier was routed by and the signer's position.
      const signature = await signatureFor(tx, { agencyId: d.agency_id, signerId: p.userId, delegation: (d.delegation as RoutedDelegation | null) ?? null, onBehalfOf: behalfOf });
      patch.signature = JSON.stringify(signature) as any;
      // No uploaded result: the e-result is rendered from the procedure's template and signed with the agency certificate.
      if (!newDocs.length && resultsEnabled()) newDocs = [{ code: 'result', file: await issueResult(tx, d, p, signature) }];
      rec.data = { resultFiles: newDocs.map((x) => x.file.id), signature };
      break;
    }
    case 'return': {
      patch.status = Status.Returned;
      patch.returned_at = now;
      patch.step_assignee_id = null;
      patch.step_unit_id = null;
      patch.step_role = null;
      rec.to_status = Status.Returned;
      rec.to_unit_id = null;
      rec.to_assignee_id = null;
      const method = input.method ?? 'in_person';
      if (method === 'post') {
        // By post: the UPU S10 item number (check digit verified) and the carrier's tracking link, shown to the applicant.
        if (!input.trackingNo) throw problems.validation([fieldError('trackingNo', 'cần số hiệu bưu gửi khi trả kết quả qua bưu chính', 'the postal tracking number is required to return by post')]);
        const errs = s10Problems(input.trackingNo);
        if (errs.length) throw deliveryRefused(errs);
        const trackingNo = input.trackingNo.trim().toUpperCase();
        const link = trackingLink(trackingNo);
        const prev = (d.delivery as Delivery | null) ?? { method: 'post', choice: null, address: null, recipient: null, phone: null };
        patch.delivery = JSON.stringify({ ...prev, method: 'post', trackingNo, ...link, postedAt: now.toISOString() }) as any;
        rec.data = { method, receivedBy: input.receivedBy ?? null, trackingNo, ...link, address: prev.address };
        // The tracking slip and the action log print it.
        rec.note = [`Gửi qua bưu chính, số hiệu bưu gửi ${trackingNo}`, input.note].filter(Boolean).join('. ');
      } else {
        rec.data = { method, receivedBy: input.receivedBy ?? null };
      }
      break;
    }
    case 'withdraw':
    case 'stop': {
      if (!input.reason) throw problems.validation([fieldError('reason', 'là trường bắt buộc', 'is required')]);
      finish(action === 'withdraw' ? Status.Withdrawn : Status.Stopped);
      patch.step_unit_id = null;
      patch.step_role = null;
      patch.paused_at = null;
      rec.to_unit_id = null;
      rec.to_assignee_id = null;
      break;
    }
    case 'extend': {
      if (!input.reason) throw problems.validation([fieldError('reason', 'là trường bắt buộc', 'is required')]);
      const newDue = input.newDueAt ? new Date(input.newDueAt) : undefined;
      if (!newDue || Number.isNaN(newDue.getTime()) || !d.due_at || newDue <= d.due_at) {
        throw problems.validation([fieldError('newDueAt', 'phải sau ngày hẹn trả hiện tại', 'must be after the current due date')]);
      }
      patch.due_at = newDue;
      patch.extension_count = d.extension_count + 1;
      rec.data = { oldDueAt: d.due_at, newDueAt: newDue };
      rec.step_due_at = null;
      break;
    }
  }

  if (behalfOf) rec.data = { ...((rec.data as object | null) ?? {}), onBehalfOf: behalfOf };
  const seq = d.version + 1;
  patch.version = seq;
  if (patch.process && typeof patch.process !== 'string') patch.process = JSON.stringify(patch.process) as any;
  const updated = await tx.updateTable('dossier').set(patch as any).where('id', '=', d.id).returningAll().executeTakeFirstOrThrow();
  await tx.insertInto('dossier_action').values({
    dossier_id: d.id, seq, action, actor_id: p.userId, actor_name: p.name,
    actor_role: p.kind === 'citizen' ? 'applicant' : (step?.role ?? d.step_role ?? null),
    at: now, from_status: d.status, to_status: rec.to_status, from_step: rec.from_step, to_step: rec.to_step,
    from_unit_id: d.step_unit_id, to_unit_id: rec.to_unit_id, to_assignee_id: rec.to_assignee_id,
    step_due_at: rec.step_due_at, note: rec.note, data: rec.data === null ? null : JSON.stringify(rec.data),
  }).execute();
  if (newDocs.length) {
    await tx.insertInto('dossier_document').values(newDocs.map((x) => ({
      dossier_id: d.id, document_code: x.code, file_id: x.file.id, filename: x.file.filename, mime: x.file.mime,
      size: x.file.size, sha256: x.file.sha256, storage_key: x.file.storageKey, added_seq: seq,
      source: action === 'sign' ? 'result' as const : x.store ? 'store' as const : p.kind === 'staff' ? 'desk' as const : 'upload' as const,
      store_item_id: x.store?.itemId ?? null, origin: x.store ? JSON.stringify(x.store.origin) : null,
    }))).onConflict((oc) => oc.doNothing()).execute();
    // E-results also go into the applicant's personal data store (once-only reuse later).
    if (action === 'sign') await storeResults(tx, updated, newDocs.map((x) => x.file));
  }
  // The applicant's email/SMS/in-app messages, in this transaction (notifications/enqueue.ts).
  await enqueueForAction(tx, updated, action, rec.data, rec.note);
  await emitDossierAction(tx, { dossier: updated, action, fromStatus: d.status, data: rec.data, note: rec.note, actor: p });
  return updated;
}
