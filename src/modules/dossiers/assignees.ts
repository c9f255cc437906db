import type { Executor } from '../../platform/db/database.ts';
import { unitChain } from '../agencies/service.ts';
import { staffWithRole } from '../identity/service.ts';
import type { DossierRow } from './actions.ts';
import type { ResolvedStep } from './lifecycle.ts';

async function holders(db: Executor, step: ResolvedStep | undefined) {
  if (!step) return [];
  const chain = (await unitChain(db, step.unitId)).map((u) => u.id);
  return staffWithRole(db, step.role, chain);
}

/** Who can take the current step (assign) and the next one (forward). */
export async function nextAssignees(db: Executor, d: DossierRow) {
  const process = (d.process as ResolvedStep[] | null) ?? [];
  const cur = d.current_step ?? -1;
  return {
    current: cur >= 0 ? { step: cur, name: process[cur]?.name, role: process[cur]?.role, staff: await holders(db, process[cur]) } : null,
    next: process[cur + 1] ? { step: cur + 1, name: process[cur + 1].name, role: process[cur + 1].role, staff: await holders(db, process[cur + 1]) } : null,
    previous: cur > 0 ? { step: cur - 1, name: process[cur - 1].name, role: process[cur - 1].role, staff: await holders(db, process[cur - 1]) } : null,
  };
}
