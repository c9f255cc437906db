import fs from 'node:fs';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkIdNumber, decodeIdNumber } from '../identity/id-number.ts';
import { demoCitizens } from '../identity/seed.ts';
import { demoIdNumbers, demoPopulation } from './demo.ts';
import { generatePopulation, IdAllocator, type CommuneRef, type GeneratedHousehold, type PersonRow } from './generator.ts';
import { Rng } from './prng.ts';

// The generator takes communes from the geo module's table; here straight from its reference data.
const raw = JSON.parse(fs.readFileSync(new URL('../geo/data/vn-admin-units.json', import.meta.url), 'utf8'));
const hanoi = raw.find((p: any) => p.Code === '01');
const communes: CommuneRef[] = hanoi.Wards.map((w: any) => ({ code: w.Code, fullName: w.FullName }));
const communeCodes = new Set(communes.map((c) => c.code));

const HOUSEHOLDS = 5000;
const generated = [...generatePopulation({ households: HOUSEHOLDS, seed: 7, provinceCode: '01', communes, excludeIds: demoIdNumbers() })];
const people = generated.flatMap((h) => h.members);
const byId = new Map(people.map((p) => [p.idNumber, p]));

/** Whole years from a to b (dates 'YYYY-MM-DD'). */
function yearsBetween(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number);
  const [yb, mb, db] = b.split('-').map(Number);
  return yb - ya - (mb < ma || (mb === ma && db < da) ? 1 : 0);
}
const family = (p: PersonRow) => p.fullName.split(' ')[0];
const middle = (p: PersonRow) => p.fullName.split(' ').slice(1, -1);

/** Every consistency rule over a set of households; returns the broken ones (empty when all hold). */
function violations(hs: GeneratedHousehold[], all: Map<string, PersonRow>): string[] {
  const out: string[] = [];
  const bad = (p: PersonRow, why: string) => out.push(`${p.idNumber} ${p.fullName}: ${why}`);
  for (const { household: h, members } of hs) {
    const heads = members.filter((m) => m.householdRole === 'head');
    if (heads.length !== 1 || heads[0].idNumber !== h.headIdNumber) out.push(`${h.id}: head`);
    if (!communeCodes.has(h.communeCode)) out.push(`${h.id}: commune ${h.communeCode}`);
    for (const p of members) {
      const errs = checkIdNumber(p.idNumber, { dateOfBirth: p.dateOfBirth, sex: p.sex });
      if (errs.length) bad(p, errs.map((e) => e.message_en).join(' '));
      if (decodeIdNumber(p.idNumber)!.province !== p.birthRegistrationCode) bad(p, 'ID province is not the birth registration');
      if (p.householdId !== h.id || p.permanentAddress !== h.address || p.permanentCommuneCode !== h.communeCode) bad(p, 'household address');
      if (!communeCodes.has(p.currentCommuneCode)) bad(p, 'current commune');
      if (!p.currentAddress.endsWith(', thành phố Hà Nội')) bad(p, 'current address');
      if (p.sex === 'Nam' && middle(p).includes('Thị')) bad(p, 'a man named Thị');
      if (p.sex === 'Nữ' && middle(p).includes('Văn')) bad(p, 'a woman named Văn');
      for (const [rel, parentId, sex] of [['father', p.fatherIdNumber, 'Nam'], ['mother', p.motherIdNumber, 'Nữ']] as const) {
        if (!parentId) continue;
        const parent = all.get(parentId);
        if (!parent) { bad(p, `${rel} missing`); continue; }
        if (parent.sex !== sex) bad(p, `${rel} of the wrong sex`);
        if (yearsBetween(parent.dateOfBirth, p.dateOfBirth) < 18) bad(p, `${rel} less than 18 years older`);
      }
      if (p.fatherIdNumber && family(all.get(p.fatherIdNumber)!) !== family(p)) bad(p, "not the father's family name");
      if (p.maritalStatus === 'married') {
        const s = p.spouseIdNumber ? all.get(p.spouseIdNumber) : undefined;
        if (!s) bad(p, 'married without a spouse');
        else {
          if (s.spouseIdNumber !== p.idNumber || s.maritalStatus !== 'married') bad(p, 'spouse not married to them');
          if (s.sex === p.sex) bad(p, 'spouse of the same sex');
          if (Math.abs(Number(s.dateOfBirth.slice(0, 4)) - Number(p.dateOfBirth.slice(0, 4))) > 15) bad(p, 'spouse age gap');
        }
        const age = yearsBetween(p.dateOfBirth, '2026-01-01');
        if (age < (p.sex === 'Nam' ? 20 : 18)) bad(p, `married at ${age}`);
      } else if (p.spouseIdNumber) bad(p, `${p.maritalStatus} with a spouse`);
      const head = all.get(h.headIdNumber)!;
      const roleOk: Record<string, () => boolean> = {
        head: () => p === head,
        wife: () => head.spouseIdNumber === p.idNumber && p.sex === 'Nữ',
        husband: () => head.spouseIdNumber === p.idNumber && p.sex === 'Nam',
        child: () => p.fatherIdNumber === head.idNumber || p.motherIdNumber === head.idNumber,
        father: () => head.fatherIdNumber === p.idNumber,
        mother: () => head.motherIdNumber === p.idNumber,
        father_in_law: () => !!head.spouseIdNumber && all.get(head.spouseIdNumber)!.fatherIdNumber === p.idNumber,
        mother_in_law: () => !!head.spouseIdNumber && all.get(head.spouseIdNumber)!.motherIdNumber === p.idNumber,
        daughter_in_law: () => !!p.spouseIdNumber && [all.get(p.spouseIdNumber)!.fatherIdNumber, all.get(p.spouseIdNumber)!.motherIdNumber].includes(head.idNumber),
        son_in_law: () => !!p.spouseIdNumber && [all.get(p.spouseIdNumber)!.fatherIdNumber, all.get(p.spouseIdNumber)!.motherIdNumber].includes(head.idNumber),
        grandchild: () => [p.fatherIdNumber, p.motherIdNumber].some((x) => x && [all.get(x)!.fatherIdNumber, all.get(x)!.motherIdNumber].includes(head.idNumber)),
        other: () => true,
      };
      if (!roleOk[p.householdRole]()) bad(p, `role ${p.householdRole} does not match the head`);
    }
  }
  return out;
}

describe('synthetic population generator', () => {
  it('makes exactly the households asked for, of realistic size', () => {
    expect(generated).toHaveLength(HOUSEHOLDS);
    expect(new Set(generated.map((h) => h.household.id)).size).toBe(HOUSEHOLDS);
    expect(generated[0].household.id).toBe('010000000001');
    const avg = people.length / HOUSEHOLDS;
    expect(avg).toBeGreaterThan(2.6);
    expect(avg).toBeLessThan(3.8);
    // Several kinds of household: singles, three generations, married children elsewhere.
    expect(generated.some((h) => h.members.length === 1)).toBe(true);
    expect(generated.some((h) => h.members.some((m) => m.householdRole === 'grandchild'))).toBe(true);
    expect(generated.some((h) => h.members.some((m) => m.householdRole === 'father'))).toBe(true);
    expect(people.some((p) => p.fatherIdNumber && byId.get(p.fatherIdNumber)!.householdId !== p.householdId)).toBe(true);
  });

  it('gives every person a valid, unique ID number matching date of birth, sex and birth registration', () => {
    expect(byId.size).toBe(people.length);
    for (const id of demoIdNumbers()) expect(byId.has(id)).toBe(false);
    const invalid = people.filter((p) => checkIdNumber(p.idNumber, { dateOfBirth: p.dateOfBirth, sex: p.sex }).length > 0);
    expect(invalid).toEqual([]);
  });

  it('keeps families consistent: parents 18+ years older, spouses married to each other, family names from the father', () => {
    expect(violations(generated, byId)).toEqual([]);
    const married = people.filter((p) => p.maritalStatus === 'married');
    expect(married.length).toBeGreaterThan(people.length * 0.3);
    expect(married.length % 2).toBe(0);
    expect(people.filter((p) => p.fatherIdNumber).length).toBeGreaterThan(people.length * 0.3);
  });

  it('draws names and places with plausible frequencies', () => {
    const share = (pred: (p: PersonRow) => boolean) => people.filter(pred).length / people.length;
    expect(share((p) => family(p) === 'Nguyễn')).toBeGreaterThan(0.3);
    expect(share((p) => family(p) === 'Nguyễn')).toBeLessThan(0.45);
    expect(share((p) => family(p) === 'Trần')).toBeGreaterThan(0.07);
    expect(share((p) => p.birthRegistrationCode === '001')).toBeGreaterThan(0.6);
    expect(share((p) => p.ethnicity === 'Kinh')).toBeGreaterThan(0.95);
    expect(share((p) => p.sex === 'Nam')).toBeGreaterThan(0.45);
    expect(share((p) => p.sex === 'Nam')).toBeLessThan(0.55);
    expect(share((p) => p.currentAddress !== p.permanentAddress)).toBeGreaterThan(0.01);
    // Most communes of Hà Nội get someone.
    expect(new Set(generated.map((h) => h.household.communeCode)).size).toBeGreaterThan(communes.length * 0.9);
  });

  it('is deterministic: the same seed gives the same population, another seed a different one', () => {
    const digest = (seed: number) => {
      const h = crypto.createHash('sha256');
      for (const x of generatePopulation({ households: 1000, seed, communes })) h.update(JSON.stringify(x));
      return h.digest('hex');
    };
    expect(digest(42)).toBe(digest(42));
    expect(digest(42)).not.toBe(digest(43));
    // The first households do not depend on how many are asked for.
    const a = [...generatePopulation({ households: 50, seed: 42, communes })];
    const b = [...generatePopulation({ households: 500, seed: 42, communes })].slice(0, 45);
    expect(a.slice(0, 45)).toEqual(b);
  });

  it('allocates ID numbers without repeats, even a million for one prefix', () => {
    const ids = new IdAllocator(1);
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) seen.add(ids.next('001', 1990, false));
    expect(seen.size).toBe(1_000_000);
    expect([...seen].every((id) => id.startsWith('001090'))).toBe(true);
    expect(() => ids.next('001', 1990, false)).toThrow(/exhausted/);
    expect(ids.next('001', 2005, true)).toMatch(/^001305\d{6}$/);
  });

  it('has a seeded PRNG that repeats', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(new Rng('x').u32()).toBe(new Rng('x').u32());
  });
});

describe('demo households', () => {
  const demo = demoPopulation();
  const all = new Map(demo.flatMap((h) => h.members).map((p) => [p.idNumber, p]));

  it('hold the three demo citizens exactly as their accounts', () => {
    for (const c of demoCitizens) {
      const p = all.get(c.idNumber);
      expect(p, c.fullName).toBeDefined();
      expect(p).toMatchObject({ fullName: c.fullName, dateOfBirth: c.dateOfBirth, sex: c.sex, permanentAddress: c.address, currentAddress: c.address });
    }
    expect(all.get('001090012345')).toMatchObject({ householdRole: 'head', maritalStatus: 'married', spouseIdNumber: '036192004518' });
    expect([...all.values()].filter((p) => p.fatherIdNumber === '001090012345')).toHaveLength(2);
  });

  it('follow the same consistency rules as the synthetic population', () => {
    expect(violations(demo, all)).toEqual([]);
    expect(new Set(demoIdNumbers()).size).toBe(all.size);
  });
});
