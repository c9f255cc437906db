import data from './data/id-province-codes.json' with { type: 'json' };
import type { FieldError } from '../../platform/http/problem.ts';

/**
 * The 12-digit personal identification number (số định danh cá nhân), Circular 07/2016/TT-BCA:
 * digits 1–3 the province of birth registration, digit 4 century and sex (0/1 = 1900s male/female,
 * 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 2300s), digits 5–6 the last two digits of the birth
 * year, digits 7–12 random. There is no check digit, so only the structure can be checked.
 */
export const PROVINCE_CODES: Readonly<Record<string, string>> = data.codes;

export interface IdFacts {
  /** YYYY-MM-DD */
  dateOfBirth?: string;
  sex?: 'Nam' | 'Nữ' | 'male' | 'female' | string;
}

export function decodeIdNumber(id: string): { province: string; provinceName?: string; century: number; female: boolean; yearDigits: string } | null {
  if (!/^\d{12}$/.test(id)) return null;
  const g = Number(id[3]);
  return { province: id.slice(0, 3), provinceName: PROVINCE_CODES[id.slice(0, 3)], century: 1900 + Math.floor(g / 2) * 100, female: g % 2 === 1, yearDigits: id.slice(4, 6) };
}

/** Every rule the number breaks, each with its own message; [] when it is well-formed and consistent. */
export function checkIdNumber(id: string, facts: IdFacts = {}, field = 'idNumber'): FieldError[] {
  const err = (vi: string, en: string): FieldError => ({ field, message_vi: vi, message_en: en });
  if (!/^\d{12}$/.test(id)) return [err('Số định danh cá nhân phải gồm đúng 12 chữ số.', 'The personal ID number must be exactly 12 digits.')];
  const d = decodeIdNumber(id)!;
  const out: FieldError[] = [];
  if (!d.provinceName) {
    out.push(err(`Ba số đầu (${d.province}) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.`, `The first three digits (${d.province}) are not a province code of birth registration.`));
  }
  const year = facts.dateOfBirth ? Number(facts.dateOfBirth.slice(0, 4)) : undefined;
  if (year !== undefined && Number.isFinite(year)) {
    const centuryOk = year >= d.century && year < d.century + 100;
    if (!centuryOk) {
      out.push(err(`Chữ số thứ tư (${id[3]}) chỉ thế kỷ ${d.century / 100 + 1}, không khớp năm sinh ${year}.`, `The fourth digit (${id[3]}) means born in ${d.century}–${d.century + 99}, which does not match the birth year ${year}.`));
    }
    if (String(year % 100).padStart(2, '0') !== d.yearDigits) {
      out.push(err(`Chữ số thứ năm và sáu (${d.yearDigits}) phải là hai số cuối của năm sinh (${String(year % 100).padStart(2, '0')}).`, `Digits five and six (${d.yearDigits}) must be the last two digits of the birth year (${String(year % 100).padStart(2, '0')}).`));
    }
  }
  if (facts.sex) {
    const female = /^(nữ|nu|female|f)$/i.test(facts.sex);
    const male = /^(nam|male|m)$/i.test(facts.sex);
    if ((female && !d.female) || (male && d.female)) {
      out.push(err(`Chữ số thứ tư (${id[3]}) chỉ giới tính ${d.female ? 'nữ' : 'nam'}, không khớp giới tính đã khai (${facts.sex}).`, `The fourth digit (${id[3]}) means ${d.female ? 'female' : 'male'}, which does not match the declared sex (${facts.sex}).`));
    }
  }
  return out;
}
