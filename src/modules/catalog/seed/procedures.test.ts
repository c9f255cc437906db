import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** Checks the demo procedure catalog (seed data) for shape, legal consistency and coverage. */

type Duration = { unit: 'working_hours' | 'working_days'; value: number };
interface Fee { name: string; nameEn: string; amount: number; onlineAmount?: number; effectiveFrom: string; effectiveTo?: string; basis: string; note?: string }
interface Doc { code: string; name: string; nameEn: string; kind: string; count: number; required: boolean; template?: string; note?: string }
interface Step { name: string; nameEn: string; role: string; unit: string; duration: Duration }
interface Procedure {
  code: string; name: string; nameEn: string; field: string; fieldEn: string; fieldCode: string;
  level: 'commune' | 'province'; sector: string;
  deadline: { unit: 'working_days' | 'working_hours' | 'same_day'; value: number };
  fees: Fee[]; documents: Doc[]; form: Record<string, any>; onlineLevel: string; legalBasis: string[];
  resultType: string; resultTypeEn: string; minEidLevel: number; lifeEvents: string[]; keywords?: string[]; process: Step[];
}

// ajv and ajv-formats are CommonJS: under NodeNext typing the default import is the module object, at runtime it is the export itself.
const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof addFormatsModule.default;

const load = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as T;
const procedures = load<Procedure[]>('./procedures.json');
const lifeEvents = load<{ code: string; name: string; nameEn: string; description: string }[]>('./life-events.json');
const fields = load<{ code: string; name: string; nameEn: string }[]>('./fields.json');

const HOURS_PER_DAY = 8;
const hours = (d: Duration) => (d.unit === 'working_days' ? d.value * HOURS_PER_DAY : d.value);
const legalHours = (p: Procedure) => (p.deadline.unit === 'same_day' ? HOURS_PER_DAY : p.deadline.unit === 'working_days' ? p.deadline.value * HOURS_PER_DAY : p.deadline.value);
const norm = (s: string) => s.normalize('NFC').toLowerCase();

const SECTORS = ['people_committee', 'justice', 'construction', 'agriculture_environment', 'finance', 'health', 'education', 'industry_trade', 'culture', 'home_affairs',
  'police', 'social_insurance', 'tax', 'notary'];
/** Divisions allowed per sector and level. `ho-so-nghiep-vu` and `viec-lam` are additions documented in README.md. */
const DIVISIONS: Record<string, Partial<Record<'commune' | 'province', string[]>>> = {
  people_committee: { commune: ['van-phong', 'kinh-te', 'van-hoa-xa-hoi'], province: ['van-phong'] },
  justice: { province: ['hanh-chinh-tu-phap', 'bo-tro-tu-phap'] },
  construction: { province: ['quan-ly-xay-dung', 'quan-ly-nha'] },
  agriculture_environment: { province: ['dang-ky-dat-dai', 'moi-truong'] },
  finance: { province: ['dang-ky-kinh-doanh', 'quan-ly-gia'] },
  health: { province: ['nghiep-vu-y', 'nghiep-vu-duoc'] },
  education: { province: ['giao-duc-pho-thong'] },
  industry_trade: { province: ['quan-ly-thuong-mai'] },
  culture: { province: ['van-hoa'] },
  home_affairs: { province: ['chinh-quyen', 'viec-lam'] },
  police: { commune: ['quan-ly-hanh-chinh'], province: ['quan-ly-hanh-chinh', 'canh-sat-giao-thong', 'xuat-nhap-canh', 'ho-so-nghiep-vu'] },
  social_insurance: { province: ['thu-so-the', 'chinh-sach'] },
  tax: { province: ['ke-khai'] },
  notary: { province: ['cong-chung'] },
};
const ROLES = ['desk_officer', 'processing_officer', 'head_of_division', 'signing_authority'];

const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

function ajv() {
  const a = new Ajv2020({ allErrors: true, strict: true });
  addFormats(a);
  return a;
}

/** Every property schema, at any depth, with its JSON path. */
function* properties(schema: any, path = '$'): Generator<[string, any]> {
  if (!schema || typeof schema !== 'object') return;
  if (schema.properties) {
    for (const [k, v] of Object.entries<any>(schema.properties)) {
      yield [`${path}.${k}`, v];
      yield* properties(v, `${path}.${k}`);
    }
  }
  if (schema.items) yield* properties(schema.items, `${path}[]`);
}

describe('procedure catalog seed', () => {
  it('has at least 32 procedures with unique national codes', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(32);
    const codes = procedures.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c, c).toMatch(/^\d\.\d{6}$/);
  });

  it('uses only known enumerations', () => {
    for (const p of procedures) {
      expect(['commune', 'province'], p.code).toContain(p.level);
      expect(SECTORS, p.code).toContain(p.sector);
      expect(['full', 'partial'], p.code).toContain(p.onlineLevel);
      expect([0, 1, 2], p.code).toContain(p.minEidLevel);
      expect(['working_days', 'working_hours', 'same_day'], p.code).toContain(p.deadline.unit);
      if (p.deadline.unit === 'same_day') expect(p.deadline.value, p.code).toBe(0);
      else expect(p.deadline.value, p.code).toBeGreaterThan(0);
      expect(p.legalBasis.length, p.code).toBeGreaterThan(0);
      for (const s of [p.name, p.nameEn, p.field, p.fieldEn, p.resultType, p.resultTypeEn]) expect(s.trim().length, p.code).toBeGreaterThan(0);
    }
  });

  it('defines every life event and field code that is used (and nothing unused)', () => {
    const le = new Set(lifeEvents.map((e) => e.code));
    expect(le.size).toBe(lifeEvents.length);
    const used = new Set<string>();
    for (const p of procedures) for (const e of p.lifeEvents) { expect(le, `${p.code}: ${e}`).toContain(e); used.add(e); }
    expect([...le].filter((e) => !used.has(e))).toEqual([]);
    const fc = new Map(fields.map((f) => [f.code, f]));
    expect(fc.size).toBe(fields.length);
    for (const p of procedures) {
      const f = fc.get(p.fieldCode);
      expect(f, `${p.code}: ${p.fieldCode}`).toBeDefined();
      expect(f!.name, p.code).toBe(p.field);
      expect(f!.nameEn, p.code).toBe(p.fieldEn);
    }
    expect(new Set(procedures.map((p) => p.fieldCode)).size).toBe(fields.length);
  });

  it('has well-formed documents with exactly one printable declaration form', () => {
    for (const p of procedures) {
      expect(p.documents.length, p.code).toBeGreaterThan(0);
      const codes = p.documents.map((d) => d.code);
      expect(new Set(codes).size, p.code).toBe(codes.length);
      for (const d of p.documents) {
        expect(d.code, p.code).toMatch(/^[a-z0-9-]{1,60}$/);
        expect(['original', 'copy', 'certified_copy', 'original_or_certified_copy'], `${p.code}/${d.code}`).toContain(d.kind);
        expect(Number.isInteger(d.count) && d.count >= 1, `${p.code}/${d.code}`).toBe(true);
        if (d.template !== undefined) expect(d.template).toBe('form');
      }
      expect(p.documents.filter((d) => d.template === 'form').length, p.code).toBe(1);
    }
  });

  it('has fees with valid dates, non-negative integer amounts and no overlapping versions', () => {
    for (const p of procedures) {
      for (const f of p.fees) {
        const where = `${p.code}: ${f.name}`;
        expect(Number.isInteger(f.amount) && f.amount >= 0, where).toBe(true);
        if (f.onlineAmount !== undefined) {
          expect(Number.isInteger(f.onlineAmount) && f.onlineAmount >= 0, where).toBe(true);
          expect(f.onlineAmount, where).toBeLessThanOrEqual(f.amount);
        }
        expect(isIsoDate(f.effectiveFrom), where).toBe(true);
        if (f.effectiveTo !== undefined) {
          expect(isIsoDate(f.effectiveTo), where).toBe(true);
          expect(f.effectiveTo >= f.effectiveFrom, where).toBe(true);
        }
        expect(f.basis.length, where).toBeGreaterThan(0);
      }
      const byName = new Map<string, Fee[]>();
      for (const f of p.fees) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
      for (const [name, versions] of byName) {
        const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
        for (let i = 1; i < sorted.length; i++) {
          expect(sorted[i - 1].effectiveTo, `${p.code}: ${name} must be closed before the next version`).toBeDefined();
          expect(sorted[i - 1].effectiveTo! < sorted[i].effectiveFrom, `${p.code}: ${name} versions overlap`).toBe(true);
        }
      }
    }
  });

  it('has forms that compile as JSON Schema 2020-12 with an applicant object and Vietnamese titles', () => {
    const a = ajv();
    for (const p of procedures) {
      expect(() => a.compile(p.form), p.code).not.toThrow();
      expect(p.form.type, p.code).toBe('object');
      expect(typeof p.form.title, p.code).toBe('string');
      const applicant = p.form.properties?.applicant;
      expect(applicant?.type, p.code).toBe('object');
      for (const k of ['fullName', 'idNumber', 'dateOfBirth', 'phone', 'email', 'address']) expect(applicant.properties, `${p.code}: applicant.${k}`).toHaveProperty(k);
      expect(applicant.properties.idNumber.pattern).toBe('^[0-9]{12}$');
      expect(applicant.properties.phone.pattern).toBe('^0[0-9]{9}$');
      expect(applicant.properties.email.format).toBe('email');
      expect(p.form.required, p.code).toContain('applicant');
      for (const [path, prop] of properties(p.form)) {
        expect(typeof prop.title === 'string' && prop.title.length > 0, `${p.code} ${path} needs a title`).toBe(true);
      }
      // every "required" name must exist among the properties of the same object
      const checkRequired = (s: any, path: string) => {
        if (!s || typeof s !== 'object') return;
        if (Array.isArray(s.required)) for (const r of s.required) expect(s.properties, `${p.code} ${path}.required ${r}`).toHaveProperty(r);
        for (const [k, v] of Object.entries<any>(s.properties ?? {})) checkRequired(v, `${path}.${k}`);
        if (s.items) checkRequired(s.items, `${path}[]`);
      };
      checkRequired(p.form, '$');
    }
  });

  it('accepts a plausible applicant and rejects malformed ID numbers and phones', () => {
    const validate = ajv().compile(procedures.find((p) => p.code === '1.004873')!.form);
    const base = {
      applicant: { fullName: 'Nguyễn Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-14', phone: '0912345678', email: 'an@example.vn', address: 'Số 1 Tràng Tiền, phường Hoàn Kiếm, Hà Nội' },
      subject: { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14', sex: 'Nam', idNumber: '001090012345', residence: 'Phường Hoàn Kiếm, Hà Nội' },
      maritalStatus: 'Chưa đăng ký kết hôn với ai', purpose: 'Vay vốn ngân hàng', resultDelivery: 'Nhận trực tiếp tại Bộ phận Một cửa UBND xã/phường',
    };
    expect(validate(base), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...base, applicant: { ...base.applicant, idNumber: '12345' } })).toBe(false);
    expect(validate({ ...base, applicant: { ...base.applicant, phone: '912345678' } })).toBe(false);
  });

  it('has an internal process: desk first, exactly one signing step after processing, desk returns last, fits the deadline', () => {
    for (const p of procedures) {
      const steps = p.process;
      expect(steps.length, p.code).toBeGreaterThanOrEqual(4);
      for (const s of steps) {
        expect(ROLES, p.code).toContain(s.role);
        expect(['working_hours', 'working_days'], p.code).toContain(s.duration.unit);
        expect(s.duration.value, p.code).toBeGreaterThan(0);
        expect(s.name.length > 0 && s.nameEn.length > 0, p.code).toBe(true);
        if (s.unit.startsWith('division:')) {
          const allowed = DIVISIONS[p.sector]?.[p.level] ?? [];
          expect(allowed, `${p.code}: ${s.unit} not allowed for ${p.sector}/${p.level}`).toContain(s.unit.slice('division:'.length));
        } else {
          expect(['desk', 'leadership'], p.code).toContain(s.unit);
        }
        if (s.role === 'desk_officer') expect(s.unit, p.code).toBe('desk');
        if (s.role === 'signing_authority') expect(s.unit, p.code).toBe('leadership');
        if (s.role === 'processing_officer' || s.role === 'head_of_division') expect(s.unit.startsWith('division:'), p.code).toBe(true);
      }
      expect(steps[0].role, p.code).toBe('desk_officer');
      const last = steps[steps.length - 1];
      expect(last.role, p.code).toBe('desk_officer');
      expect(last.unit, p.code).toBe('desk');
      const signing = steps.map((s, i) => [s.role, i] as const).filter(([r]) => r === 'signing_authority');
      expect(signing.length, p.code).toBe(1);
      const firstProcessing = steps.findIndex((s) => s.role === 'processing_officer');
      expect(firstProcessing, p.code).toBeGreaterThan(0);
      expect(signing[0][1], p.code).toBeGreaterThan(firstProcessing);
      expect(signing[0][1], p.code).toBeLessThan(steps.length - 1);
      const total = steps.reduce((sum, s) => sum + hours(s.duration), 0);
      expect(total, `${p.code}: ${total} h > ${legalHours(p)} h`).toBeLessThanOrEqual(legalHours(p));
    }
  });

  it('covers the mandatory procedures (by name)', () => {
    const mustCover: [string, RegExp][] = [
      ['judicial-record certificate', /phiếu lý lịch tư pháp/],
      ['birth registration', /^đăng ký khai sinh$/],
      ['marriage registration', /^đăng ký kết hôn$/],
      ['death registration', /^đăng ký khai tử$/],
      ['permanent residence registration', /^đăng ký thường trú$/],
      ['temporary residence registration', /^đăng ký tạm trú$/],
      ['removal of permanent residence', /^xóa đăng ký thường trú$/],
      ['health-insurance card for a child under 6', /thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi/],
      ['funeral allowance', /mai táng/],
      ['construction permit for a detached house', /giấy phép xây dựng.*nhà ở riêng lẻ/],
      ['first land-use certificate', /đăng ký đất đai.*giấy chứng nhận.*lần đầu/],
      ['land changes / transfer', /đăng ký biến động.*chuyển nhượng/],
      ['business household registration', /đăng ký thành lập hộ kinh doanh/],
      ['enterprise registration', /đăng ký thành lập doanh nghiệp/],
      ['driving-licence renewal', /đổi giấy phép lái xe/],
      ['certified copies', /chứng thực bản sao từ bản chính/],
      ['school transfer', /chuyển trường/],
      ['notarisation of a land transfer contract', /công chứng hợp đồng.*chuyển nhượng/],
      ['land-related tax declaration', /lệ phí trước bạ nhà, đất/],
      ['certificate of marital status', /xác nhận tình trạng hôn nhân/],
      ['vehicle registration / plates', /đăng ký, cấp biển số xe/],
      ['passport', /hộ chiếu phổ thông/],
      ['unemployment benefit', /trợ cấp thất nghiệp/],
      ['social insurance registration/adjustment', /đăng ký.*điều chỉnh.*bảo hiểm xã hội/],
      ['health-insurance card re-issuance', /cấp lại.*thẻ bảo hiểm y tế/],
      ['temporary absence', /khai báo tạm vắng/],
      ['identity card replacement', /cấp đổi thẻ căn cước/],
      ['identity card re-issuance', /cấp lại thẻ căn cước/],
      ['signature certification', /chứng thực chữ ký/],
      ['recognition of parentage', /nhận cha, mẹ, con/],
      ['civil-status extract copies', /bản sao trích lục hộ tịch/],
      ['liquor retail licence', /bán lẻ rượu/],
      ['poor household recognition', /hộ nghèo/],
    ];
    const names = procedures.map((p) => norm(p.name));
    const missing = mustCover.filter(([, re]) => !names.some((n) => re.test(n))).map(([label]) => label);
    expect(missing).toEqual([]);
  });

  it('puts the judicial-record certificate with the provincial police (since 01/3/2025), 10 working days, e-ID level 2, 0 đ via VNeID in 2025', () => {
    const lltp = procedures.find((p) => /phiếu lý lịch tư pháp/.test(norm(p.name)))!;
    expect(lltp.level).toBe('province');
    expect(lltp.sector).toBe('police');
    expect(lltp.deadline).toEqual({ unit: 'working_days', value: 10 });
    expect(lltp.minEidLevel).toBe(2);
    const fee2025 = lltp.fees.find((f) => f.effectiveFrom <= '2025-09-01' && (!f.effectiveTo || f.effectiveTo >= '2025-09-01'))!;
    expect(fee2025.amount).toBe(200000);
    expect(fee2025.onlineAmount).toBe(0);
  });

  it('keeps Hanoi reference fees (construction permit 75,000 đ; enterprise 50,000 đ free online; copies 2,000 đ/page)', () => {
    const byName = (re: RegExp) => procedures.find((p) => re.test(norm(p.name)))!;
    expect(byName(/giấy phép xây dựng/).fees[0].amount).toBe(75000);
    const dn = byName(/đăng ký thành lập doanh nghiệp/).fees.find((f) => /lệ phí đăng ký doanh nghiệp/.test(norm(f.name)))!;
    expect(dn.amount).toBe(50000);
    expect(dn.onlineAmount).toBe(0);
    expect(byName(/chứng thực bản sao từ bản chính/).fees[0].amount).toBe(2000);
  });
});
