import { compileForm } from './ajv.ts';
import { fieldError, type FieldError } from '../../platform/http/problem.ts';
import type { Fee, ProcedureDefinition } from './definition.ts';

/** Rules a procedure must satisfy beyond its shape. Returns every violation, not just the first. */
export function checkDefinition(def: ProcedureDefinition, hoursPerDay: number): FieldError[] {
  const errs: FieldError[] = [];
  const minutes = (d: { unit: string; value: number }) => (d.unit === 'working_days' ? d.value * hoursPerDay * 60 : d.value * 60);
  const legal = def.deadline.unit === 'same_day' ? hoursPerDay * 60 : minutes(def.deadline);
  const total = def.process.reduce((s, st) => s + minutes(st.duration), 0);
  if (total > legal) {
    errs.push(fieldError('process', `tổng thời gian các bước (${(total / 60).toFixed(1)} giờ làm việc) vượt thời hạn giải quyết (${(legal / 60).toFixed(1)} giờ làm việc)`,
      `the steps take ${(total / 60).toFixed(1)} working hours, more than the legal deadline of ${(legal / 60).toFixed(1)} working hours`));
  }
  if (def.deadline.unit !== 'same_day' && def.deadline.value <= 0) {
    errs.push(fieldError('deadline.value', 'phải lớn hơn 0', 'must be greater than 0'));
  }
  const signIdx = def.process.map((s) => s.role).lastIndexOf('signing_authority');
  if (def.process.filter((s) => s.role === 'signing_authority').length !== 1) {
    errs.push(fieldError('process', 'phải có đúng một bước ký duyệt (signing_authority)', 'must have exactly one signing step (signing_authority)'));
  } else if (signIdx === 0 || signIdx === def.process.length - 1) {
    errs.push(fieldError('process', 'bước ký duyệt phải nằm sau bước tiếp nhận và trước bước trả kết quả', 'the signing step must come after reception and before returning the result'));
  }
  const first = def.process[0];
  const last = def.process[def.process.length - 1];
  if (first.role !== 'desk_officer' || first.unit !== 'desk') {
    errs.push(fieldError('process[0]', 'bước đầu tiên phải là Bộ phận Một cửa tiếp nhận hồ sơ', 'the first step must be the one-stop desk receiving the dossier'));
  }
  if (last.role !== 'desk_officer' || last.unit !== 'desk') {
    errs.push(fieldError(`process[${def.process.length - 1}]`, 'bước cuối phải là Bộ phận Một cửa trả kết quả', 'the last step must be the one-stop desk returning the result'));
  }
  const codes = new Set<string>();
  def.documents.forEach((d, i) => {
    if (codes.has(d.code)) errs.push(fieldError(`documents[${i}].code`, `mã giấy tờ "${d.code}" bị trùng`, `document code "${d.code}" is repeated`));
    codes.add(d.code);
  });
  def.fees.forEach((f, i) => {
    if (f.onlineAmount !== undefined && f.onlineAmount > f.amount) errs.push(fieldError(`fees[${i}].onlineAmount`, 'không được lớn hơn mức phí nộp trực tiếp', 'must not exceed the in-person amount'));
    if (f.effectiveTo && f.effectiveTo < f.effectiveFrom) errs.push(fieldError(`fees[${i}].effectiveTo`, 'phải sau ngày bắt đầu hiệu lực', 'must be after effectiveFrom'));
  });
  const formErr = formSchemaError(def.form);
  if (formErr) errs.push(fieldError('form', `biểu mẫu không phải JSON Schema hợp lệ: ${formErr}`, `the form is not a valid JSON Schema: ${formErr}`));
  else if ((def.form as any).type !== 'object') errs.push(fieldError('form.type', 'biểu mẫu phải là "object"', 'the form must be of type "object"'));
  return errs;
}

export function formSchemaError(schema: object): string | null {
  try {
    compileForm(schema);
    return null;
  } catch (e: any) {
    return String(e.message).slice(0, 300);
  }
}

/** Fees in force on a date, each with the amount for the chosen channel. */
export function feesOn(fees: Fee[], onDate: string, online: boolean): { name: string; nameEn: string; amount: number; basis: string }[] {
  return fees
    .filter((f) => f.effectiveFrom <= onDate && (!f.effectiveTo || f.effectiveTo >= onDate))
    .map((f) => ({ name: f.name, nameEn: f.nameEn, amount: online && f.onlineAmount !== undefined ? f.onlineAmount : f.amount, basis: f.basis }));
}
