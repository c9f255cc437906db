import type { GeneratedHousehold, PersonRow } from './generator.ts';
import type { HouseholdRole, MaritalStatus, Sex } from './registry.ts';

/**
 * Hand-written households around the three demo citizens of the identity module (same ID number,
 * name, date of birth, sex and address as their accounts), with their parents, spouses and children,
 * so a demo sign-in finds a full population record. Household numbers sit at the top of the range
 * the generator uses (it starts at 1).
 */
const HANOI = 'thành phố Hà Nội';

interface DemoPerson {
  id: string; name: string; dob: string; sex: Sex; role: HouseholdRole; marital: MaritalStatus;
  father?: string; mother?: string; spouse?: string; birth?: string; origin?: string;
}
interface DemoHousehold { id: string; commune: { code: string; name: string }; detail: string; people: DemoPerson[] }

const BIRTH_PLACES: Record<string, string> = { '001': 'Hà Nội', '036': 'Nam Định', '034': 'Thái Bình' };

const households: DemoHousehold[] = [
  {
    id: '019999999001', commune: { code: '00004', name: 'phường Ba Đình' }, detail: 'Số 5 phố Đội Cấn',
    people: [
      { id: '001090012345', name: 'Nguyễn Văn An', dob: '1990-05-14', sex: 'Nam', role: 'head', marital: 'married', spouse: '036192004518', father: '001062002871', mother: '001165005342' },
      { id: '036192004518', name: 'Phạm Thu Hằng', dob: '1992-08-21', sex: 'Nữ', role: 'wife', marital: 'married', spouse: '001090012345', birth: '036', origin: 'Nam Định' },
      { id: '001218003276', name: 'Nguyễn Minh Khôi', dob: '2018-03-09', sex: 'Nam', role: 'child', marital: 'single', father: '001090012345', mother: '036192004518' },
      { id: '001321007734', name: 'Nguyễn Bảo Ngọc', dob: '2021-10-30', sex: 'Nữ', role: 'child', marital: 'single', father: '001090012345', mother: '036192004518' },
    ],
  },
  {
    id: '019999999002', commune: { code: '00070', name: 'phường Hoàn Kiếm' }, detail: 'Số 14 phố Hàng Bông',
    people: [
      { id: '001062002871', name: 'Nguyễn Văn Thành', dob: '1962-02-11', sex: 'Nam', role: 'head', marital: 'married', spouse: '001165005342' },
      { id: '001165005342', name: 'Vũ Thị Hạnh', dob: '1965-07-03', sex: 'Nữ', role: 'wife', marital: 'married', spouse: '001062002871' },
    ],
  },
  {
    id: '019999999003', commune: { code: '00292', name: 'phường Bạch Mai' }, detail: 'Số 12 ngõ 40 Tạ Quang Bửu',
    people: [
      { id: '001066003918', name: 'Trần Văn Tuấn', dob: '1966-09-15', sex: 'Nam', role: 'head', marital: 'married', spouse: '034169002467' },
      { id: '034169002467', name: 'Ngô Thị Thu', dob: '1969-04-27', sex: 'Nữ', role: 'wife', marital: 'married', spouse: '001066003918', birth: '034', origin: 'Thái Bình' },
      { id: '001195006789', name: 'Trần Thị Bình', dob: '1995-11-02', sex: 'Nữ', role: 'child', marital: 'single', father: '001066003918', mother: '034169002467' },
      { id: '001200005183', name: 'Trần Đức Minh', dob: '2000-06-18', sex: 'Nam', role: 'child', marital: 'single', father: '001066003918', mother: '034169002467' },
    ],
  },
  {
    id: '019999999004', commune: { code: '00367', name: 'phường Thanh Xuân' }, detail: 'Số 88 Nguyễn Trãi',
    people: [
      { id: '001072006604', name: 'Lê Quang Hải', dob: '1972-12-05', sex: 'Nam', role: 'head', marital: 'married', spouse: '001175001829', mother: '001148003051' },
      { id: '001175001829', name: 'Hoàng Thị Mai', dob: '1975-01-19', sex: 'Nữ', role: 'wife', marital: 'married', spouse: '001072006604' },
      { id: '001301004321', name: 'Lê Hoàng Cường', dob: '2001-03-20', sex: 'Nữ', role: 'child', marital: 'single', father: '001072006604', mother: '001175001829' },
      { id: '001148003051', name: 'Đặng Thị Nhàn', dob: '1948-05-02', sex: 'Nữ', role: 'mother', marital: 'widowed' },
    ],
  },
];

/** The demo households as generator rows. */
export function demoPopulation(): GeneratedHousehold[] {
  return households.map((h) => {
    const address = `${h.detail}, ${h.commune.name}, ${HANOI}`;
    const members: PersonRow[] = h.people.map((p) => ({
      idNumber: p.id, fullName: p.name, dateOfBirth: p.dob, sex: p.sex, ethnicity: 'Kinh', religion: 'Không', nationality: 'Việt Nam',
      placeOfOrigin: p.origin ?? 'Hà Nội', birthRegistrationCode: p.birth ?? '001', birthRegistrationPlace: BIRTH_PLACES[p.birth ?? '001'],
      permanentCommuneCode: h.commune.code, permanentAddress: address, currentCommuneCode: h.commune.code, currentAddress: address,
      householdId: h.id, householdRole: p.role, maritalStatus: p.marital,
      fatherIdNumber: p.father ?? null, motherIdNumber: p.mother ?? null, spouseIdNumber: p.spouse ?? null,
    }));
    const head = h.people.find((p) => p.role === 'head')!;
    return { household: { id: h.id, headIdNumber: head.id, communeCode: h.commune.code, address, source: 'demo' as const }, members };
  });
}

/** ID numbers of every demo person (the generator must not produce them). */
export function demoIdNumbers(): string[] {
  return households.flatMap((h) => h.people.map((p) => p.id));
}
