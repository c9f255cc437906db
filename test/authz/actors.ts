import type { Role } from '../../src/platform/http/principal.ts';

/**
 * Who the authorisation matrix tries. The fixture dossier is An's, at the city police (Công an
 * thành phố, 000.00.11.H26): "own" actors work there; the "X" actors hold the same role at another
 * agency (UBND / Công an phường Ba Đình). Bình is another citizen.
 */
export interface Actor {
  username?: string;
  kind: 'anon' | 'citizen' | 'staff';
  role?: Role;
  /** Works at the fixture dossier's agency. */
  ownAgency: boolean;
}

export const ACTORS = {
  anon: { kind: 'anon', ownAgency: false },
  an: { username: '001090012345', kind: 'citizen', ownAgency: false },
  binh: { username: '001195006789', kind: 'citizen', ownAgency: false },
  desk: { username: 'catp.tiepnhan', kind: 'staff', role: 'desk_officer', ownAgency: true },
  deskX: { username: 'badinh.tiepnhan', kind: 'staff', role: 'desk_officer', ownAgency: false },
  officer: { username: 'catp.canbo', kind: 'staff', role: 'processing_officer', ownAgency: true },
  officerX: { username: 'badinh.chuyenvien', kind: 'staff', role: 'processing_officer', ownAgency: false },
  head: { username: 'catp.truongphong', kind: 'staff', role: 'head_of_division', ownAgency: true },
  headX: { username: 'badinh.truongphong', kind: 'staff', role: 'head_of_division', ownAgency: false },
  signer: { username: 'catp.lanhdao', kind: 'staff', role: 'signing_authority', ownAgency: true },
  signerX: { username: 'ca.badinh.truongca', kind: 'staff', role: 'signing_authority', ownAgency: false },
  supervisor: { username: 'catp.giamsat', kind: 'staff', role: 'supervisor', ownAgency: true },
  supervisorX: { username: 'badinh.chutich', kind: 'staff', role: 'supervisor', ownAgency: false },
  admin: { username: 'admin', kind: 'staff', role: 'system_admin', ownAgency: false },
} as const satisfies Record<string, Actor>;

export type ActorName = keyof typeof ACTORS;
export const actorNames = Object.keys(ACTORS) as ActorName[];
export const staffActors = actorNames.filter((n) => ACTORS[n].kind === 'staff');
export const citizens: ActorName[] = ['an', 'binh'];
export const signedIn = actorNames.filter((n) => n !== 'anon');
/** Staff of the fixture dossier's agency. */
export const ownStaff = staffActors.filter((n) => ACTORS[n].ownAgency);
