import type { Tx } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import type { ActionName } from './lifecycle.ts';
import type { DossierRow } from './actions.ts';

/** A lifecycle action just written (inside its transaction). */
export interface DossierActionEvent {
  dossier: DossierRow;
  action: ActionName;
  fromStatus: number;
  data: unknown;
  note: string | null;
  actor: Principal;
}

export type DossierActionListener = (tx: Tx, e: DossierActionEvent) => Promise<void>;

const listeners: DossierActionListener[] = [];

/**
 * Lets another module react to dossier actions in the same transaction (e.g. an interconnected
 * application follows its child dossiers): the reaction commits or rolls back with the action.
 * Listeners register at import time; they must not throw for dossiers they do not follow.
 */
export function onDossierAction(listener: DossierActionListener): void {
  listeners.push(listener);
}

export async function emitDossierAction(tx: Tx, e: DossierActionEvent): Promise<void> {
  for (const l of listeners) await l(tx, e);
}
