import type { Role } from '../../src/platform/http/principal.ts';

export const CATP = '000.00.11.H26';
export const BADINH = '000.04.01.H26';
export const DEMO_PASSWORD = 'motcua2026';
/** Password chosen at first sign-in by the accounts the matrix creates. */
export const NEW_PASSWORD = 'gió mùa đông bắc tràn về';

/**
 * Who the authorisation matrix tries. The fixture dossier is An's, at the city police (Công an
 * thành phố, 000.00.11.H26): "own" actors work there; the "X" actors hold the same role at another
 * agency (UBND / Công an phường Ba Đình). Bình is another citizen. `admin` administers the whole
 * city (system and catalog administrator on the city People's Committee); the agency administrators
 * are created by `admin` through the staff administration API before the matrix runs.
 */
export interface Actor {
  username?: string;
  kind: 'anon' | 'citizen' | 'staff';
  role?: Role;
  /** Works at the fixture dossier's agency. */
  ownAgency: boolean;
  /** Created by the test (agency code of the role's unit); signs in with NEW_PASSWORD. */
  createdAt?: string;
  fullName?: string;
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
  // Administrators of one agency (system administrators must use TOTP: they enrol at first sign-in).
  sysadmin: { username: 'catp.quantri', kind: 'staff', role: 'system_admin', ownAgency: true, createdAt: CATP, fullName: 'Kiều Văn Sơn' },
  sysadminX: { username: 'badinh.quantri', kind: 'staff', role: 'system_admin', ownAgency: false, createdAt: BADINH, fullName: 'Lương Thị Hằng' },
  catalog: { username: 'catp.danhmuc', kind: 'staff', role: 'catalog_admin', ownAgency: true, createdAt: CATP, fullName: 'Phan Đức Toàn' },
  catalogX: { username: 'badinh.danhmuc', kind: 'staff', role: 'catalog_admin', ownAgency: false, createdAt: BADINH, fullName: 'Đặng Thu Hương' },
} as const satisfies Record<string, Actor>;

export type ActorName = keyof typeof ACTORS;
export const actor = (n: ActorName): Actor => ACTORS[n];
export const actorNames = Object.keys(ACTORS) as ActorName[];
export const staffActors = actorNames.filter((n) => actor(n).kind === 'staff');
export const citizens: ActorName[] = ['an', 'binh'];
export const signedIn = actorNames.filter((n) => n !== 'anon');
export const passwordOf = (n: ActorName) => (actor(n).createdAt ? NEW_PASSWORD : DEMO_PASSWORD);

const ADMIN_ROLES: Role[] = ['system_admin', 'catalog_admin'];
/** Staff who work on dossiers (administrators administer: their role opens no dossier). */
export const dossierStaff = staffActors.filter((n) => !ADMIN_ROLES.includes(actor(n).role!));
/** Dossier staff of the fixture dossier's agency. */
export const ownStaff = dossierStaff.filter((n) => actor(n).ownAgency);
/** System administrators: the city level (`admin`) and one per agency. */
export const systemAdmins: ActorName[] = ['admin', 'sysadmin', 'sysadminX'];
