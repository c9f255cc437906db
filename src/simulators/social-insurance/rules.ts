import crypto from 'node:crypto';
import data from './data.json' with { type: 'json' };

/**
 * The simulated Vietnam Social Security's rules (deterministic, documented in README.md).
 * Structural problems of a payload are refused at once (422 with reasons); business rules give a
 * decision (approved with a result, or refused with reasons) on the decision day.
 */
export type Operation = 'child-health-insurance-card' | 'funeral-allowance';
export const OPERATIONS: Operation[] = ['child-health-insurance-card', 'funeral-allowance'];

export interface Decision {
  decision: 'approved' | 'refused';
  reasons: string[];
  result?: Record<string, unknown>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
  && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isId = (v: unknown) => typeof v === 'string' && /^\d{12}$/.test(v);

/** Structural checks: what the agency's system cannot even register. Empty = acceptable. */
export function validate(operation: string, payload: unknown): string[] {
  if (!OPERATIONS.includes(operation as Operation)) return [`Nghiệp vụ không được hỗ trợ: ${operation}`];
  if (!isObj(payload)) return ['Thiếu dữ liệu hồ sơ (payload).'];
  const errors: string[] = [];
  if (operation === 'child-health-insurance-card') {
    const c = payload.child;
    if (!isObj(c)) return ['Thiếu thông tin trẻ em (child).'];
    if (!nonEmpty(c.fullName)) errors.push('Thiếu họ tên của trẻ (child.fullName).');
    if (typeof c.idNumber !== 'string') errors.push('Thiếu số định danh cá nhân của trẻ (child.idNumber).');
    if (!isDate(c.birthDate)) errors.push('Ngày sinh của trẻ không hợp lệ (child.birthDate, YYYY-MM-DD).');
  } else {
    const d = payload.deceased;
    const cl = payload.claimant;
    if (!isObj(d)) return ['Thiếu thông tin người chết (deceased).'];
    if (!nonEmpty(d.fullName)) errors.push('Thiếu họ tên người chết (deceased.fullName).');
    if (typeof d.idNumber !== 'string') errors.push('Thiếu số định danh cá nhân của người chết (deceased.idNumber).');
    if (!isDate(d.deathDate)) errors.push('Ngày chết không hợp lệ (deceased.deathDate, YYYY-MM-DD).');
    if (!isObj(cl) || !nonEmpty(cl.fullName)) errors.push('Thiếu họ tên người lo mai táng (claimant.fullName).');
  }
  return errors;
}

/** `date` plus `months` calendar months, clamped to the month's end (29/02 + 12 months = 28/02). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = (m - 1) + months;
  const ny = y + Math.floor(total / 12);
  const nm = ((total % 12) + 12) % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ny, nm, Math.min(d, last))).toISOString().slice(0, 10);
}
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

/** The base salary (lương cơ sở) in force on a day. */
export function baseSalaryOn(day: string): number {
  const rows = [...data.baseSalary].sort((a, b) => a.from.localeCompare(b.from)).filter((r) => r.from <= day);
  return rows.at(-1)?.amount ?? data.baseSalary[0]!.amount;
}

/**
 * The 10-digit social-insurance number (mã số BHXH) the simulator gives a person: province code
 * '01' (Hanoi) + 8 digits derived from the ID number (stable across runs).
 */
export function socialInsuranceNumber(idNumber: string): string {
  const n = crypto.createHash('sha256').update(idNumber).digest().readUInt32BE(0) % 100_000_000;
  return `${data.provinceCode}${String(n).padStart(8, '0')}`;
}

/**
 * Children's health-insurance card number (mã thẻ BHYT, 15 characters): object code 'TE' (trẻ em
 * dưới 6 tuổi), benefit level '1', province '01', then the 10-digit social-insurance number.
 */
export const childCardNumber = (idNumber: string) => `TE1${data.provinceCode}${socialInsuranceNumber(idNumber)}`;

function facilityFor(payload: Record<string, unknown>) {
  const code = typeof payload.facilityCode === 'string' ? payload.facilityCode : null;
  const ward = isObj(payload.residence) && typeof payload.residence.wardCode === 'string' ? payload.residence.wardCode : null;
  return data.facilities.find((f) => f.code === code) ?? data.facilities.find((f) => ward && f.wardCodes.includes(ward)) ?? data.facilities[0]!;
}

/** The decision on `day` (YYYY-MM-DD, Vietnam's date) for an accepted (structurally valid) application. */
export function decide(operation: Operation, payload: Record<string, unknown>, day: string): Decision {
  if (operation === 'child-health-insurance-card') {
    const c = payload.child as Record<string, unknown>;
    const birth = c.birthDate as string;
    const reasons: string[] = [];
    if (!isId(c.idNumber)) reasons.push('Số định danh cá nhân của trẻ phải gồm 12 chữ số.');
    const sixth = addMonths(birth, 72);
    if (birth > day) reasons.push('Ngày sinh của trẻ sau ngày xét duyệt.');
    else if (day >= sixth) reasons.push('Trẻ đã đủ 72 tháng tuổi vào ngày xét duyệt: không thuộc đối tượng cấp thẻ BHYT trẻ em dưới 6 tuổi.');
    if (reasons.length) return { decision: 'refused', reasons };
    const f = facilityFor(payload);
    return {
      decision: 'approved', reasons: [],
      result: { cardNumber: childCardNumber(c.idNumber as string), socialInsuranceNumber: socialInsuranceNumber(c.idNumber as string),
        validFrom: birth, validTo: addDays(sixth, -1), facility: { code: f.code, name: f.name } },
    };
  }
  const d = payload.deceased as Record<string, unknown>;
  const reasons: string[] = [];
  if (!isId(d.idNumber)) reasons.push('Số định danh cá nhân của người chết phải gồm 12 chữ số.');
  const death = d.deathDate as string;
  if (death > day) reasons.push('Ngày chết sau ngày xét duyệt.');
  if (isId(d.idNumber) && data.noContributions.includes(d.idNumber as string)) {
    reasons.push('Người chết không có quá trình đóng bảo hiểm xã hội: không đủ điều kiện hưởng trợ cấp mai táng.');
  }
  if (reasons.length) return { decision: 'refused', reasons };
  const base = baseSalaryOn(death);
  return {
    decision: 'approved', reasons: [],
    result: { amount: base * data.funeralAllowanceMultiple, baseSalary: base, paidOn: day, socialInsuranceNumber: socialInsuranceNumber(d.idNumber as string) },
  };
}
