import map from './prefill-map.json' with { type: 'json' };
import type { FieldError } from '../../platform/http/problem.ts';
import type { PersonRecord, PopulationRegistry } from './registry.ts';

/**
 * Form prefill from the population database and its re-verification on submission.
 * What goes where is data (prefill-map.json), per procedure and field path; this file only reads
 * the registry, resolves the sources and compares.
 */

export type PersonKey = 'self' | 'father' | 'mother' | 'spouse' | 'husband' | 'wife' | 'account';
type Attribute = 'fullName' | 'idNumber' | 'dateOfBirth' | 'sex' | 'ethnicity' | 'religion' | 'nationality' | 'placeOfOrigin'
  | 'birthRegistrationPlace' | 'permanentAddress' | 'currentAddress' | 'phone' | 'email';

export interface PrefillRule {
  /** Field path in the form, e.g. "subject.fullName". */
  path: string;
  person: PersonKey;
  attribute: Attribute;
  /** Identity fields are not editable (read-only in the browser, verified on the server). */
  editable: boolean;
}

export interface PrefillValue {
  path: string;
  value: string;
  editable: boolean;
  /** Where the value came from: the population database or the e-ID account. */
  source: 'population' | 'account';
}

/** What the submission check found, stored with the dossier for the officials. */
export interface IdentityCheck {
  /** population: compared with the registry; not_found: no record, structure only; in_person: filed at the desk. */
  result: 'population' | 'not_found' | 'in_person';
  adapter?: string;
  checkedAt: string;
  /** Identity fields equal to the registry's values. */
  verified: string[];
  /** Identity fields the registry had no value for (e.g. no father recorded): checked by structure only. */
  unverified: string[];
}

type RawRule = string | { from: string; editable?: boolean };
const RAW = map as unknown as Record<string, Record<string, RawRule> | string>;

function parse(path: string, raw: RawRule): PrefillRule {
  const from = typeof raw === 'string' ? raw : raw.from;
  const [person, attribute] = from.split('.') as [PersonKey, Attribute];
  return { path, person, attribute, editable: typeof raw === 'string' ? false : !!raw.editable };
}

/** The rules for a procedure whose form has the path (procedure-specific rules override the common ones). */
export function rulesFor(procedureCode: string, formSchema: unknown): PrefillRule[] {
  const merged = new Map<string, PrefillRule>();
  for (const key of ['*', procedureCode]) {
    const group = RAW[key];
    if (!group || typeof group !== 'object') continue;
    for (const [path, raw] of Object.entries(group)) merged.set(path, parse(path, raw));
  }
  return [...merged.values()].filter((r) => schemaAt(formSchema, r.path)?.type === 'string');
}

function schemaAt(schema: any, path: string): any {
  let s = schema;
  for (const part of path.split('.')) {
    if (!s || s.type !== 'object') return undefined;
    s = s.properties?.[part];
  }
  return s;
}

export function valueAt(obj: unknown, path: string): unknown {
  let v: any = obj;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = v[part];
  }
  return v;
}

/** Sets a value at a dotted path, creating objects on the way (returns a new object). */
export function withValueAt(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...obj, [head]: value };
  const inner = obj[head];
  return { ...obj, [head]: withValueAt(inner && typeof inner === 'object' && !Array.isArray(inner) ? inner as Record<string, unknown> : {}, rest.join('.'), value) };
}

/** The people a procedure's rules refer to, read once from the registry. */
export interface PeopleFound {
  self: PersonRecord;
  father: PersonRecord | null;
  mother: PersonRecord | null;
  spouse: PersonRecord | null;
}

export async function findPeople(registry: PopulationRegistry, self: PersonRecord, needed: Set<PersonKey>): Promise<PeopleFound> {
  const wantSpouse = needed.has('spouse') || needed.has('husband') || needed.has('wife');
  const get = (id: string | null, want: boolean) => (want && id ? registry.lookupPerson(id) : Promise.resolve(null));
  const [father, mother, spouse] = await Promise.all([
    get(self.fatherIdNumber, needed.has('father')), get(self.motherIdNumber, needed.has('mother')), get(self.spouseIdNumber, wantSpouse),
  ]);
  return { self, father, mother, spouse };
}

function person(found: PeopleFound, key: PersonKey): PersonRecord | null {
  switch (key) {
    case 'self': return found.self;
    case 'father': return found.father;
    case 'mother': return found.mother;
    case 'spouse': return found.spouse;
    case 'husband': return found.self.sex === 'Nam' ? found.self : found.spouse;
    case 'wife': return found.self.sex === 'Nữ' ? found.self : found.spouse;
    default: return null;
  }
}

function attribute(p: PersonRecord, a: Attribute): string | null {
  switch (a) {
    case 'birthRegistrationPlace': return p.birthRegistration.place;
    case 'permanentAddress': return p.permanentAddress.text;
    case 'currentAddress': return p.currentAddress.text;
    case 'phone': case 'email': return null;
    default: return (p as unknown as Record<string, string | null>)[a] ?? null;
  }
}

/** The values for a procedure's form: identity fields from the registry, contact details from the account. */
export function prefillValues(rules: PrefillRule[], found: PeopleFound | null, account: { phone?: string; email?: string }): PrefillValue[] {
  const out: PrefillValue[] = [];
  for (const r of rules) {
    if (r.person === 'account') {
      const v = r.attribute === 'phone' ? account.phone : r.attribute === 'email' ? account.email : undefined;
      if (v) out.push({ path: r.path, value: v, editable: true, source: 'account' });
      continue;
    }
    const p = found ? person(found, r.person) : null;
    const v = p ? attribute(p, r.attribute) : null;
    if (v) out.push({ path: r.path, value: v, editable: r.editable, source: 'population' });
  }
  return out;
}

/** Names and addresses compare as a person reads them: Unicode-normalised, spacing and letter case ignored. */
export function sameValue(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
  return norm(a) === norm(b);
}

/**
 * Compares the identity fields a citizen submitted with the registry. Every submitted identity
 * field must equal the registry's value; an absent field is left to the form's own validation.
 */
export function verifyIdentity(rules: PrefillRule[], found: PeopleFound, form: unknown): { errors: FieldError[]; verified: string[]; unverified: string[] } {
  const errors: FieldError[] = [];
  const verified: string[] = [];
  const unverified: string[] = [];
  const expected = new Map(prefillValues(rules, found, {}).filter((v) => !v.editable).map((v) => [v.path, v.value]));
  for (const r of rules) {
    if (r.editable || r.person === 'account') continue;
    const submitted = valueAt(form, r.path);
    const want = expected.get(r.path);
    if (want === undefined) {
      if (submitted !== undefined && submitted !== '') unverified.push(r.path);
      continue;
    }
    if (submitted === undefined) continue;
    if (sameValue(submitted, want)) verified.push(r.path);
    else {
      errors.push({
        field: `form.${r.path}`,
        message_vi: 'khác với dữ liệu trong Cơ sở dữ liệu quốc gia về dân cư; trường này được điền tự động và không được sửa',
        message_en: 'differs from the national population database; this field is filled in automatically and must not be changed',
      });
    }
  }
  return { errors, verified, unverified };
}

/** Identity fields of a procedure's form (for the "not found" path: all of them are unverified). */
export function identityPaths(rules: PrefillRule[], form: unknown): string[] {
  return rules.filter((r) => !r.editable && r.person !== 'account').map((r) => r.path)
    .filter((p) => { const v = valueAt(form, p); return v !== undefined && v !== ''; });
}

/** A form with the prefill values written in (demo data, test fixtures; the browser does the same). */
export function applyPrefill(form: Record<string, unknown>, values: PrefillValue[]): Record<string, unknown> {
  return values.reduce((f, v) => withValueAt(f, v.path, v.value), form);
}
