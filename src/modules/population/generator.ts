import { PROVINCE_CODES } from '../identity/id-number.ts';
import { familyName, givenNames, STREETS, VILLAGES } from './names.ts';
import { hashString, mix32, Rng, weightedTable, type WeightedTable } from './prng.ts';
import type { HouseholdRole, MaritalStatus, Sex } from './registry.ts';

/**
 * A deterministic synthetic population: households of consistent people living in real communes
 * and wards of one province. Rows are produced one household at a time (a generator), so any
 * number — millions — can be streamed into the database without holding them in memory.
 *
 * Consistency rules (checked by generator.test.ts):
 * - every ID number passes checkIdNumber with the person's date of birth and sex, and is unique
 *   (a per-prefix counter pushed through a keyed permutation of the six random digits);
 * - spouses point at each other, are of opposite sex and both "married"; nobody else is "married";
 * - parents are at least 18 years (in fact 19+ calendar years) older than their children;
 *   husbands married at 20 or later, wives at 18 or later, children born after the marriage;
 * - a child carries the father's family name; middle names follow the sex ("Văn" men, "Thị" women);
 * - household roles are relative to the head, and every member's permanent address is the household's.
 */

export interface CommuneRef {
  /** admin_unit code. */
  code: string;
  /** "Phường Ba Đình", "Xã Ba Vì". */
  fullName: string;
}

export interface GenerateOptions {
  households: number;
  seed: number | string;
  /** Two-digit administrative province code (admin_unit), '01' for Hà Nội. */
  provinceCode?: string;
  /** "Thành phố Hà Nội". */
  provinceFullName?: string;
  /** The province's communes/wards in force (from the geo module). */
  communes: CommuneRef[];
  /** Ages are as of 1 January of this year; nobody is born in or after it. Default 2026. */
  asOfYear?: number;
  /** Household numbers start here (default 1). */
  firstHouseholdNumber?: number;
  /** ID numbers that must not be generated (e.g. the hand-written demo citizens). */
  excludeIds?: Iterable<string>;
}

export interface PersonRow {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  ethnicity: string;
  religion: string;
  nationality: string;
  placeOfOrigin: string;
  birthRegistrationCode: string;
  birthRegistrationPlace: string;
  permanentCommuneCode: string;
  permanentAddress: string;
  currentCommuneCode: string;
  currentAddress: string;
  householdId: string;
  householdRole: HouseholdRole;
  maritalStatus: MaritalStatus;
  fatherIdNumber: string | null;
  motherIdNumber: string | null;
  spouseIdNumber: string | null;
}

export interface HouseholdRow {
  id: string;
  headIdNumber: string;
  communeCode: string;
  address: string;
  source: 'synthetic' | 'demo';
}

export interface GeneratedHousehold {
  household: HouseholdRow;
  members: PersonRow[];
}

/** Household number as printed: province code + 10 digits. */
export function householdId(provinceCode: string, n: number): string {
  return provinceCode + String(n).padStart(10, '0');
}

/** "Phường Ba Đình" → "phường Ba Đình" (as inside an address line). */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

export function fullAddress(detail: string, commune: CommuneRef, provinceFullName: string): string {
  return `${detail}, ${lowerFirst(commune.fullName)}, ${lowerFirst(provinceFullName)}`;
}

/** Century/sex digit of the ID number: 0/1 for the 1900s male/female, 2/3 for the 2000s, … */
export function centurySexDigit(year: number, female: boolean): number {
  return Math.floor((year - 1900) / 100) * 2 + (female ? 1 : 0);
}

/**
 * Allocates unique 12-digit ID numbers: for each 6-digit prefix (province of birth registration,
 * century/sex, year digits) a counter is mapped through a keyed 4-round Feistel permutation of
 * 0…999,999, so numbers look random, never repeat, and need no memory beyond one counter per prefix.
 */
export class IdAllocator {
  private counters = new Map<string, number>();
  private exclude: Set<string>;
  private seedKey: number;

  constructor(seed: number | string, exclude: Iterable<string> = []) {
    this.seedKey = typeof seed === 'number' ? mix32(seed >>> 0) : hashString(seed);
    this.exclude = new Set(exclude);
  }

  next(birthCode: string, year: number, female: boolean): string {
    const prefix = birthCode + centurySexDigit(year, female) + String(year % 100).padStart(2, '0');
    const key = mix32(this.seedKey ^ hashString(prefix));
    for (;;) {
      const c = this.counters.get(prefix) ?? 0;
      if (c >= 1_000_000) throw new Error(`ID numbers exhausted for prefix ${prefix} (a million people born in one year, of one sex, registered in one province)`);
      this.counters.set(prefix, c + 1);
      const id = prefix + String(permute6(c, key)).padStart(6, '0');
      if (!this.exclude.has(id)) return id;
    }
  }
}

function permute6(x: number, key: number): number {
  let l = Math.floor(x / 1000);
  let r = x % 1000;
  for (let i = 0; i < 4; i++) {
    const f = mix32(Math.imul(r + 1, 0x9e3779b1) ^ key ^ Math.imul(i + 1, 0x85ebca6b)) % 1000;
    const nl = r;
    r = (l + f) % 1000;
    l = nl;
  }
  return l * 1000 + r;
}

/** Where people not born in Hà Nội were registered at birth (migration to the capital, rough weights). */
const MIGRANT_ORIGINS: WeightedTable<string> = weightedTable([
  ['036', 8], ['034', 8], ['038', 8], ['040', 7], ['030', 6], ['033', 6], ['035', 5], ['025', 5], ['037', 4], ['027', 4],
  ['024', 4], ['026', 4], ['017', 3], ['019', 3], ['031', 3], ['042', 3], ['022', 2], ['008', 2], ['015', 1.5], ['020', 1.5],
  ['014', 1.5], ['010', 1], ['004', 1], ['002', 1], ['044', 1], ['079', 1], ['048', 0.5],
  ...Object.keys(PROVINCE_CODES).filter((c) => !['001', '036', '034', '038', '040', '030', '033', '035', '025', '037', '027', '024',
    '026', '017', '019', '031', '042', '022', '008', '015', '020', '014', '010', '004', '002', '044', '079', '048'].includes(c))
    .map((c) => [c, 0.2] as const),
]);
const ETHNICITIES = weightedTable([['Kinh', 985], ['Mường', 8], ['Tày', 3], ['Thái', 1.5], ['Dao', 1.5], ['Nùng', 1]]);
const RELIGIONS = weightedTable([['Không', 88], ['Phật giáo', 8], ['Công giáo', 4]]);
const CHILD_COUNT = weightedTable([[0, 4], [1, 24], [2, 52], [3, 16], [4, 4]]);
type ClusterKind = 'single' | 'couple' | 'nuclear' | 'single_parent' | 'three_generations' | 'extended';
const CLUSTERS: WeightedTable<ClusterKind> = weightedTable([
  ['single', 13], ['couple', 8], ['nuclear', 40], ['single_parent', 6], ['three_generations', 16], ['extended', 12],
]);

interface Background { birthCode: string; origin: string; ethnicity: string; religion: string }

interface P {
  id: string;
  family: string;
  fullName: string;
  year: number;
  dob: string;
  female: boolean;
  bg: Background;
  marital: MaritalStatus;
  father: P | null;
  mother: P | null;
  spouse: P | null;
  role: HouseholdRole;
  /** Temporary residence elsewhere in the province. */
  current?: { commune: CommuneRef; address: string };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

class PopulationMaker {
  private rng: Rng;
  private ids: IdAllocator;
  private asOf: number;
  private province: string;
  private provinceName: string;
  private localCode: string;
  private communes: WeightedTable<CommuneRef>;
  private hh: number;

  constructor(o: GenerateOptions) {
    this.rng = new Rng(o.seed);
    this.ids = new IdAllocator(o.seed, o.excludeIds);
    this.asOf = o.asOfYear ?? 2026;
    this.province = o.provinceCode ?? '01';
    this.provinceName = o.provinceFullName ?? 'Thành phố Hà Nội';
    this.localCode = `0${this.province}`;
    if (!PROVINCE_CODES[this.localCode]) throw new Error(`no ID-number province code for ${this.province}`);
    if (o.communes.length === 0) throw new Error('no communes given');
    // Wards are denser than rural communes.
    this.communes = weightedTable(o.communes.map((c) => [c, /^Phường/.test(c.fullName) ? 3 : 1] as const));
    this.hh = o.firstHouseholdNumber ?? 1;
  }

  private dob(year: number): string {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    let d = this.rng.int(0, leap ? 365 : 364);
    let m = 0;
    for (; m < 12; m++) {
      const len = m === 1 && leap ? 29 : MONTH_DAYS[m];
      if (d < len) break;
      d -= len;
    }
    return `${year}-${String(m + 1).padStart(2, '0')}-${String(d + 1).padStart(2, '0')}`;
  }

  private adultBackground(year: number): Background {
    const r = this.rng;
    const local = r.chance(year >= 1995 ? 0.6 : 0.7);
    const birthCode = local ? this.localCode : r.weighted(MIGRANT_ORIGINS);
    const origin = local && r.chance(0.3) ? PROVINCE_CODES[r.weighted(MIGRANT_ORIGINS)] : PROVINCE_CODES[birthCode];
    return { birthCode, origin, ethnicity: r.weighted(ETHNICITIES), religion: r.weighted(RELIGIONS) };
  }

  private person(female: boolean, year: number, family: string, bg: Background, father: P | null = null, mother: P | null = null): P {
    return {
      id: this.ids.next(bg.birthCode, year, female),
      family, fullName: `${family} ${givenNames(this.rng, female, year)}`, year, dob: this.dob(year), female, bg,
      marital: 'single', father, mother, spouse: null, role: 'other',
    };
  }

  private adult(female: boolean, year: number): P {
    return this.person(female, year, familyName(this.rng), this.adultBackground(year));
  }

  /** Age gap between husband and wife (positive: the wife is younger). */
  private gap(): number {
    return Math.max(-3, Math.min(12, Math.round(this.rng.normal(3, 2.5))));
  }

  /** Marries p to a new person of compatible age; returns the spouse and the marriage year. */
  private marry(p: P): { spouse: P; married: number } {
    const g = this.gap();
    // Old enough to have married before the as-of year (he at 20+, she at 18+).
    const year = Math.min(p.female ? p.year - g : p.year + g, this.asOf - (p.female ? 22 : 20));
    const spouse = this.adult(!p.female, year);
    return { spouse, married: this.wed(p.female ? spouse : p, p.female ? p : spouse) };
  }

  /** Links a couple and returns a marriage year: at least his birth year + 21 and hers + 19. */
  private wed(h: P, w: P): number {
    h.spouse = w;
    w.spouse = h;
    h.marital = 'married';
    w.marital = 'married';
    return this.marriageYear(h.year, w.year);
  }

  private marriageYear(hYear: number, wYear: number): number {
    const earliest = Math.max(hYear + 21, wYear + 19);
    return Math.max(earliest, Math.min(hYear + this.rng.int(23, 31), this.asOf - 1));
  }

  private childBackground(parent: P): Background {
    const r = this.rng;
    return {
      birthCode: r.chance(0.92) ? this.localCode : parent.bg.birthCode,
      origin: parent.bg.origin, ethnicity: parent.bg.ethnicity, religion: r.chance(0.95) ? parent.bg.religion : r.weighted(RELIGIONS),
    };
  }

  /**
   * Children born from the marriage year on, while the mother is at most 45 (`motherYear` is her birth
   * year, or an estimate when she is not in the data set), each 2–6 years after the previous one.
   */
  private children(father: P | null, mother: P | null, married: number, family: string, motherYear: number): P[] {
    const r = this.rng;
    const n = r.weighted(CHILD_COUNT);
    const out: P[] = [];
    let y = married + r.int(0, 3);
    for (let i = 0; i < n; i++) {
      if (y > this.asOf - 1 || y - motherYear > 45) break;
      const female = !r.chance(y >= 2000 ? 0.53 : 0.51);
      out.push(this.person(female, y, family, this.childBackground((father ?? mother)!), father, mother));
      y += r.int(2, 6);
    }
    return out;
  }

  private age(p: P): number {
    return this.asOf - p.year;
  }

  private address(commune: CommuneRef): string {
    const r = this.rng;
    let detail: string;
    if (/^Phường/.test(commune.fullName)) {
      const street = r.pick(STREETS);
      const k = r.next();
      if (k < 0.45) detail = `Số ${r.int(1, 350)} phố ${street}`;
      else if (k < 0.85) detail = `Số ${r.int(1, 80)} ngõ ${r.int(2, 300)} ${street}`;
      else detail = `Căn hộ ${r.int(2, 35)}${String(r.int(1, 20)).padStart(2, '0')}, tòa ${String.fromCharCode(65 + r.int(0, 7))}${r.int(1, 9)}, đường ${street}`;
    } else {
      const village = r.pick(VILLAGES);
      detail = r.chance(0.4) ? `Xóm ${r.int(1, 12)}, thôn ${village}` : `Thôn ${village}`;
    }
    return fullAddress(detail, commune, this.provinceName);
  }

  private household(head: P, members: P[], commune: CommuneRef = this.rng.weighted(this.communes)): GeneratedHousehold {
    const id = householdId(this.province, this.hh++);
    const address = this.address(commune);
    head.role = 'head';
    const rows: PersonRow[] = [];
    for (const p of [head, ...members.filter((m) => m !== head)]) {
      if (!p.current && this.age(p) >= 18 && this.age(p) <= 45 && this.rng.chance(0.07)) {
        const c = this.rng.weighted(this.communes);
        p.current = { commune: c, address: this.address(c) };
      }
      rows.push({
        idNumber: p.id, fullName: p.fullName, dateOfBirth: p.dob, sex: p.female ? 'Nữ' : 'Nam',
        ethnicity: p.bg.ethnicity, religion: p.bg.religion, nationality: 'Việt Nam', placeOfOrigin: p.bg.origin,
        birthRegistrationCode: p.bg.birthCode, birthRegistrationPlace: PROVINCE_CODES[p.bg.birthCode],
        permanentCommuneCode: commune.code, permanentAddress: address,
        currentCommuneCode: p.current?.commune.code ?? commune.code, currentAddress: p.current?.address ?? address,
        householdId: id, householdRole: p.role, maritalStatus: p.marital,
        fatherIdNumber: p.father?.id ?? null, motherIdNumber: p.mother?.id ?? null, spouseIdNumber: p.spouse?.id ?? null,
      });
    }
    return { household: { id, headIdNumber: head.id, communeCode: commune.code, address, source: 'synthetic' }, members: rows };
  }

  /** Kids who still live with their parents: all under 25, half of those 25–29, none older. */
  private stayingKids(kids: P[]): P[] {
    return kids.filter((k) => this.age(k) < 25 || (this.age(k) < 30 && this.rng.chance(0.5)));
  }

  /** A nuclear family: couple (he is head 85 %) and the children still at home. */
  private nuclear(husbandAge: number): GeneratedHousehold {
    const r = this.rng;
    const h = this.adult(false, this.asOf - husbandAge);
    const w = this.adult(true, Math.min(h.year + this.gap(), this.asOf - 20));
    const married = this.wed(h, w);
    const kids = this.stayingKids(this.children(h, w, married, h.family, w.year));
    for (const k of kids) k.role = 'child';
    if (r.chance(0.85)) {
      w.role = 'wife';
      return this.household(h, [w, ...kids]);
    }
    h.role = 'husband';
    return this.household(w, [h, ...kids]);
  }

  /** Elderly parents (one may have died) of a child born in `childYear`. */
  private elders(childYear: number): { father: P | null; mother: P | null } {
    const r = this.rng;
    const hYear = childYear - r.int(24, 36);
    const wYear = Math.min(hYear + this.gap(), childYear - 19);
    const h = this.adult(false, hYear);
    const w = this.adult(true, wYear);
    this.wed(h, w);
    const deceased = r.next();
    if (deceased < 0.12) { w.spouse = null; w.marital = 'widowed'; return { father: null, mother: w }; }
    if (deceased < 0.18) { h.spouse = null; h.marital = 'widowed'; return { father: h, mother: null }; }
    return { father: h, mother: w };
  }

  /** A child of `parents` (their only one in the data set), born in `year`. */
  private childOf(parents: { father: P | null; mother: P | null }, female: boolean, year: number): P {
    const family = parents.father?.family ?? familyName(this.rng);
    const someone = (parents.father ?? parents.mother)!;
    return this.person(female, year, family, this.childBackground(someone), parents.father, parents.mother);
  }

  cluster(remaining: number): GeneratedHousehold[] {
    const r = this.rng;
    let kind = r.weighted(CLUSTERS);
    if (kind === 'extended' && remaining < 2) kind = 'nuclear';
    switch (kind) {
      case 'single': {
        let p: P;
        if (r.chance(0.6)) {
          p = this.adult(r.chance(0.5), this.asOf - r.int(20, 38));
        } else {
          p = this.adult(r.chance(0.75), this.asOf - r.int(62, 92));
          const k = r.next();
          p.marital = k < 0.8 ? 'widowed' : k < 0.9 ? 'divorced' : 'single';
        }
        return [this.household(p, [])];
      }
      case 'couple': {
        const young = r.chance(0.7);
        const h = this.adult(false, this.asOf - (young ? r.int(23, 34) : r.int(60, 85)));
        const w = this.adult(true, Math.min(h.year + this.gap(), this.asOf - 20));
        this.wed(h, w);
        w.role = 'wife';
        return [this.household(h, [w])];
      }
      case 'nuclear':
        return [this.nuclear(Math.max(24, Math.min(65, Math.round(r.normal(42, 10)))))];
      case 'single_parent': {
        const female = r.chance(0.8);
        const p = this.adult(female, this.asOf - Math.max(25, Math.min(60, Math.round(r.normal(40, 8)))));
        p.marital = r.chance(0.65) ? 'divorced' : 'widowed';
        const otherYear = female ? p.year - this.gap() : p.year + this.gap();
        const married = female ? this.marriageYear(otherYear, p.year) : this.marriageYear(p.year, otherYear);
        // The absent parent is not in the data set; the children carry the father's family name.
        const family = female ? familyName(r) : p.family;
        const kids = this.stayingKids(this.children(female ? null : p, female ? p : null, married, family, female ? p.year : otherYear));
        for (const k of kids) k.role = 'child';
        return [this.household(p, kids)];
      }
      case 'three_generations': {
        // A married child (usually a son) lives with the elderly parents, spouse and children.
        const son = r.chance(0.8);
        const childYear = this.asOf - r.int(27, 52);
        const parents = this.elders(childYear);
        const child = this.childOf(parents, !son, childYear);
        const { spouse, married } = this.marry(child);
        const husband = son ? child : spouse;
        const wife = son ? spouse : child;
        const kids = this.stayingKids(this.children(husband, wife, married, husband.family, wife.year));
        const elderList = [parents.father, parents.mother].filter((x): x is P => !!x);
        if (r.chance(0.4)) {
          const head = parents.father ?? parents.mother!;
          if (parents.father && parents.mother) parents.mother.role = 'wife';
          child.role = 'child';
          (son ? wife : husband).role = son ? 'daughter_in_law' : 'son_in_law';
          for (const k of kids) k.role = 'grandchild';
          return [this.household(head, [...elderList, husband, wife, ...kids])];
        }
        wife.role = 'wife';
        for (const k of kids) k.role = 'child';
        if (parents.father) parents.father.role = son ? 'father' : 'father_in_law';
        if (parents.mother) parents.mother.role = son ? 'mother' : 'mother_in_law';
        return [this.household(husband, [wife, ...kids, ...elderList])];
      }
      case 'extended': {
        // Elderly parents in one household, married children in their own households (linked by parents).
        const hYear = this.asOf - r.int(55, 85);
        const h = this.adult(false, hYear);
        const w = this.adult(true, Math.min(hYear + this.gap(), this.asOf - 20));
        const married = this.wed(h, w);
        const kids = this.children(h, w, married, h.family, w.year);
        const adults = kids.filter((k) => this.age(k) >= 24);
        if (adults.length === 0) {
          w.role = 'wife';
          const stay = this.stayingKids(kids);
          for (const k of stay) k.role = 'child';
          return [this.household(h, [w, ...stay])];
        }
        const want = Math.min(remaining - 1, r.int(1, 2), adults.length);
        const leaving = new Set(r.chance(0.5) ? adults.slice(0, want) : adults.slice(adults.length - want));
        const home = kids.filter((k) => !leaving.has(k) && (this.age(k) < 30 || r.chance(0.2)));
        const d = r.next();
        let head: P = h;
        let elderList: P[] = [h, w];
        if (d < 0.15) { h.spouse = null; w.spouse = null; w.marital = 'widowed'; for (const k of kids) k.father = null; head = w; elderList = [w]; }
        else if (d < 0.2) { h.spouse = null; w.spouse = null; h.marital = 'widowed'; for (const k of kids) k.mother = null; elderList = [h]; }
        else w.role = 'wife';
        for (const k of home) k.role = 'child';
        const out = [this.household(head, [...elderList, ...home])];
        for (const k of leaving) {
          const { spouse, married: m2 } = this.marry(k);
          const husband = k.female ? spouse : k;
          const wife = k.female ? k : spouse;
          const grand = this.stayingKids(this.children(husband, wife, m2, husband.family, wife.year));
          wife.role = 'wife';
          for (const g of grand) g.role = 'child';
          out.push(this.household(husband, [wife, ...grand]));
        }
        return out;
      }
    }
  }
}

/** Streams `households` households (a few more people each) of a consistent synthetic population. */
export function* generatePopulation(o: GenerateOptions): Generator<GeneratedHousehold> {
  const g = new PopulationMaker(o);
  let remaining = o.households;
  while (remaining > 0) {
    const hs = g.cluster(remaining);
    for (const h of hs) yield h;
    remaining -= hs.length;
  }
}
