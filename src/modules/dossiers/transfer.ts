import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { ResolvedStep } from './lifecycle.ts';
import { OPEN_STATUSES } from './status.ts';
import './tables.ts';

/**
 * Moving open dossiers to another agency when agencies merge (sắp xếp đơn vị hành chính):
 * a dissolved agency's dossiers pass to its successor. Each moved dossier gets a 'transfer'
 * action (seq = new version) in the caller's transaction; the code, the due date and the
 * history stay as they were, so earlier actions still name the old units.
 */

declare module './tables.ts' {
  interface DossierTable {
    /** The delegation of authority the dossier was routed by (see delegation module), or null. */
    delegation: unknown;
    /** The signature block of the signed result (delegation/signature.ts), or null. */
    signature: unknown;
  }
}

export const transferActionName = { vi: 'Chuyển hồ sơ sang đơn vị kế thừa', en: 'Transferred to the successor unit' };

/** Open dossiers of the agencies (merger preview). */
export async function countOpenDossiers(db: Executor, agencyIds: string[]): Promise<number> {
  if (!agencyIds.length) return 0;
  const r = await db.selectFrom('dossier').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', 'in', agencyIds).where('status', 'in', [...OPEN_STATUSES]).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface TransferInput {
  fromAgencyId: string;
  toAgencyId: string;
  /** Old unit id → new unit id (agency, desk, leadership, divisions); units not listed stay. */
  unitMap: Map<string, string>;
  /** New unit names, for the resolved process kept on the dossier. */
  unitNames: Map<string, string>;
  actor: { id: string | null; name: string };
  /** Recorded in each transfer action (resolution number, merger id, agencies' names). */
  data: Record<string, unknown>;
  note: string;
}

/** Moves every open dossier of `fromAgencyId` to `toAgencyId`; returns the codes moved. */
export async function transferOpenDossiers(tx: Tx, t: TransferInput): Promise<string[]> {
  const rows = await tx.selectFrom('dossier').selectAll().where('agency_id', '=', t.fromAgencyId)
    .where('status', 'in', [...OPEN_STATUSES]).orderBy('id').forUpdate().execute();
  const moved: string[] = [];
  const now = new Date();
  const map = (id: string | null) => (id ? t.unitMap.get(id) ?? id : null);
  for (const d of rows) {
    const process = (d.process as ResolvedStep[] | null)?.map((s) => {
      const unitId = map(s.unitId)!;
      return { ...s, unitId, unitName: t.unitNames.get(unitId) ?? s.unitName };
    }) ?? null;
    const seq = d.version + 1;
    const toUnit = map(d.step_unit_id);
    await tx.updateTable('dossier').set({
      agency_id: t.toAgencyId, step_unit_id: toUnit, version: seq,
      process: process ? (JSON.stringify(process) as any) : null,
    }).where('id', '=', d.id).execute();
    await tx.insertInto('dossier_action').values({
      dossier_id: d.id, seq, action: 'transfer', actor_id: t.actor.id, actor_name: t.actor.name, actor_role: null, at: now,
      from_status: d.status, to_status: d.status, from_step: d.current_step, to_step: d.current_step,
      from_unit_id: d.step_unit_id, to_unit_id: toUnit, to_assignee_id: d.step_assignee_id, step_due_at: null, note: t.note,
      data: JSON.stringify({ ...t.data, fromAgencyId: t.fromAgencyId, toAgencyId: t.toAgencyId }),
    }).execute();
    moved.push(d.code);
  }
  return moved;
}

/** Dossiers' agency ids that are still open under any of the units (tests and previews). */
export async function openDossierCodes(db: Executor, agencyId: string): Promise<string[]> {
  const r = await sql<{ code: string }>`select code from dossier where agency_id = ${agencyId} and status = any(${[...OPEN_STATUSES]}::smallint[]) order by code`.execute(db);
  return r.rows.map((x) => x.code);
}
