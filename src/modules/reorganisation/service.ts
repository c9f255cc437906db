import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { problems, fieldError, type FieldError } from '../../platform/http/problem.ts';
import { invalidateOrgCache } from '../agencies/service.ts';
import { activeChildren, agencyRowByCode, createAgencyLike, dissolveUnits, unitMapping, unitRows, type UnitRow } from '../agencies/succession.ts';
import { localToday } from '../catalog/service.ts';
import { delegationsTouching, moveDelegations } from '../delegation/service.ts';
import { countOpenDossiers, transferOpenDossiers } from '../dossiers/transfer.ts';
import { ensureAdminUnit, recordSuccession } from '../geo/succession.ts';
import { getAdminUnit } from '../geo/service.ts';
import { countGrantsOn, moveGrants } from '../identity/grants.ts';
import './tables.ts';

/**
 * Mergers of agencies (A and B become C on D). Applying one, in a single transaction:
 * open dossiers of A and B move to C (each with a 'transfer' action), staff role grants on A's
 * and B's units move to C's matching units, delegations of authority from or to A and B continue
 * under C, A and B (and their desks, divisions) are dissolved with C as successor, and the
 * administrative units they served get C's unit as successor. Closed dossiers and the action
 * log are not touched, so history keeps the old names. Applying twice changes nothing.
 */

export interface NewTarget {
  code: string;
  name: string;
  nameEn: string;
  address?: string | null;
  /** The administrative unit the new agency serves, when the resolution creates one too. */
  adminUnit?: { code: string; name: string; nameEn: string; fullName: string; fullNameEn: string } | null;
}

export interface MergerInput {
  resolutionNo: string;
  resolutionDate?: string | null;
  effectiveOn: string;
  sourceCodes: string[];
  targetCode?: string | null;
  targetNew?: NewTarget | null;
  note?: string;
}

export interface Merger {
  id: string;
  resolutionNo: string;
  resolutionDate: string | null;
  effectiveOn: string;
  sources: { id: string; code: string; name: string; dissolvedOn: string | null }[];
  target: { id: string | null; code: string; name: string; isNew: boolean };
  note: string;
  status: 'recorded' | 'applied' | 'cancelled';
  createdAt: string;
  appliedAt: string | null;
  result: MergerResult | null;
}

export interface MergerResult {
  dossiers: { from: string; codes: string[] }[];
  grantsMoved: number;
  delegations: { ended: number; continued: number };
  unitsDissolved: number;
  adminUnitsSucceeded: number;
  createdTargetId: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function present(db: Executor, r: any): Promise<Merger> {
  const units = await unitRows(db, [...r.source_ids, ...(r.target_id ? [r.target_id] : [])]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const tn = r.target_new as NewTarget | null;
  const t = r.target_id ? byId.get(r.target_id) : undefined;
  return {
    id: r.id, resolutionNo: r.resolution_no, resolutionDate: r.resolution_date, effectiveOn: r.effective_on,
    sources: r.source_ids.map((id: string) => ({ id, code: byId.get(id)?.code ?? '', name: byId.get(id)?.name ?? '', dissolvedOn: byId.get(id)?.validTo ?? null })),
    target: { id: r.target_id, code: t?.code ?? tn?.code ?? '', name: t?.name ?? tn?.name ?? '', isNew: !!tn },
    note: r.note, status: r.status, createdAt: r.created_at.toISOString(), appliedAt: r.applied_at?.toISOString() ?? null, result: r.result ?? null,
  };
}

export async function listMergers(db: Executor): Promise<Merger[]> {
  const rows = await db.selectFrom('unit_merger').selectAll().orderBy('effective_on', 'desc').orderBy('created_at', 'desc').limit(200).execute();
  return Promise.all(rows.map((r) => present(db, r)));
}

export async function getMerger(db: Executor, id: string): Promise<Merger | undefined> {
  const r = await db.selectFrom('unit_merger').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? present(db, r) : undefined;
}

/** Checks and records a merger (not yet applied). */
export async function recordMerger(tx: Tx, userId: string | null, input: MergerInput): Promise<Merger> {
  const errs: FieldError[] = [];
  if (!input.resolutionNo.trim()) errs.push(fieldError('resolutionNo', 'là trường bắt buộc', 'is required'));
  if (!DATE.test(input.effectiveOn)) errs.push(fieldError('effectiveOn', 'phải là ngày dạng YYYY-MM-DD', 'must be a date YYYY-MM-DD'));
  if (input.resolutionDate && !DATE.test(input.resolutionDate)) errs.push(fieldError('resolutionDate', 'phải là ngày dạng YYYY-MM-DD', 'must be a date YYYY-MM-DD'));
  if (!!input.targetCode === !!input.targetNew) errs.push(fieldError('targetCode', 'hãy chọn cơ quan kế thừa có sẵn hoặc khai báo cơ quan mới (chỉ một)', 'name an existing successor or describe a new one (exactly one)'));
  let target: UnitRow | undefined;
  if (input.targetCode) {
    target = await agencyRowByCode(tx, input.targetCode);
    if (!target || target.validTo) errs.push(fieldError('targetCode', `không có cơ quan đang hoạt động mã ${input.targetCode}`, `no active agency has code ${input.targetCode}`));
  }
  const sources: UnitRow[] = [];
  for (const [i, code] of [...new Set(input.sourceCodes)].entries()) {
    if (code === input.targetCode) continue; // "A and B become A": A is the successor, not dissolved
    const s = await agencyRowByCode(tx, code);
    if (!s || s.validTo) errs.push(fieldError(`sourceCodes[${i}]`, `không có cơ quan đang hoạt động mã ${code}`, `no active agency has code ${code}`));
    else sources.push(s);
  }
  if (!sources.length && !errs.length) errs.push(fieldError('sourceCodes', 'cần ít nhất một cơ quan bị sáp nhập (khác cơ quan kế thừa)', 'name at least one agency merged into the successor'));
  const kinds = new Set([...sources, ...(target ? [target] : [])].map((u) => `${u.sector}|${u.level}`));
  if (kinds.size > 1) errs.push(fieldError('sourceCodes', 'các cơ quan hợp nhất phải cùng loại và cùng cấp', 'the merged agencies must be of the same kind and level'));
  if (input.targetNew) {
    const n = input.targetNew;
    if (!/^[0-9A-Za-z.]{3,40}$/.test(n.code)) errs.push(fieldError('targetNew.code', 'mã cơ quan không hợp lệ', 'invalid agency code'));
    else if (await agencyRowByCode(tx, n.code)) errs.push(fieldError('targetNew.code', `mã ${n.code} đã được dùng`, `code ${n.code} is already used`));
    if (!n.name.trim()) errs.push(fieldError('targetNew.name', 'là trường bắt buộc', 'is required'));
    if (n.adminUnit && !/^\d{2,5}$/.test(n.adminUnit.code)) errs.push(fieldError('targetNew.adminUnit.code', 'mã đơn vị hành chính không hợp lệ', 'invalid administrative unit code'));
  }
  if (errs.length) throw problems.validation(errs);
  const ids = sources.map((s) => s.id);
  const pending = await tx.selectFrom('unit_merger').select(['resolution_no']).where('status', '=', 'recorded')
    .where(sql<boolean>`source_ids && ${ids}::uuid[]`).executeTakeFirst();
  if (pending) throw problems.conflict(`Một cơ quan đã có trong phương án sáp nhập khác chưa thực hiện (${pending.resolution_no}).`, `An agency is already part of another pending merger (${pending.resolution_no}).`);
  const r = await tx.insertInto('unit_merger').values({
    resolution_no: input.resolutionNo.trim(), resolution_date: input.resolutionDate ?? null, effective_on: input.effectiveOn,
    source_ids: ids, target_id: target?.id ?? null, target_new: input.targetNew ? JSON.stringify(input.targetNew) : null,
    note: input.note?.trim() ?? '', created_by: userId, applied_at: null, applied_by: null, result: null,
  }).returningAll().executeTakeFirstOrThrow();
  return present(tx, r);
}

export interface MergerPreview {
  merger: Merger;
  openDossiers: { agency: string; count: number }[];
  grants: number;
  delegations: { id: string; decisionNo: string; authority: string; delegate: string }[];
  units: number;
  createsAgency: boolean;
  adminUnits: { code: string; successor: string }[];
  due: boolean;
}

/** What applying the merger would move (counts; nothing is written). */
export async function previewMerger(db: Executor, id: string): Promise<MergerPreview> {
  const m = await getMerger(db, id);
  if (!m) throw problems.notFound('phương án sáp nhập', 'Merger');
  const srcIds = m.sources.map((s) => s.id);
  const subs = await activeChildren(db, srcIds);
  const unitIds = [...srcIds, ...subs.map((s) => s.id)];
  const openDossiers = [];
  for (const s of m.sources) openDossiers.push({ agency: s.name, count: m.status === 'applied' ? 0 : await countOpenDossiers(db, [s.id]) });
  const dels = m.status === 'applied' ? [] : await delegationsTouching(db, srcIds, m.effectiveOn);
  const srcRows = await unitRows(db, srcIds);
  const targetAdmin = m.target.id ? (await unitRows(db, [m.target.id]))[0]?.adminUnitCode ?? null : ((await db.selectFrom('unit_merger').select('target_new').where('id', '=', id).executeTakeFirst())?.target_new as NewTarget | null)?.adminUnit?.code ?? null;
  const adminUnits = targetAdmin ? [...new Set(srcRows.map((s) => s.adminUnitCode).filter((c): c is string => !!c && c !== targetAdmin))].map((code) => ({ code, successor: targetAdmin })) : [];
  return {
    merger: m, openDossiers, grants: m.status === 'applied' ? 0 : await countGrantsOn(db, unitIds),
    delegations: dels.map((d) => ({ id: d.id, decisionNo: d.decisionNo, authority: d.authority.name, delegate: d.delegate.name })),
    units: m.status === 'applied' ? 0 : unitIds.length, createsAgency: m.target.isNew && !m.target.id, adminUnits, due: m.effectiveOn <= localToday(),
  };
}

/**
 * Applies a recorded merger whose date has come. Returns `changed: false` when it was applied
 * already (or is cancelled): re-running does nothing. Call `invalidateOrgCache()` after commit.
 */
export async function applyMerger(tx: Tx, id: string, actor: { id: string | null; name: string }, today = localToday()): Promise<{ changed: boolean; merger: Merger }> {
  const r = await tx.selectFrom('unit_merger').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!r) throw problems.notFound('phương án sáp nhập', 'Merger');
  if (r.status !== 'recorded') return { changed: false, merger: await present(tx, r) };
  if (r.effective_on > today) {
    throw problems.conflict(`Phương án có hiệu lực từ ngày ${r.effective_on}; hệ thống sẽ tự thực hiện vào ngày đó.`, `The merger takes effect on ${r.effective_on}; it will be applied automatically that day.`);
  }
  const D = r.effective_on;
  const sources = await unitRows(tx, r.source_ids);
  let targetId = r.target_id;
  let created: string | null = null;
  const tn = r.target_new as NewTarget | null;
  if (!targetId && tn) {
    let adminUnitCode = sources[0].adminUnitCode;
    if (tn.adminUnit) {
      if (!(await getAdminUnit(tx, tn.adminUnit.code)) && sources[0].adminUnitCode) {
        await ensureAdminUnit(tx, tn.adminUnit, sources[0].adminUnitCode, D, `merger ${r.resolution_no}`);
      }
      adminUnitCode = tn.adminUnit.code;
    }
    targetId = created = await createAgencyLike(tx, sources[0].id, { code: tn.code, name: tn.name, nameEn: tn.nameEn, adminUnitCode, address: tn.address ?? null }, D);
  }
  const target = (await unitRows(tx, [targetId!]))[0];
  const targetUnits = [{ id: target.id, name: target.name }, ...(await activeChildren(tx, [target.id]))];
  const names = new Map(targetUnits.map((u) => [u.id, u.name]));
  const result: MergerResult = { dossiers: [], grantsMoved: 0, delegations: { ended: 0, continued: 0 }, unitsDissolved: 0, adminUnitsSucceeded: 0, createdTargetId: created };
  for (const s of sources) {
    const map = await unitMapping(tx, s.id, target.id);
    const codes = await transferOpenDossiers(tx, {
      fromAgencyId: s.id, toAgencyId: target.id, unitMap: map, unitNames: names, actor,
      note: `Chuyển sang ${target.name} theo ${r.resolution_no} (sắp xếp đơn vị, hiệu lực ${D}).`,
      data: { mergerId: r.id, resolutionNo: r.resolution_no, effectiveOn: D, fromAgency: { code: s.code, name: s.name }, toAgency: { code: target.code, name: target.name } },
    });
    result.dossiers.push({ from: s.code, codes });
    result.grantsMoved += (await moveGrants(tx, map)).length;
    result.unitsDissolved += await dissolveUnits(tx, map, D);
  }
  result.delegations = await moveDelegations(tx, sources.map((s) => s.id), target.id, D, r.id);
  if (target.adminUnitCode) {
    const old = sources.map((s) => s.adminUnitCode).filter((c): c is string => !!c);
    result.adminUnitsSucceeded = await recordSuccession(tx, old, target.adminUnitCode, D, `merger ${r.resolution_no}`);
  }
  const u = await tx.updateTable('unit_merger').set({ status: 'applied', target_id: target.id, applied_at: new Date(), applied_by: actor.id, result: JSON.stringify(result) })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  invalidateOrgCache();
  return { changed: true, merger: await present(tx, u) };
}

/** Applies every recorded merger whose date has come (the daily job; also safe to run by hand). */
export async function applyDueMergers(db: import('../../platform/db/database.ts').Db, today = localToday()): Promise<number> {
  const due = await db.selectFrom('unit_merger').select('id').where('status', '=', 'recorded').where('effective_on', '<=', today).orderBy('effective_on').execute();
  let n = 0;
  for (const m of due) {
    const res = await db.transaction().execute((tx) => applyMerger(tx, m.id, { id: null, name: 'Hệ thống (tự động theo nghị quyết)' }, today));
    if (res.changed) n++;
  }
  invalidateOrgCache();
  return n;
}

export async function cancelMerger(tx: Tx, id: string): Promise<Merger> {
  const r = await tx.updateTable('unit_merger').set({ status: 'cancelled' }).where('id', '=', id).where('status', '=', 'recorded').returningAll().executeTakeFirst();
  if (!r) throw problems.conflict('Chỉ hủy được phương án chưa thực hiện.', 'Only a merger not yet applied can be cancelled.');
  return present(tx, r);
}
