import { describe, expect, it } from 'vitest';
import procedures from '../catalog/seed/procedures.json' with { type: 'json' };
import map from './prefill-map.json' with { type: 'json' };
import { applyPrefill, prefillValues, rulesFor, sameValue, valueAt, verifyIdentity, type PeopleFound } from './prefill.ts';
import type { PersonRecord } from './registry.ts';

const form = (code: string) => (procedures as any[]).find((p) => p.code === code)!.form;

function person(over: Partial<PersonRecord>): PersonRecord {
  return {
    idNumber: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14', sex: 'Nam', ethnicity: 'Kinh', religion: 'Không', nationality: 'Việt Nam',
    placeOfOrigin: 'Hà Nội', birthRegistration: { provinceCode: '001', place: 'Hà Nội' },
    permanentAddress: { communeCode: '00004', text: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội' },
    currentAddress: { communeCode: '00004', text: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội' },
    householdId: '019999999001', householdRole: 'head', householdRoleVi: 'Chủ hộ', maritalStatus: 'married', maritalStatusVi: 'Đã kết hôn',
    fatherIdNumber: '001062002871', motherIdNumber: '001165005342', spouseIdNumber: '036192004518', ...over,
  };
}
const an: PeopleFound = {
  self: person({}),
  father: person({ idNumber: '001062002871', fullName: 'Nguyễn Văn Thành', dateOfBirth: '1962-02-11' }),
  mother: person({ idNumber: '001165005342', fullName: 'Vũ Thị Hạnh', dateOfBirth: '1965-07-03', sex: 'Nữ' }),
  spouse: person({ idNumber: '036192004518', fullName: 'Phạm Thu Hằng', dateOfBirth: '1992-08-21', sex: 'Nữ' }),
};

describe('prefill map (data)', () => {
  it('names only paths that exist as text fields in the procedures it is for, and sources that exist', () => {
    const persons = ['self', 'father', 'mother', 'spouse', 'husband', 'wife', 'account'];
    for (const [code, group] of Object.entries(map)) {
      if (code.startsWith('$')) continue;
      const codes = code === '*' ? (procedures as any[]).map((p) => p.code) : [code];
      for (const [path, raw] of Object.entries(group as Record<string, unknown>)) {
        const from = typeof raw === 'string' ? raw : (raw as any).from;
        expect(persons, `${code} ${path}`).toContain(from.split('.')[0]);
        for (const c of codes) expect(rulesFor(c, form(c)).map((r) => r.path), `${c} ${path}`).toContain(path);
      }
    }
  });

  it('fills the judicial-record form: applicant and subject from the person, parents and spouse from the relations', () => {
    const values = prefillValues(rulesFor('3.000333', form('3.000333')), an, { phone: '0912345678', email: 'an@example.vn' });
    const filled = applyPrefill({}, values);
    expect(filled).toMatchObject({
      applicant: { fullName: 'Nguyễn Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-14', phone: '0912345678', address: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội' },
      subject: { fullName: 'Nguyễn Văn An', sex: 'Nam', dateOfBirth: '1990-05-14', idNumber: '001090012345', nationality: 'Việt Nam', ethnicity: 'Kinh', permanentResidence: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội', placeOfBirth: 'Hà Nội' },
      family: { fatherName: 'Nguyễn Văn Thành', motherName: 'Vũ Thị Hạnh', spouseName: 'Phạm Thu Hằng' },
    });
    // Contact details are suggestions; identity fields are locked.
    const locked = values.filter((v) => !v.editable).map((v) => v.path);
    expect(locked).toEqual(expect.arrayContaining(['applicant.fullName', 'subject.sex', 'family.fatherName']));
    expect(locked).not.toContain('applicant.phone');
    expect(locked).not.toContain('applicant.address');
    expect(locked).not.toContain('subject.placeOfBirth');
  });

  it('puts the applicant on the right side of a marriage registration', () => {
    const single = { ...an, self: person({ maritalStatus: 'single', spouseIdNumber: null }), spouse: null };
    const him = applyPrefill({}, prefillValues(rulesFor('1.000894', form('1.000894')), single, {}));
    expect(him.husband).toMatchObject({ fullName: 'Nguyễn Văn An', idNumber: '001090012345' });
    expect(him.wife).toBeUndefined();
    const her = applyPrefill({}, prefillValues(rulesFor('1.000894', form('1.000894')), { ...single, self: person({ sex: 'Nữ', fullName: 'Trần Thị Bình', spouseIdNumber: null }) }, {}));
    expect(valueAt(her, 'wife.fullName')).toBe('Trần Thị Bình');
    expect(her.husband).toBeUndefined();
  });

  it('leaves out what the registry does not know (no spouse): the citizen fills it in, unverified', () => {
    const rules = rulesFor('3.000333', form('3.000333'));
    const single = { ...an, spouse: null };
    expect(prefillValues(rules, single, {}).map((v) => v.path)).not.toContain('family.spouseName');
    const filled = applyPrefill({ family: { spouseName: 'Ai Đó' } }, prefillValues(rules, single, {}));
    const r = verifyIdentity(rules, single, filled);
    expect(r.errors).toEqual([]);
    expect(r.unverified).toEqual(['family.spouseName']);
    expect(r.verified).toEqual(expect.arrayContaining(['applicant.fullName', 'subject.idNumber', 'family.fatherName']));
  });
});

describe('identity verification', () => {
  const rules = rulesFor('3.000333', form('3.000333'));
  const good = applyPrefill({}, prefillValues(rules, an, { phone: '0912345678' }));

  it('accepts the prefilled values, also typed in capitals or with extra spaces, and any contact details', () => {
    expect(verifyIdentity(rules, an, good).errors).toEqual([]);
    const caps = { ...good, subject: { ...(good.subject as object), fullName: '  NGUYỄN   VĂN AN ' }, applicant: { ...(good.applicant as object), phone: '0999999999', address: 'Nơi khác' } };
    expect(verifyIdentity(rules, an, caps).errors).toEqual([]);
    // Unicode composed and decomposed forms are the same name.
    expect(sameValue('Nguyễn Văn An'.normalize('NFD'), 'Nguyễn Văn An')).toBe(true);
  });

  it('names every altered identity field, one error each, in Vietnamese and English', () => {
    const tampered = applyPrefill(good, [
      { path: 'applicant.dateOfBirth', value: '1991-05-14', editable: false, source: 'population' },
      { path: 'subject.sex', value: 'Nữ', editable: false, source: 'population' },
      { path: 'family.motherName', value: 'Người Khác', editable: false, source: 'population' },
    ]);
    const r = verifyIdentity(rules, an, tampered);
    expect(r.errors.map((e) => e.field).sort()).toEqual(['form.applicant.dateOfBirth', 'form.family.motherName', 'form.subject.sex']);
    for (const e of r.errors) {
      expect(e.message_vi).toMatch(/Cơ sở dữ liệu quốc gia về dân cư/);
      expect(e.message_en).toMatch(/population database/);
    }
  });
});
