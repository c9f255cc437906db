import crypto from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import type { Principal, Role } from '../../platform/http/principal.ts';
import { Problem, problems, fieldError } from '../../platform/http/problem.ts';
import { getAgencyByCode, getOrgUnit, subUnits, unitChain, type OrgUnit } from '../agencies/service.ts';
import { hashPassword, passwordProblems } from './passwords.ts';
import { forgetUser, revokeSessions } from './sessions.ts';
import { getPolicy } from './policy.ts';
import { lockState, unlock } from './lockout.ts';
import { recordAccountEvent } from './sign-in-audit.ts';
import { hasTotp, removeTotp } from './totp.ts';
import './security-tables.ts';

/**
 * Staff administration by system administrators, scoped to units. A system_admin grant on a unit
 * administers that unit and everything under it (an agency: its desk, leadership and divisions).
 * A system_admin of the city People's Committee (province-level people_committee agency)
 * administers every unit. A staff member is administrable when they hold at least one grant and
 * every one of their grants lies in the administrator's scope — someone who also works for an
 * agency outside the scope is left to an administrator covering both. Staff without any grant
 * are administered by the city level only.
 */
export const ROLES: Role[] = ['desk_officer', 'processing_officer', 'head_of_division', 'signing_authority', 'supervisor', 'catalog_admin', 'system_admin'];

export interface AdminScope { all: boolean; roots: string[] }

export function isCityLevel(u: OrgUnit | undefined): boolean {
  return !!u && u.kind === 'agency' && u.sector === 'people_committee' && u.level === 'province';
}

export async function adminScope(db: Executor, p: Principal | null): Promise<AdminScope> {
  if (!p || p.kind !== 'staff') return { all: false, roots: [] };
  const roots = p.roles.filter((g) => g.role === 'system_admin').map((g) => g.unitId);
  for (const id of roots) if (isCityLevel(await getOrgUnit(db, id))) return { all: true, roots };
  return { all: false, roots };
}

export async function requireAdmin(db: Executor, p: Principal | null): Promise<{ p: Principal; scope: AdminScope }> {
  if (!p) throw problems.unauthenticated();
  const scope = await adminScope(db, p);
  if (!scope.all && scope.roots.length === 0) throw problems.forbidden('Chức năng này dành cho quản trị hệ thống.', 'This is for system administrators.');
  return { p, scope };
}

export async function unitInScope(db: Executor, scope: AdminScope, unitId: string): Promise<boolean> {
  if (scope.all) return true;
  return (await unitChain(db, unitId)).some((u) => scope.roots.includes(u.id));
}

async function grantsOf(db: Executor, userId: string) {
  return db.selectFrom('role_grant').select(['role', 'unit_id']).where('user_id', '=', userId).execute();
}

export async function userInScope(db: Executor, scope: AdminScope, grants: { unit_id: string }[]): Promise<boolean> {
  if (scope.all) return true;
  if (grants.length === 0) return false;
  for (const g of grants) if (!(await unitInScope(db, scope, g.unit_id))) return false;
  return true;
}

interface StaffRow { id: string; username: string | null; full_name: string; title: string | null; email: string | null; disabled: boolean; must_change_password: boolean; demo_account: boolean; created_at: Date; id_number: string | null }

/** The target account, refused as "not found" when outside the administrator's scope (nothing leaks). */
export async function targetStaff(db: Executor, scope: AdminScope, userId: string): Promise<StaffRow & { grants: { role: string; unit_id: string }[] }> {
  const u = await db.selectFrom('app_user').select(['id', 'username', 'full_name', 'title', 'email', 'disabled', 'must_change_password', 'demo_account', 'created_at', 'id_number'])
    .where('id', '=', userId).where('kind', '=', 'staff').executeTakeFirst();
  if (!u) throw problems.notFound('cán bộ', 'Staff member');
  const grants = await grantsOf(db, u.id);
  if (!(await userInScope(db, scope, grants))) throw problems.notFound('cán bộ', 'Staff member');
  return { ...u, grants };
}

export interface GrantView { role: string; unitId: string; unitCode: string | null; unitName: string | null; unitNameEn: string | null; agencyName: string | null; inScope: boolean }

async function viewGrants(db: Executor, scope: AdminScope, grants: { role: string; unit_id: string }[]): Promise<GrantView[]> {
  const out: GrantView[] = [];
  for (const g of grants) {
    const chain = await unitChain(db, g.unit_id);
    const unit = chain[0];
    const agency = chain.find((u) => u.kind === 'agency');
    out.push({ role: g.role, unitId: g.unit_id, unitCode: unit?.code ?? null, unitName: unit?.name ?? null, unitNameEn: unit?.nameEn ?? null,
      agencyName: agency && agency !== unit ? agency.name : null, inScope: await unitInScope(db, scope, g.unit_id) });
  }
  return out.sort((a, b) => (a.unitCode ?? '').localeCompare(b.unitCode ?? '') || a.role.localeCompare(b.role));
}

export interface StaffListItem {
  id: string; username: string | null; fullName: string; title: string | null; email: string | null; disabled: boolean;
  mustChangePassword: boolean; totp: boolean; lockedUntil: string | null; lastSignInAt: string | null; roles: GrantView[];
}

export async function listStaff(db: Executor, scope: AdminScope, f: { q?: string; unitId?: string; limit: number; offset: number }): Promise<{ items: StaffListItem[]; total: number }> {
  let q = db.selectFrom('app_user').select(['id', 'username', 'full_name', 'title', 'email', 'disabled', 'must_change_password', 'id_number'])
    .where('kind', '=', 'staff').orderBy('full_name').orderBy('username');
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['username']), 'like', like), eb(eb.fn('lower', ['full_name']), 'like', like), eb(eb.fn('lower', ['email']), 'like', like)]));
  }
  const users = await q.execute();
  const grants = users.length ? await db.selectFrom('role_grant').select(['user_id', 'role', 'unit_id']).where('user_id', 'in', users.map((u) => u.id)).execute() : [];
  const byUser = new Map<string, { role: string; unit_id: string }[]>();
  for (const g of grants) byUser.set(g.user_id, [...(byUser.get(g.user_id) ?? []), g]);
  const visible = [];
  for (const u of users) {
    const gs = byUser.get(u.id) ?? [];
    if (!(await userInScope(db, scope, gs))) continue;
    if (f.unitId) {
      let under = false;
      for (const g of gs) if ((await unitChain(db, g.unit_id)).some((x) => x.id === f.unitId)) under = true;
      if (!under) continue;
    }
    visible.push({ u, gs });
  }
  const page = visible.slice(f.offset, f.offset + f.limit);
  const ids = page.map((v) => v.u.id);
  const totp = new Set(ids.length ? (await db.selectFrom('user_totp').select('user_id').where('user_id', 'in', ids).where('confirmed_at', 'is not', null).execute()).map((r) => r.user_id) : []);
  const last = new Map(ids.length ? (await db.selectFrom('sign_in_event').select(['user_id', (eb) => eb.fn.max('at').as('at')])
    .where('user_id', 'in', ids).where('outcome', '=', 'success').where('method', 'in', ['password', 'totp', 'recovery_code', 'eid']).groupBy('user_id').execute())
    .map((r) => [r.user_id!, r.at as Date]) : []);
  const items: StaffListItem[] = [];
  for (const { u, gs } of page) {
    const lock = await lockState(db, [u.username, u.id_number]);
    items.push({
      id: u.id, username: u.username, fullName: u.full_name, title: u.title, email: u.email, disabled: u.disabled, mustChangePassword: u.must_change_password,
      totp: totp.has(u.id), lockedUntil: lock.lockedUntil?.toISOString() ?? null, lastSignInAt: last.get(u.id)?.toISOString() ?? null,
      roles: await viewGrants(db, scope, gs),
    });
  }
  return { items, total: visible.length };
}

export async function staffDetail(db: Executor, scope: AdminScope, userId: string) {
  const u = await targetStaff(db, scope, userId);
  const lock = await lockState(db, [u.username, u.id_number]);
  return {
    id: u.id, username: u.username, fullName: u.full_name, title: u.title, email: u.email, disabled: u.disabled,
    mustChangePassword: u.must_change_password, demoAccount: u.demo_account, createdAt: u.created_at.toISOString(),
    totp: await hasTotp(db, u.id), lockedUntil: lock.lockedUntil?.toISOString() ?? null, recentFailures: lock.failures,
    roles: await viewGrants(db, scope, u.grants),
  };
}

/** A temporary password shown once to the administrator; the user must change it at first sign-in. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const s = Array.from({ length: 16 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12)}`;
}

async function checkGrantable(db: Executor, actor: Principal, scope: AdminScope, targetId: string, role: string, unitId: string): Promise<OrgUnit> {
  if (!ROLES.includes(role as Role)) throw problems.validation([fieldError('role', 'Vai trò không hợp lệ.', 'Unknown role.')]);
  const unit = await getOrgUnit(db, unitId);
  if (!unit || unit.validTo) throw problems.validation([fieldError('unitId', 'Đơn vị không tồn tại hoặc đã giải thể.', 'The unit does not exist or was dissolved.')]);
  if (!(await unitInScope(db, scope, unitId))) {
    throw problems.forbidden('Bạn chỉ được phân quyền trên các đơn vị mình quản trị.', 'You may only grant roles on units you administer.');
  }
  if (targetId === actor.userId && role === 'system_admin') {
    throw problems.forbidden('Không ai được tự cấp quyền quản trị hệ thống cho mình.', 'Nobody may grant themselves the system administrator role.');
  }
  return unit;
}

export interface NewStaff { username: string; fullName: string; title?: string | null; email?: string | null; role: string; unitId: string }

export async function createStaff(db: Executor, actor: Principal, scope: AdminScope, s: NewStaff): Promise<{ id: string; temporaryPassword: string }> {
  const username = s.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{2,49}$/.test(username)) {
    throw problems.validation([fieldError('username', 'Tên đăng nhập gồm 3–50 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.', 'A username has 3–50 letters (no diacritics), digits, dots, hyphens or underscores.')]);
  }
  if (/^\d{12}$/.test(username)) throw problems.validation([fieldError('username', 'Tên đăng nhập không được là một số định danh cá nhân.', 'A username cannot be a personal ID number.')]);
  await checkGrantable(db, actor, scope, '', s.role, s.unitId);
  const taken = await db.selectFrom('app_user').select('id').where((eb) => eb.or([eb('username', '=', username), eb('id_number', '=', username)])).executeTakeFirst();
  if (taken) throw problems.conflict('Tên đăng nhập này đã có người dùng.', 'This username is already taken.', { errors: [fieldError('username', 'Đã có người dùng.', 'Already taken.')] });
  const temp = temporaryPassword();
  const u = await db.insertInto('app_user').values({
    kind: 'staff', username, password_hash: await hashPassword(temp), full_name: s.fullName.trim(), title: s.title?.trim() || null, email: s.email?.trim() || null,
    id_number: null, date_of_birth: null, sex: null, phone: null, address: null, eid_level: null, must_change_password: true, password_changed_at: new Date(), disabled_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_grant').values({ user_id: u.id, role: s.role, unit_id: s.unitId }).execute();
  await recordAccountEvent(db, actor.userId, u.id, 'staff_created', { username, fullName: s.fullName, title: s.title ?? null, email: s.email ?? null });
  await recordAccountEvent(db, actor.userId, u.id, 'role_granted', { role: s.role, unitId: s.unitId });
  return { id: u.id, temporaryPassword: temp };
}

export async function updateStaff(db: Executor, actor: Principal, scope: AdminScope, userId: string, f: { fullName: string; title?: string | null; email?: string | null }) {
  const u = await targetStaff(db, scope, userId);
  await db.updateTable('app_user').set({ full_name: f.fullName.trim(), title: f.title?.trim() || null, email: f.email?.trim() || null }).where('id', '=', u.id).execute();
  await recordAccountEvent(db, actor.userId, u.id, 'profile_updated', { before: { fullName: u.full_name, title: u.title, email: u.email }, after: f });
  forgetUser(u.id);
}

export async function grantRole(db: Executor, actor: Principal, scope: AdminScope, userId: string, role: string, unitId: string): Promise<boolean> {
  const u = await targetStaff(db, scope, userId);
  await checkGrantable(db, actor, scope, u.id, role, unitId);
  const r = await db.insertInto('role_grant').values({ user_id: u.id, role, unit_id: unitId }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  const added = Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  if (added) await recordAccountEvent(db, actor.userId, u.id, 'role_granted', { role, unitId });
  forgetUser(u.id);
  return added;
}

export async function revokeRole(db: Executor, actor: Principal, scope: AdminScope, userId: string, role: string, unitId: string): Promise<void> {
  const u = await targetStaff(db, scope, userId);
  if (!(await unitInScope(db, scope, unitId))) throw problems.forbidden('Bạn chỉ được thu hồi quyền trên các đơn vị mình quản trị.', 'You may only revoke roles on units you administer.');
  if (u.id === actor.userId && role === 'system_admin') {
    throw problems.forbidden('Không thể tự thu hồi quyền quản trị hệ thống của mình; hãy nhờ một quản trị viên khác.', 'You cannot remove your own system administrator role; ask another administrator.');
  }
  const r = await db.deleteFrom('role_grant').where('user_id', '=', u.id).where('role', '=', role).where('unit_id', '=', unitId).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw problems.notFound('quyền này', 'This grant');
  await recordAccountEvent(db, actor.userId, u.id, 'role_revoked', { role, unitId });
  forgetUser(u.id);
}

export async function setDisabled(db: Executor, actor: Principal, scope: AdminScope, userId: string, disabled: boolean): Promise<void> {
  const u = await targetStaff(db, scope, userId);
  if (u.id === actor.userId) throw problems.forbidden('Không thể tự khóa tài khoản của mình.', 'You cannot disable your own account.');
  await db.updateTable('app_user').set({ disabled, disabled_at: disabled ? new Date() : null }).where('id', '=', u.id).execute();
  if (disabled) await revokeSessions(db, u.id, { by: actor.userId });
  await recordAccountEvent(db, actor.userId, u.id, disabled ? 'disabled' : 'enabled');
  forgetUser(u.id);
}

/** A new temporary password (shown once), to be changed at the next sign-in; every session of the user ends. */
export async function resetPassword(db: Executor, actor: Principal, scope: AdminScope, userId: string): Promise<string> {
  const u = await targetStaff(db, scope, userId);
  if (u.id === actor.userId) throw problems.forbidden('Hãy đổi mật khẩu của mình ở trang Tài khoản.', 'Change your own password on the Account page.');
  const temp = temporaryPassword();
  // Sanity: the generator's output satisfies the policy (length, not common).
  const policy = await getPolicy(db);
  if (passwordProblems(temp, { minLength: policy.passwordMinLength }).length) throw new Problem(500, 'internal', 'Không tạo được mật khẩu tạm.', 'Could not make a temporary password.');
  await db.updateTable('app_user').set({ password_hash: await hashPassword(temp), must_change_password: true, password_changed_at: new Date() }).where('id', '=', u.id).execute();
  await revokeSessions(db, u.id, { by: actor.userId });
  await recordAccountEvent(db, actor.userId, u.id, 'password_reset');
  return temp;
}

export async function resetTotp(db: Executor, actor: Principal, scope: AdminScope, userId: string): Promise<boolean> {
  const u = await targetStaff(db, scope, userId);
  const had = await removeTotp(db, u.id);
  await revokeSessions(db, u.id, { by: actor.userId });
  await recordAccountEvent(db, actor.userId, u.id, 'totp_reset', { hadTotp: had });
  return had;
}

export async function unlockStaff(db: Executor, actor: Principal, scope: AdminScope, userId: string): Promise<boolean> {
  const u = await targetStaff(db, scope, userId);
  const was = await unlock(db, [u.username, u.id_number]);
  await recordAccountEvent(db, actor.userId, u.id, 'unlocked', { wasLocked: was });
  return was;
}

export async function revokeStaffSessions(db: Executor, actor: Principal, scope: AdminScope, userId: string): Promise<number> {
  const u = await targetStaff(db, scope, userId);
  const n = await revokeSessions(db, u.id, { by: actor.userId });
  await recordAccountEvent(db, actor.userId, u.id, 'sessions_revoked', { count: n });
  return n;
}

/** Units the administrator may grant roles on: agencies in scope (matching q) with their internal units. */
export async function grantableUnits(db: Executor, scope: AdminScope, listAgencies: (q?: string) => Promise<OrgUnit[]>, q?: string) {
  const byCode = q && /^\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}$/.test(q.trim()) ? await getAgencyByCode(db, q.trim().toUpperCase()) : undefined;
  const agencies = scope.all ? (byCode ? [byCode] : await listAgencies(q))
    : (await Promise.all(scope.roots.map((id) => getOrgUnit(db, id)))).filter((u): u is OrgUnit => !!u);
  const out = [];
  for (const a of agencies.slice(0, 30)) {
    const children = a.kind === 'agency' ? await subUnits(db, a.id) : [];
    out.push({ id: a.id, code: a.code, kind: a.kind, name: a.name, nameEn: a.nameEn, units: children.map((c) => ({ id: c.id, code: c.code, kind: c.kind, name: c.name, nameEn: c.nameEn })) });
  }
  return out;
}

/** The users whose sign-ins this administrator may see (everyone for the city level). */
export async function usersInScope(db: Executor, scope: AdminScope): Promise<string[] | undefined> {
  if (scope.all) return undefined;
  const rows = await db.selectFrom('role_grant as g').innerJoin('app_user as u', 'u.id', 'g.user_id').select(['g.user_id', 'g.unit_id']).where('u.kind', '=', 'staff').execute();
  const by = new Map<string, { unit_id: string }[]>();
  for (const r of rows) by.set(r.user_id, [...(by.get(r.user_id) ?? []), r]);
  const out: string[] = [];
  for (const [id, gs] of by) if (await userInScope(db, scope, gs)) out.push(id);
  return out;
}
