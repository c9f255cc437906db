import type { Executor } from '../../platform/db/database.ts';
import type { Principal, Role } from '../../platform/http/principal.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { actsFor, hasRoleAt, hasRoleWithin } from '../identity/authz.ts';
import { subUnit } from '../agencies/service.ts';
import { Status, statusNames } from './status.ts';

/**
 * Which action is legal from which status, and who may take it. The checks are shared by
 * the action endpoints and by `availableActions` (what the UI offers), so they never disagree.
 */
export const ACTIONS = [
  'receive', 'request_supplement', 'resubmit', 'refuse', 'forward', 'send_back', 'assign',
  'request_payment', 'confirm_payment', 'sign', 'return', 'withdraw', 'stop', 'extend',
] as const;
export type ActionName = (typeof ACTIONS)[number];

export interface ResolvedStep {
  name: string;
  nameEn: string;
  role: Role;
  unitId: string;
  unitName: string;
  minutes: number;
}

/** The fields of a dossier row the rules look at. */
export interface DossierState {
  status: number;
  agency_id: string;
  applicant_user_id: string | null;
  current_step: number | null;
  step_unit_id: string | null;
  step_role: string | null;
  step_assignee_id: string | null;
  process: ResolvedStep[] | null;
  due_at: Date | null;
  resume_status: number | null;
}

const FROM: Record<ActionName, number[]> = {
  receive: [Status.Submitted],
  request_supplement: [Status.Submitted, Status.Received, Status.InProcess],
  resubmit: [Status.SupplementRequested],
  refuse: [Status.Submitted, Status.Received, Status.InProcess],
  forward: [Status.Received, Status.InProcess],
  send_back: [Status.InProcess],
  assign: [Status.Submitted, Status.Received, Status.InProcess, Status.Done],
  request_payment: [Status.InProcess],
  confirm_payment: [Status.PaymentRequested],
  sign: [Status.InProcess],
  return: [Status.Done],
  withdraw: [Status.Submitted, Status.Received, Status.InProcess, Status.SupplementRequested, Status.PaymentRequested],
  stop: [Status.Received, Status.InProcess, Status.SupplementRequested, Status.PaymentRequested],
  extend: [Status.Received, Status.InProcess, Status.SupplementRequested, Status.PaymentRequested],
};

const actionNames: Record<ActionName, { vi: string; en: string }> = {
  receive: { vi: 'Tiếp nhận hồ sơ', en: 'Receive' },
  request_supplement: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Request a supplement' },
  resubmit: { vi: 'Nộp bổ sung hồ sơ', en: 'Submit the supplement' },
  refuse: { vi: 'Từ chối hồ sơ', en: 'Refuse' },
  forward: { vi: 'Chuyển bước tiếp theo', en: 'Forward to the next step' },
  send_back: { vi: 'Trả lại bước trước', en: 'Send back to the previous step' },
  assign: { vi: 'Phân công xử lý', en: 'Assign' },
  request_payment: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Request payment' },
  confirm_payment: { vi: 'Xác nhận đã nộp phí, lệ phí', en: 'Confirm payment' },
  sign: { vi: 'Ký duyệt kết quả', en: 'Sign the result' },
  return: { vi: 'Trả kết quả', en: 'Return the result' },
  withdraw: { vi: 'Rút hồ sơ', en: 'Withdraw' },
  stop: { vi: 'Dừng xử lý', en: 'Stop processing' },
  extend: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apologise and extend' },
};
export { actionNames };

function illegal(action: ActionName, status: number) {
  return problems.conflict(
    `Không thể "${actionNames[action].vi}" khi hồ sơ ở trạng thái "${statusNames[status].vi}".`,
    `Cannot "${actionNames[action].en}" a dossier whose status is "${statusNames[status].en}".`,
    { currentStatus: status },
  );
}

const denied = (vi: string, en: string) => problems.forbidden(vi, en);

async function deskId(db: Executor, agencyId: string) {
  return (await subUnit(db, agencyId, 'desk'))?.id ?? agencyId;
}

/** May the principal act at the dossier's current step? Assigned steps belong to the assignee (or their head). */
async function atCurrentStep(db: Executor, d: DossierState, p: Principal): Promise<Problem | null> {
  if (!d.step_unit_id || !d.step_role) return illegal('forward', d.status);
  if (!(await hasRoleAt(db, p, [d.step_role as Role], d.step_unit_id))) {
    return denied('Bước hiện tại của hồ sơ không thuộc thẩm quyền của bạn.', 'The dossier\'s current step is not yours to act on.');
  }
  if (d.step_assignee_id && !actsFor(p).includes(d.step_assignee_id) && !(await hasRoleAt(db, p, ['head_of_division', 'signing_authority'], d.step_unit_id))) {
    return denied('Hồ sơ đã được phân công cho cán bộ khác.', 'The dossier is assigned to another official.');
  }
  return null;
}

/** Returns null when `p` may take `action` on `d` now, otherwise the problem to report. */
export async function check(db: Executor, action: ActionName, d: DossierState, p: Principal | null): Promise<Problem | null> {
  if (!p) return problems.unauthenticated();
  if (!FROM[action].includes(d.status)) return illegal(action, d.status);
  const isApplicant = p.kind === 'citizen' && p.userId === d.applicant_user_id;
  const step = d.current_step !== null && d.process ? d.process[d.current_step] : undefined;
  switch (action) {
    case 'receive':
    case 'refuse':
      if (d.status === Status.Submitted) {
        return (await hasRoleAt(db, p, ['desk_officer'], await deskId(db, d.agency_id))) ? null
          : denied('Chỉ cán bộ Bộ phận Một cửa của cơ quan mới được tiếp nhận hoặc từ chối hồ sơ.', 'Only the agency\'s one-stop desk may receive or refuse a dossier.');
      }
      return (await hasRoleWithin(db, p, ['head_of_division', 'signing_authority'], d.agency_id)) ? null
        : denied('Chỉ lãnh đạo phòng hoặc lãnh đạo cơ quan mới được từ chối hồ sơ đang xử lý.', 'Only a head of division or the signing authority may refuse a dossier in process.');
    case 'request_supplement':
      if (d.status === Status.Submitted) {
        return (await hasRoleAt(db, p, ['desk_officer'], await deskId(db, d.agency_id))) ? null
          : denied('Chỉ cán bộ Bộ phận Một cửa mới được yêu cầu bổ sung khi tiếp nhận.', 'Only the one-stop desk may request a supplement at reception.');
      }
      return atCurrentStep(db, d, p);
    case 'resubmit':
    case 'withdraw':
      if (isApplicant) return null;
      if (await hasRoleAt(db, p, ['desk_officer'], await deskId(db, d.agency_id))) return null; // on the walk-in applicant's behalf
      return denied('Chỉ người nộp hồ sơ (hoặc Bộ phận Một cửa thay mặt) mới được thực hiện.', 'Only the applicant (or the one-stop desk on their behalf) may do this.');
    case 'forward': {
      if (!d.process || d.current_step === null) return illegal(action, d.status);
      if (step?.role === 'signing_authority') return denied('Ở bước ký duyệt, hãy ký duyệt kết quả thay vì chuyển tiếp.', 'At the signing step, sign the result instead of forwarding.');
      if (d.current_step + 1 >= d.process.length) return illegal(action, d.status);
      return atCurrentStep(db, d, p);
    }
    case 'send_back':
      if (!d.current_step) return problems.conflict('Hồ sơ đang ở bước đầu tiên, không có bước trước.', 'The dossier is at its first step; there is no previous step.');
      return atCurrentStep(db, d, p);
    case 'assign':
      if (!d.step_unit_id) return illegal(action, d.status);
      return (await hasRoleAt(db, p, ['head_of_division', 'signing_authority', 'supervisor'], d.step_unit_id)) || (await hasRoleAt(db, p, [d.step_role as Role], d.step_unit_id)) ? null
        : denied('Bạn không có quyền phân công hồ sơ ở bước này.', 'You may not assign the dossier at this step.');
    case 'request_payment':
      if (step && step.role === 'desk_officer') return denied('Yêu cầu nghĩa vụ tài chính do bộ phận chuyên môn thực hiện.', 'Payment is requested by the processing unit.');
      return atCurrentStep(db, d, p);
    case 'confirm_payment':
      if (isApplicant) return null;
      return (await hasRoleAt(db, p, ['desk_officer'], await deskId(db, d.agency_id))) ? null
        : denied('Chỉ người nộp hoặc Bộ phận Một cửa mới xác nhận nộp phí.', 'Only the applicant or the one-stop desk may confirm payment.');
    case 'sign':
      if (step?.role !== 'signing_authority') return problems.conflict('Hồ sơ chưa tới bước ký duyệt.', 'The dossier has not reached the signing step.');
      return atCurrentStep(db, d, p);
    case 'return':
      return atCurrentStep(db, d, p);
    case 'stop':
      return (await hasRoleWithin(db, p, ['head_of_division', 'signing_authority'], d.agency_id)) ? null
        : denied('Chỉ lãnh đạo mới được dừng xử lý hồ sơ.', 'Only a head of division or the signing authority may stop processing.');
    case 'extend':
      if (d.due_at && d.due_at.getTime() <= Date.now()) {
        return problems.conflict('Đã quá hạn trả kết quả: chỉ được xin lỗi và hẹn lại trước thời hạn.', 'The due date has passed: an apology and new date must be issued before it.');
      }
      return (await hasRoleWithin(db, p, ['processing_officer', 'head_of_division', 'signing_authority'], d.agency_id)) ? null
        : denied('Chỉ cơ quan giải quyết mới được hẹn lại ngày trả kết quả.', 'Only the deciding agency may set a new date.');
  }
}

export async function availableActions(db: Executor, d: DossierState, p: Principal | null): Promise<ActionName[]> {
  const out: ActionName[] = [];
  // Status first: it rules out most actions without building an error for each.
  for (const a of ACTIONS) if (FROM[a].includes(d.status) && !(await check(db, a, d, p))) out.push(a);
  return out;
}
