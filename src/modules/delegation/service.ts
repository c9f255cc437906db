import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { problems, fieldError, type FieldError } from '../../platform/http/problem.ts';
import { getOrgUnit, getAgencyByCode, agencyOf, type OrgUnit } from '../agencies/service.ts';
import { localToday, searchProcedures, versionOn } from '../catalog/service.ts';
import './tables.ts';

/**
 * Delegation of authority (ủy quyền) as data. The question the rest of the system asks is
 * `delegationInForce`: on this local date, has the agency that legally decides this procedure
 * delegated it, and to whom? Validation keeps the answer unique: one authority never has two
 * delegations of the same procedure in force on the same day.
 */

export interface Delegation {
  id: string;
  authority: { id: string; code: string; name: string; nameEn: string; headTitleFull: string | null };
  delegate: { id: string; code: string; name: string; nameEn: string; headTitleFull: string | null };
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

const unitRef = (u: OrgUnit | undefined, id: string) => ({ id, code: u?.code ?? '', name: u?.name ?? '', nameEn: u?.nameEn ?? '', headTitleFull: u?.headTitleFull ?? null });

async function present(db: Executor, r: Row, asOf = localToday()): Promise<Delegation> {
  const empty = r.valid_to !== null && r.valid_to < r.valid_from;
  const state = r.revoked_at && (empty || (r.valid_to !== null && r.valid_to < asOf)) ? 'revoked'
    : r.valid_to !== null && r.valid_to < asOf ? 'ended' : r.valid_from > asOf ? 'scheduled' : 'in_force';
  return {
    id: r.id, authority: unitRef(await getOrgUnit(db, r.authority_id), r.authority_id), delegate: unitRef(await getOrgUnit(db, r.delegate_id), r.delegate_id),
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

/** Delegations in force on `onDate` naming `delegateId` for this procedure: lets B's desk or a citizen name B directly. */
export async function delegationTo(db: Executor, delegateId: string, procedureCode: string, fieldCode: string | null, onDate = localToday()): Promise<Delegation | undefined> {
  const r = await db.selectFrom('authority_delegation').selectAll()
    .where('delegate_id', '=', delegateId).where('valid_from', '<=', onDate)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', onDate)]))
    .where((eb) => eb.or([eb(sql<string>`${procedureCode}`, '=', sql<string>`any(procedure_codes)`), ...(fieldCode ? [eb('field_code', '=', fieldCode)] : [])]))
    .orderBy('valid_from', 'desc').limit(1).executeTakeFirst();
  return r ? present(db, r, onDate) : undefined;
}

export interface DelegationFilter { authorityCode?: string; delegateCode?: string; procedureCode?: string; state?: Delegation['state']; asOf?: string }

export async function listDelegations(db: Executor, f: DelegationFilter = {}): Promise<Delegation[]> {
  let q = db.selectFrom('authority_delegation as d').selectAll('d');
  if (f.authorityCode) q = q.innerJoin('org_unit as a', 'a.id', 'd.authority_id').where('a.code', '=', f.authorityCode);
  if (f.delegateCode) q = q.innerJoin('org_unit as b', 'b.id', 'd.delegate_id').where('b.code', '=', f.delegateCode);
  if (f.procedureCode) q = q.where(sql<boolean>`${f.procedureCode} = any(d.procedure_codes)`);
  const rows = await q.orderBy('d.valid_from', 'desc').orderBy('d.created_at', 'desc').limit(500).execute();
  const out = await Promise.all(rows.map((r) => present(db, r as Row, f.asOf)));
  return f.state ? out.filter((d) => d.state === f.state) : out;
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
  delegateCode: string;
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
  const delegate = await agencyByCode(tx, input.delegateCode);
  if (!authority) errs.push(fieldError('authorityCode', `không có cơ quan đang hoạt động mã ${input.authorityCode}`, `no active agency has code ${input.authorityCode}`));
  if (!delegate) errs.push(fieldError('delegateCode', `không có cơ quan đang hoạt động mã ${input.delegateCode}`, `no active agency has code ${input.delegateCode}`));
  if (authority && delegate && authority.id === delegate.id) errs.push(fieldError('delegateCode', 'cơ quan được ủy quyền phải khác cơ quan ủy quyền', 'the delegate must differ from the delegating authority'));
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
    authority_id: authority!.id, delegate_id: delegate!.id, procedure_codes: codes, field_code: input.fieldCode ?? null,
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

/** Delegations from or to the agencies that are still in force on or after `onDate` (merger preview). */
export async function delegationsTouching(db: Executor, agencyIds: string[], onDate: string): Promise<Delegation[]> {
  if (!agencyIds.length) return [];
  const rows = await db.selectFrom('authority_delegation').selectAll()
    .where((eb) => eb.or([eb('authority_id', 'in', agencyIds), eb('delegate_id', 'in', agencyIds)]))
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
 */
export async function moveDelegations(tx: Tx, fromIds: string[], toId: string, onDate: string, mergerId: string): Promise<{ ended: number; continued: number }> {
  const rows = await tx.selectFrom('authority_delegation').selectAll()
    .where((eb) => eb.or([eb('authority_id', 'in', fromIds), eb('delegate_id', 'in', fromIds)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', onDate)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', eb.ref('valid_from'))]))
    .forUpdate().execute();
  let ended = 0;
  let continued = 0;
  const from = new Set(fromIds);
  for (const r of rows) {
    const start = maxDate(r.valid_from, onDate);
    await tx.updateTable('authority_delegation').set({ valid_to: dayBefore(start) }).where('id', '=', r.id).execute();
    ended++;
    const authorityId = from.has(r.authority_id) ? toId : r.authority_id;
    const delegateId = from.has(r.delegate_id) ? toId : r.delegate_id;
    if (authorityId === delegateId) continue;
    const authority = (await tx.selectFrom('org_unit').selectAll().where('id', '=', authorityId).executeTakeFirstOrThrow());
    const auth = { id: authority.id, name: authority.name, nameEn: authority.name_en, sector: authority.sector, level: authority.level } as OrgUnit;
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
      authority_id: authorityId, delegate_id: delegateId, procedure_codes: codes, field_code: field,
      valid_from: start, valid_to: r.valid_to, planned_valid_to: r.planned_valid_to, decision_no: r.decision_no, decision_date: r.decision_date,
      signer: r.signer, conditions: r.conditions, created_by: null, revoked_at: null, revoked_by: null, revoke_reason: null, moved_from: r.id, merger_id: mergerId,
    }).execute();
    continued++;
  }
  return { ended, continued };
}
