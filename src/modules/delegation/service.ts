import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { Problem, problems, fieldError, type FieldError } from '../../platform/http/problem.ts';
import { getOrgUnit, getAgencyByCode, agencyOf, listAgencies, type OrgUnit } from '../agencies/service.ts';
import { unitRows } from '../agencies/succession.ts';
import { localToday, searchProcedures, versionOn } from '../catalog/service.ts';
import './tables.ts';

/**
 * Delegation of authority (ủy quyền) as data. The question the rest of the system asks is
 * `delegationInForce`: on this local date, has the agency that legally decides this procedure
 * delegated it, and to whom? Validation keeps the answer unique: one authority never has two
 * delegations of the same procedure in force on the same day, whatever the delegate's form.
 *
 * The delegate is one agency, or a class of agencies: every active agency of a sector at a level
 * ("every ward and commune People's Committee"), optionally only some of them. Under a class the
 * applicant chooses the delegate (the ward where they live); see `delegateChoiceProblem`.
 */

type UnitRef = { id: string; code: string; name: string; nameEn: string; headTitleFull: string | null };

/** A class of delegates: the agencies of `sector` at `level`, or only `agencies` among them. */
export interface DelegateClass {
  sector: string;
  level: string;
  /** "Ủy ban nhân dân cấp xã" — the class without "all". */
  name: string;
  nameEn: string;
  /** Only these agencies of the class; null = every active agency of the class. */
  agencies: UnitRef[] | null;
  /** How many agencies the class holds now. */
  count: number;
}

export interface Delegation {
  id: string;
  authority: { id: string; code: string; name: string; nameEn: string; headTitleFull: string | null };
  /** The delegate agency; for a class delegation a description of the class (id and code empty), see `delegateClass`. */
  delegate: UnitRef;
  delegateClass: DelegateClass | null;
  procedureCodes: string[];
  fieldCode: string | null;
  validFrom: string;
  validTo: string | null;
  plannedValidTo: string | null;
  decisionNo: string;
  decisionDate: string;
  signer: string;
  conditions: string;
  createdAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
  movedFrom: string | null;
  mergerId: string | null;
  /** On `asOf` (default today): scheduled, in force, ended (or revoked). */
  state: 'scheduled' | 'in_force' | 'ended' | 'revoked';
}

type Row = Awaited<ReturnType<typeof selectRows>>[number];
const selectRows = (db: Executor) => db.selectFrom('authority_delegation').selectAll().execute();

const unitRef = (u: OrgUnit | undefined, id: string): UnitRef => ({ id, code: u?.code ?? '', name: u?.name ?? '', nameEn: u?.nameEn ?? '', headTitleFull: u?.headTitleFull ?? null });

/** Names of the classes used in practice; others are named from their sector code. */
const CLASS_NAMES: Record<string, { vi: string; en: string; pickVi: string; pickEn: string; shortVi?: string; pickShortVi?: string }> = {
  'people_committee:commune': {
    vi: 'Ủy ban nhân dân cấp xã', en: 'commune-level People\'s Committees', pickVi: 'Ủy ban nhân dân phường/xã', pickEn: 'the ward or commune People\'s Committee',
    shortVi: 'UBND cấp xã', pickShortVi: 'UBND phường/xã',
  },
  'police:commune': { vi: 'Công an cấp xã', en: 'commune-level police', pickVi: 'Công an phường/xã', pickEn: 'the ward or commune police' },
};
const LEVEL_VI: Record<string, string> = { commune: 'cấp xã', province: 'cấp tỉnh', central: 'trung ương' };
const LEVEL_EN: Record<string, string> = { commune: 'commune-level', province: 'provincial', central: 'central' };

export function className(sector: string, level: string) {
  return CLASS_NAMES[`${sector}:${level}`] ?? {
    vi: `các cơ quan ${sector} ${LEVEL_VI[level] ?? level}`, en: `${LEVEL_EN[level] ?? level} ${sector} agencies`,
    pickVi: `cơ quan ${sector} ${LEVEL_VI[level] ?? level}`, pickEn: `the ${LEVEL_EN[level] ?? level} ${sector} agency`,
  };
}

/** The agencies of a class delegation today: the listed ones still active, or every active agency of the class. */
export async function classMembers(db: Executor, r: Pick<Row, 'delegate_sector' | 'delegate_level' | 'delegate_ids'>): Promise<OrgUnit[]> {
  const all = await listAgencies(db, { sector: r.delegate_sector!, level: r.delegate_level! });
  if (!r.delegate_ids.length) return all;
  const listed = new Set(r.delegate_ids);
  return all.filter((a) => listed.has(a.id));
}

async function delegateOf(db: Executor, r: Row): Promise<{ delegate: UnitRef; delegateClass: DelegateClass | null }> {
  if (r.delegate_id) return { delegate: unitRef(await getOrgUnit(db, r.delegate_id), r.delegate_id), delegateClass: null };
  const n = className(r.delegate_sector!, r.delegate_level!);
  const members = await classMembers(db, r);
  // Listed agencies keep their names even once dissolved (history); the count is of those active now.
  const agencies = r.delegate_ids.length ? await Promise.all(r.delegate_ids.map(async (id) => unitRef(await getOrgUnit(db, id), id))) : null;
  const name = agencies ? `${n.vi}: ${agencies.map((a) => a.name).join(', ')}` : `Tất cả ${n.vi}`;
  const nameEn = agencies ? `${n.en[0].toUpperCase()}${n.en.slice(1)}: ${agencies.map((a) => a.nameEn).join(', ')}` : `All ${n.en}`;
  return {
    delegate: { id: '', code: '', name, nameEn, headTitleFull: null },
    delegateClass: { sector: r.delegate_sector!, level: r.delegate_level!, name: n.vi, nameEn: n.en, agencies, count: members.length },
  };
}

async function present(db: Executor, r: Row, asOf = localToday()): Promise<Delegation> {
  const empty = r.valid_to !== null && r.valid_to < r.valid_from;
  const state = r.revoked_at && (empty || (r.valid_to !== null && r.valid_to < asOf)) ? 'revoked'
    : r.valid_to !== null && r.valid_to < asOf ? 'ended' : r.valid_from > asOf ? 'scheduled' : 'in_force';
  return {
    id: r.id, authority: unitRef(await getOrgUnit(db, r.authority_id), r.authority_id), ...(await delegateOf(db, r)),
    procedureCodes: r.procedure_codes, fieldCode: r.field_code, validFrom: r.valid_from, validTo: r.valid_to, plannedValidTo: r.planned_valid_to,
    decisionNo: r.decision_no, decisionDate: r.decision_date, signer: r.signer, conditions: r.conditions, createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null, revokeReason: r.revoke_reason, movedFrom: r.moved_from, mergerId: r.merger_id, state,
  };
}

/** The delegation of `procedureCode` (or of its whole field) by `authorityId` in force on `onDate`. */
export async function delegationInForce(db: Executor, authorityId: string, procedureCode: string, fieldCode: string | null, onDate = localToday()): Promise<Delegation | undefined> {
  const r = await db.selectFrom('authority_delegation').selectAll()
    .where('authority_id', '=', authorityId).where('valid_from', '<=', onDate)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', onDate)]))
    .where((eb) => eb.or([eb(sql<string>`${procedureCode}`, '=', sql<string>`any(procedure_codes)`), ...(fieldCode ? [eb('field_code', '=', fieldCode)] : [])]))
    // Codes named one by one are more specific than a whole field.
    .orderBy(sql`${procedureCode} = any(procedure_codes)`, 'desc').orderBy('valid_from', 'desc').limit(1).executeTakeFirst();
  return r ? present(db, r, onDate) : undefined;
}

/**
 * The delegation in force on `onDate` that makes `delegateId` a delegate for this procedure — by
 * name, or as a member of a class (an agency of the class's sector and level, and among the
 * listed ones when the class is limited): lets B's desk or a citizen name B directly.
 */
export async function delegationTo(db: Executor, delegateId: string, procedureCode: string, fieldCode: string | null, onDate = localToday()): Promise<Delegation | undefined> {
  const b = await getOrgUnit(db, delegateId);
  const r = await db.selectFrom('authority_delegation').selectAll()
    .where((eb) => eb.or([
      eb('delegate_id', '=', delegateId),
      ...(b?.sector && b.level ? [eb.and([eb('delegate_id', 'is', null), eb('delegate_sector', '=', b.sector), eb('delegate_level', '=', b.level),
        eb.or([eb(sql<number>`cardinality(delegate_ids)`, '=', 0), eb(sql<string>`${delegateId}::uuid`, '=', sql<string>`any(delegate_ids)`)])])] : []),
    ]))
    .where('valid_from', '<=', onDate)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', onDate)]))
    .where((eb) => eb.or([eb(sql<string>`${procedureCode}`, '=', sql<string>`any(procedure_codes)`), ...(fieldCode ? [eb('field_code', '=', fieldCode)] : [])]))
    .orderBy('valid_from', 'desc').limit(1).executeTakeFirst();
  return r ? present(db, r, onDate) : undefined;
}

export interface DelegationFilter { authorityCode?: string; delegateCode?: string; procedureCode?: string; state?: Delegation['state']; asOf?: string }

export async function listDelegations(db: Executor, f: DelegationFilter = {}): Promise<Delegation[]> {
  let q = db.selectFrom('authority_delegation as d').selectAll('d');
  if (f.authorityCode) q = q.innerJoin('org_unit as a', 'a.id', 'd.authority_id').where('a.code', '=', f.authorityCode);
  // A delegate code finds the delegations naming it and the class delegations it belongs to.
  if (f.delegateCode) {
    q = q.innerJoin('org_unit as b', (j) => j.on('b.code', '=', f.delegateCode!).on('b.kind', '=', 'agency'))
      .where((eb) => eb.or([eb('d.delegate_id', '=', eb.ref('b.id')), eb.and([eb('d.delegate_id', 'is', null), eb('d.delegate_sector', '=', eb.ref('b.sector')),
        eb('d.delegate_level', '=', eb.ref('b.level')), eb.or([eb(sql<number>`cardinality(d.delegate_ids)`, '=', 0), eb(sql<string>`b.id`, '=', sql<string>`any(d.delegate_ids)`)])])]));
  }
  if (f.procedureCode) q = q.where(sql<boolean>`${f.procedureCode} = any(d.procedure_codes)`);
  const rows = await q.orderBy('d.valid_from', 'desc').orderBy('d.created_at', 'desc').limit(500).execute();
  const out = await Promise.all(rows.map((r) => present(db, r as Row, f.asOf)));
  return f.state ? out.filter((d) => d.state === f.state) : out;
}

/**
 * What a procedure's page and the apply form need: the delegations in force on `onDate` by the
 * agencies that decide the procedure (its sector and level), and — when one names a class — the
 * agencies the applicant may choose among.
 */
export async function delegationsForProcedure(db: Executor, proc: { code: string; fieldCode: string | null; sector: string; level: NonNullable<OrgUnit['level']> }, onDate = localToday()): Promise<{ items: Delegation[]; delegates: OrgUnit[] | null }> {
  const rows = await db.selectFrom('authority_delegation as d').innerJoin('org_unit as a', 'a.id', 'd.authority_id').selectAll('d')
    .where('a.sector', '=', proc.sector).where('a.level', '=', proc.level).where('a.valid_to', 'is', null)
    .where('d.valid_from', '<=', onDate)
    .where((eb) => eb.or([eb('d.valid_to', 'is', null), eb('d.valid_to', '>=', onDate)]))
    .where((eb) => eb.or([eb(sql<string>`${proc.code}`, '=', sql<string>`any(d.procedure_codes)`), ...(proc.fieldCode ? [eb('d.field_code', '=', proc.fieldCode)] : [])]))
    .orderBy(sql`${proc.code} = any(d.procedure_codes)`, 'desc').orderBy('d.valid_from', 'desc').limit(200).execute();
  // One delegation per authority: the one `delegationInForce` would route by.
  const seen = new Set<string>();
  const mine = rows.filter((r) => !seen.has(r.authority_id) && seen.add(r.authority_id));
  const items = await Promise.all(mine.map((r) => present(db, r as Row, onDate)));
  const cls = mine.find((r) => !r.delegate_id);
  return { items, delegates: cls ? await classMembers(db, cls as Row) : null };
}

/** The line above the agency picker of the apply form under a class delegation. */
export function choiceHint(c: DelegateClass): { vi: string; en: string } {
  const n = className(c.sector, c.level);
  return {
    vi: `Thủ tục đã được ủy quyền cho ${n.shortVi ?? n.vi}: chọn ${n.pickShortVi ?? n.pickVi} nơi bạn cư trú`,
    en: `This procedure is delegated to ${n.en}: choose ${n.pickEn} where you live`,
  };
}

/**
 * The answer to a dossier that does not name one of the delegates of a class delegation (422 on
 * `agencyCode`): what the procedure is delegated to, by which decision, and what to choose.
 * `named` is the agency the applicant named, when it is not a delegate.
 */
export function delegateChoiceProblem(d: Delegation, named?: Pick<OrgUnit, 'name' | 'nameEn'>): Problem {
  const c = d.delegateClass!;
  const n = className(c.sector, c.level);
  const dmy = d.decisionDate.split('-').reverse().join('/');
  const few = c.agencies && c.agencies.length <= 10;
  const vi = `Thủ tục đã được ${d.authority.name} ủy quyền cho ${few ? c.agencies!.map((a) => a.name).join(', ') : n.vi} (Quyết định số ${d.decisionNo} ngày ${dmy}): `
    + `hãy chọn ${n.pickVi} nơi bạn cư trú${c.agencies ? ' trong danh sách cơ quan được ủy quyền' : ''}.`;
  const en = `The procedure is delegated by ${d.authority.nameEn} to ${few ? c.agencies!.map((a) => a.nameEn).join(', ') : n.en} (decision ${d.decisionNo} of ${d.decisionDate}): `
    + `choose ${n.pickEn} where you live${c.agencies ? ' from the list of delegates' : ''}.`;
  const err = named
    ? fieldError('agencyCode', `${named.name} không được ủy quyền giải quyết thủ tục này. ${vi}`, `${named.nameEn} is not a delegate for this procedure. ${en}`)
    : fieldError('agencyCode', vi, en);
  return new Problem(422, 'delegate_choice_required', err.message_vi, err.message_en, { errors: [err], delegationId: d.id });
}

export async function getDelegation(db: Executor, id: string): Promise<Delegation | undefined> {
  const r = await db.selectFrom('authority_delegation').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? present(db, r) : undefined;
}

// ---- who may manage ---------------------------------------------------------------------------

/**
 * System and catalog administrators manage the delegations of the agencies where they hold the
 * role, or all of them when their role sits on the provincial People's Committee (the city level).
 */
export async function canManage(db: Executor, p: Principal | null, authorityId: string): Promise<boolean> {
  if (!p || p.kind !== 'staff') return false;
  for (const g of p.roles.filter((x) => x.role === 'catalog_admin' || x.role === 'system_admin')) {
    const a = await agencyOf(db, g.unitId);
    if (!a) continue;
    if (a.id === authorityId || (a.sector === 'people_committee' && a.level === 'province')) return true;
  }
  return false;
}

export function isDelegationAdmin(p: Principal | null): boolean {
  return !!p && p.kind === 'staff' && p.roles.some((g) => g.role === 'system_admin' || g.role === 'catalog_admin');
}

// ---- creating and revoking ----------------------------------------------------------------------

export interface DelegationInput {
  authorityCode: string;
  /** One agency… */
  delegateCode?: string | null;
  /** …or a class: every active agency of a sector at a level (e.g. people_committee / commune), or only those listed. */
  delegateClass?: { sector: string; level: string; agencyCodes?: string[] } | null;
  procedureCodes: string[];
  fieldCode?: string | null;
  validFrom: string;
  validTo?: string | null;
  decisionNo: string;
  decisionDate: string;
  signer: string;
  conditions?: string;
}

/** The procedure codes a delegation covers: those named, plus every procedure of its field that the authority decides. */
async function coveredCodes(db: Executor, authority: OrgUnit, codes: string[], fieldCode: string | null): Promise<Set<string>> {
  const out = new Set(codes);
  if (fieldCode) {
    const found = await searchProcedures(db, { field: fieldCode, sector: authority.sector ?? undefined, level: authority.level ?? undefined, limit: 1000, offset: 0 });
    for (const p of found.items) out.add(p.code);
  }
  return out;
}

async function checkNoOverlap(tx: Tx, authority: OrgUnit, codes: Set<string>, fieldCode: string | null, from: string, to: string | null, exceptId?: string) {
  const rows = await tx.selectFrom('authority_delegation').selectAll().where('authority_id', '=', authority.id)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', from)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', eb.ref('valid_from'))]))
    .$if(to !== null, (q) => q.where('valid_from', '<=', to!))
    .$if(!!exceptId, (q) => q.where('id', '!=', exceptId!)).execute();
  for (const r of rows) {
    const theirs = await coveredCodes(tx, authority, r.procedure_codes, r.field_code);
    const common = [...codes].filter((c) => theirs.has(c));
    if (common.length || (fieldCode && fieldCode === r.field_code)) {
      const what = common.length ? common.join(', ') : fieldCode!;
      throw problems.conflict(
        `${authority.name} đã ủy quyền ${what} theo quyết định ${r.decision_no} (từ ${r.valid_from}${r.valid_to ? ` đến ${r.valid_to}` : ''}), trùng thời gian.`,
        `${authority.nameEn} already delegated ${what} by decision ${r.decision_no} (from ${r.valid_from}${r.valid_to ? ` to ${r.valid_to}` : ''}): the windows overlap.`,
        { conflictingDelegationId: r.id },
      );
    }
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function createDelegation(tx: Tx, p: Principal | null, input: DelegationInput, extra: { movedFrom?: string; mergerId?: string; skipManageCheck?: boolean } = {}): Promise<Delegation> {
  const errs: FieldError[] = [];
  const authority = await agencyByCode(tx, input.authorityCode);
  if (!authority) errs.push(fieldError('authorityCode', `không có cơ quan đang hoạt động mã ${input.authorityCode}`, `no active agency has code ${input.authorityCode}`));
  const cls = input.delegateClass ?? null;
  const delegateCode = input.delegateCode?.trim() || null;
  let delegate: OrgUnit | undefined;
  const listed: OrgUnit[] = [];
  if (!!delegateCode === !!cls) {
    errs.push(fieldError('delegateCode', 'hãy chọn hoặc một cơ quan, hoặc một nhóm cơ quan được ủy quyền (ví dụ tất cả UBND cấp xã)', 'name either one delegate agency or a class of agencies (e.g. every commune People\'s Committee)'));
  } else if (delegateCode) {
    delegate = await agencyByCode(tx, delegateCode);
    if (!delegate) errs.push(fieldError('delegateCode', `không có cơ quan đang hoạt động mã ${delegateCode}`, `no active agency has code ${delegateCode}`));
    if (authority && delegate && authority.id === delegate.id) errs.push(fieldError('delegateCode', 'cơ quan được ủy quyền phải khác cơ quan ủy quyền', 'the delegate must differ from the delegating authority'));
  } else if (cls) {
    const members = await listAgencies(tx, { sector: cls.sector, level: cls.level });
    if (!members.length) errs.push(fieldError('delegateClass', `không có cơ quan nào thuộc nhóm ${cls.sector} / ${cls.level}`, `no agency is of sector ${cls.sector} at level ${cls.level}`));
    // An agency does not delegate to itself: a class holding the authority is refused.
    else if (authority && authority.sector === cls.sector && authority.level === cls.level) {
      errs.push(fieldError('delegateClass', 'nhóm cơ quan được ủy quyền không được gồm cơ quan ủy quyền', 'the class of delegates must not include the delegating authority'));
    }
    for (const [i, code] of [...new Set(cls.agencyCodes ?? [])].entries()) {
      const a = await agencyByCode(tx, code);
      if (!a) errs.push(fieldError(`delegateClass.agencyCodes[${i}]`, `không có cơ quan đang hoạt động mã ${code}`, `no active agency has code ${code}`));
      else if (a.sector !== cls.sector || a.level !== cls.level) errs.push(fieldError(`delegateClass.agencyCodes[${i}]`, `${a.name} không thuộc nhóm cơ quan được ủy quyền`, `${a.nameEn} is not of the delegated class`));
      else listed.push(a);
    }
  }
  for (const k of ['validFrom', 'decisionDate'] as const) if (!DATE.test(input[k])) errs.push(fieldError(k, 'phải là ngày dạng YYYY-MM-DD', 'must be a date YYYY-MM-DD'));
  if (input.validTo && !DATE.test(input.validTo)) errs.push(fieldError('validTo', 'phải là ngày dạng YYYY-MM-DD', 'must be a date YYYY-MM-DD'));
  if (input.validTo && DATE.test(input.validFrom) && input.validTo < input.validFrom) errs.push(fieldError('validTo', 'phải từ ngày bắt đầu trở đi', 'must not be before the start date'));
  if (DATE.test(input.decisionDate) && DATE.test(input.validFrom) && input.decisionDate > input.validFrom) errs.push(fieldError('decisionDate', 'quyết định phải ban hành trước hoặc vào ngày có hiệu lực', 'the decision must be dated on or before the start date'));
  if (!input.procedureCodes.length && !input.fieldCode) errs.push(fieldError('procedureCodes', 'hãy chọn thủ tục hoặc cả lĩnh vực được ủy quyền', 'choose the procedures or the whole field delegated'));
  if (!input.decisionNo.trim()) errs.push(fieldError('decisionNo', 'là trường bắt buộc', 'is required'));
  if (!input.signer.trim()) errs.push(fieldError('signer', 'là trường bắt buộc', 'is required'));
  // The authority must be the one that legally decides each procedure (its sector and level).
  if (authority) {
    for (const [i, code] of input.procedureCodes.entries()) {
      const v = (DATE.test(input.validFrom) ? await versionOn(tx, code, input.validFrom) : undefined) ?? await versionOn(tx, code);
      if (!v) errs.push(fieldError(`procedureCodes[${i}]`, `không có thủ tục mã ${code}`, `no procedure has code ${code}`));
      else if (v.definition.sector !== authority.sector || v.definition.level !== authority.level) {
        errs.push(fieldError(`procedureCodes[${i}]`, `${authority.name} không phải cơ quan có thẩm quyền giải quyết thủ tục ${code}`, `${authority.nameEn} does not decide procedure ${code}`));
      }
    }
    if (input.fieldCode && !(await coveredCodes(tx, authority, [], input.fieldCode)).size) {
      errs.push(fieldError('fieldCode', `${authority.name} không giải quyết thủ tục nào thuộc lĩnh vực này`, `${authority.nameEn} decides no procedure of this field`));
    }
  }
  if (errs.length) throw problems.validation(errs);
  if (!extra.skipManageCheck && !(await canManage(tx, p, authority!.id))) {
    throw problems.forbidden('Bạn không có quyền quản lý ủy quyền của cơ quan này.', 'You may not manage this agency\'s delegations.');
  }
  // One writer per authority at a time, so two overlapping delegations cannot both pass the check.
  await sql`select pg_advisory_xact_lock(hashtext(${'authority_delegation:' + authority!.id}))`.execute(tx);
  const codes = [...new Set(input.procedureCodes)];
  await checkNoOverlap(tx, authority!, await coveredCodes(tx, authority!, codes, input.fieldCode ?? null), input.fieldCode ?? null, input.validFrom, input.validTo ?? null);
  const r = await tx.insertInto('authority_delegation').values({
    authority_id: authority!.id, delegate_id: delegate?.id ?? null, delegate_sector: cls?.sector ?? null, delegate_level: cls?.level ?? null, delegate_ids: listed.map((a) => a.id),
    procedure_codes: codes, field_code: input.fieldCode ?? null,
    valid_from: input.validFrom, valid_to: input.validTo ?? null, planned_valid_to: input.validTo ?? null,
    decision_no: input.decisionNo.trim(), decision_date: input.decisionDate, signer: input.signer.trim(), conditions: input.conditions?.trim() ?? '',
    created_by: p?.userId ?? null, revoked_at: null, revoked_by: null, revoke_reason: null, moved_from: extra.movedFrom ?? null, merger_id: extra.mergerId ?? null,
  }).returningAll().executeTakeFirstOrThrow();
  return present(tx, r);
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
const dayBefore = (d: string) => new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10);

async function agencyByCode(db: Executor, code: string): Promise<OrgUnit | undefined> {
  const a = await getAgencyByCode(db, code);
  return a && !a.validTo ? a : undefined;
}

/**
 * Revokes a delegation: its last day in force becomes `lastDay` (default yesterday, so dossiers
 * received from today go back to the authority), never later than the decision said and never
 * before the day before it started. The row stays, with who revoked it, when and why.
 */
export async function revokeDelegation(tx: Tx, p: Principal | null, id: string, input: { lastDay?: string; reason: string }): Promise<Delegation> {
  const r = await tx.selectFrom('authority_delegation').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!r) throw problems.notFound('ủy quyền', 'Delegation');
  if (!(await canManage(tx, p, r.authority_id))) throw problems.forbidden('Bạn không có quyền quản lý ủy quyền của cơ quan này.', 'You may not manage this agency\'s delegations.');
  if (r.revoked_at) throw problems.conflict('Ủy quyền này đã bị thu hồi.', 'This delegation was already revoked.');
  const errs: FieldError[] = [];
  if (input.lastDay && !DATE.test(input.lastDay)) errs.push(fieldError('lastDay', 'phải là ngày dạng YYYY-MM-DD', 'must be a date YYYY-MM-DD'));
  if (!input.reason.trim()) errs.push(fieldError('reason', 'là trường bắt buộc', 'is required'));
  if (errs.length) throw problems.validation(errs);
  let last = input.lastDay ?? dayBefore(localToday());
  if (last < dayBefore(r.valid_from)) last = dayBefore(r.valid_from);
  if (r.valid_to !== null && last > r.valid_to) {
    throw problems.validation([fieldError('lastDay', `không được sau ngày hết hiệu lực ${r.valid_to}`, `cannot be after the end date ${r.valid_to}`)]);
  }
  const u = await tx.updateTable('authority_delegation').set({ valid_to: last, revoked_at: new Date(), revoked_by: p?.userId ?? null, revoke_reason: input.reason.trim() })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  return present(tx, u);
}

// ---- mergers --------------------------------------------------------------------------------------

/** Delegations from or to the agencies (named, or listed in a class) that are still in force on or after `onDate` (merger preview). */
export async function delegationsTouching(db: Executor, agencyIds: string[], onDate: string): Promise<Delegation[]> {
  if (!agencyIds.length) return [];
  const rows = await db.selectFrom('authority_delegation').selectAll()
    .where((eb) => eb.or([eb('authority_id', 'in', agencyIds), eb('delegate_id', 'in', agencyIds), eb(sql<boolean>`delegate_ids && ${agencyIds}::uuid[]`, '=', true)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', onDate)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', eb.ref('valid_from'))])).execute();
  return Promise.all(rows.map((r) => present(db, r)));
}

/**
 * A merger: each delegation from or to a merged agency that is in force on or after `onDate`
 * ends the day before, and continues from `onDate` (or its own start, if later) with the
 * successor in place of the merged agency, under the same decision. A delegation between two
 * merged agencies, or between one and the successor, simply ends (an agency does not delegate
 * to itself); procedures the successor already delegates elsewhere are not delegated twice.
 * A class delegation follows its members by itself (the successor of merged wards is a ward);
 * a limited class lists the successor in place of the merged agencies, when it is of the class.
 */
export async function moveDelegations(tx: Tx, fromIds: string[], toId: string, onDate: string, mergerId: string): Promise<{ ended: number; continued: number }> {
  const rows = await tx.selectFrom('authority_delegation').selectAll()
    .where((eb) => eb.or([eb('authority_id', 'in', fromIds), eb('delegate_id', 'in', fromIds), eb(sql<boolean>`delegate_ids && ${fromIds}::uuid[]`, '=', true)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', onDate)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', eb.ref('valid_from'))]))
    .forUpdate().execute();
  const [successor] = await unitRows(tx, [toId]);
  let ended = 0;
  let continued = 0;
  const from = new Set(fromIds);
  for (const r of rows) {
    const start = maxDate(r.valid_from, onDate);
    await tx.updateTable('authority_delegation').set({ valid_to: dayBefore(start) }).where('id', '=', r.id).execute();
    ended++;
    const authorityId = from.has(r.authority_id) ? toId : r.authority_id;
    const delegateId = r.delegate_id && from.has(r.delegate_id) ? toId : r.delegate_id;
    if (authorityId === delegateId) continue;
    let delegateIds = r.delegate_ids;
    if (!r.delegate_id) {
      const ofClass = successor?.sector === r.delegate_sector && successor?.level === r.delegate_level;
      // The successor authority would be among its own delegates: the delegation ends.
      if (authorityId === toId && ofClass) continue;
      if (delegateIds.some((id) => from.has(id))) {
        delegateIds = [...new Set(delegateIds.filter((id) => !from.has(id)).concat(ofClass ? [toId] : []))];
        // An empty list would mean "every agency of the class": the delegation ends instead.
        if (!delegateIds.length) continue;
      }
    }
    const [authority] = await unitRows(tx, [authorityId]);
    if (!authority) throw new Error(`merger: agency ${authorityId} missing`);
    const auth = { id: authority.id, name: authority.name, nameEn: authority.nameEn, sector: authority.sector, level: authority.level } as OrgUnit;
    // Drop what the successor already delegates in this window (it may have merged two agencies delegating the same procedure).
    let codes = [...r.procedure_codes];
    let field = r.field_code;
    for (let i = 0; i < 50; i++) {
      try {
        await checkNoOverlap(tx, auth, await coveredCodes(tx, auth, codes, field), field, start, r.valid_to);
        break;
      } catch (e: any) {
        const other = e?.extra?.conflictingDelegationId as string | undefined;
        if (!other) throw e;
        const o = await tx.selectFrom('authority_delegation').selectAll().where('id', '=', other).executeTakeFirstOrThrow();
        const taken = await coveredCodes(tx, auth, o.procedure_codes, o.field_code);
        // Spell the field out as codes, then keep only what the successor does not delegate yet.
        codes = [...(await coveredCodes(tx, auth, codes, field))].filter((c) => !taken.has(c));
        field = null;
        if (!codes.length) break;
      }
    }
    if (!codes.length && !field) continue;
    await tx.insertInto('authority_delegation').values({
      authority_id: authorityId, delegate_id: delegateId, delegate_sector: r.delegate_sector, delegate_level: r.delegate_level, delegate_ids: delegateIds,
      procedure_codes: codes, field_code: field,
      valid_from: start, valid_to: r.valid_to, planned_valid_to: r.planned_valid_to, decision_no: r.decision_no, decision_date: r.decision_date,
      signer: r.signer, conditions: r.conditions, created_by: null, revoked_at: null, revoked_by: null, revoke_reason: null, moved_from: r.id, merger_id: mergerId,
    }).execute();
    continued++;
  }
  return { ended, continued };
}
