import type { Executor } from '../../platform/db/database.ts';
import type { Role } from '../../platform/http/principal.ts';
import './security-tables.ts';

/** The account security policy in force (one row of `security_policy`, defaults in the migration). */
export interface SecurityPolicy {
  /** Staff holding any of these roles must use TOTP: they are taken to enrolment at sign-in. */
  mfaRequiredRoles: Role[];
  /** Seeded demo accounts are exempt from mandatory 2FA (demos and tests sign in with a password). */
  demoAccountsExempt: boolean;
  passwordMinLength: number;
  /** Consecutive failures for one login name before it is locked. */
  lockoutThreshold: number;
  /** First lock lasts this long; each further lock doubles it, up to lockoutMaxMinutes. */
  lockoutBaseMinutes: number;
  lockoutMaxMinutes: number;
  /** Failed attempts from one IP address within ipWindowMinutes before that address is refused. */
  ipFailureLimit: number;
  ipWindowMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  updatedAt?: string;
}

export const DEFAULT_POLICY: SecurityPolicy = {
  mfaRequiredRoles: ['system_admin', 'signing_authority'], demoAccountsExempt: true, passwordMinLength: 12,
  lockoutThreshold: 5, lockoutBaseMinutes: 15, lockoutMaxMinutes: 1440, ipFailureLimit: 100, ipWindowMinutes: 15,
  sessionIdleMinutes: 30, sessionAbsoluteHours: 12,
};

// Read on every sign-in and on every session look-up; changes are rare.
const TTL_MS = 30_000;
let cached: { at: number; p: SecurityPolicy } | null = null;

export async function getPolicy(db: Executor): Promise<SecurityPolicy> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.p;
  const r = await db.selectFrom('security_policy').selectAll().executeTakeFirst();
  const p: SecurityPolicy = r ? {
    mfaRequiredRoles: r.mfa_required_roles as Role[], demoAccountsExempt: r.demo_accounts_exempt, passwordMinLength: r.password_min_length,
    lockoutThreshold: r.lockout_threshold, lockoutBaseMinutes: r.lockout_base_minutes, lockoutMaxMinutes: r.lockout_max_minutes,
    ipFailureLimit: r.ip_failure_limit, ipWindowMinutes: r.ip_window_minutes,
    sessionIdleMinutes: r.session_idle_minutes, sessionAbsoluteHours: r.session_absolute_hours, updatedAt: r.updated_at.toISOString(),
  } : DEFAULT_POLICY;
  cached = { at: Date.now(), p };
  return p;
}

export async function updatePolicy(db: Executor, p: Omit<SecurityPolicy, 'updatedAt'>, by: string): Promise<void> {
  await db.insertInto('security_policy').values({
    id: true, mfa_required_roles: p.mfaRequiredRoles, demo_accounts_exempt: p.demoAccountsExempt, password_min_length: p.passwordMinLength,
    lockout_threshold: p.lockoutThreshold, lockout_base_minutes: p.lockoutBaseMinutes, lockout_max_minutes: p.lockoutMaxMinutes,
    ip_failure_limit: p.ipFailureLimit, ip_window_minutes: p.ipWindowMinutes, session_idle_minutes: p.sessionIdleMinutes,
    session_absolute_hours: p.sessionAbsoluteHours, updated_by: by,
  }).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
    mfa_required_roles: eb.ref('excluded.mfa_required_roles'), demo_accounts_exempt: eb.ref('excluded.demo_accounts_exempt'),
    password_min_length: eb.ref('excluded.password_min_length'), lockout_threshold: eb.ref('excluded.lockout_threshold'),
    lockout_base_minutes: eb.ref('excluded.lockout_base_minutes'), lockout_max_minutes: eb.ref('excluded.lockout_max_minutes'),
    ip_failure_limit: eb.ref('excluded.ip_failure_limit'), ip_window_minutes: eb.ref('excluded.ip_window_minutes'),
    session_idle_minutes: eb.ref('excluded.session_idle_minutes'), session_absolute_hours: eb.ref('excluded.session_absolute_hours'),
    updated_by: eb.ref('excluded.updated_by'), updated_at: new Date(),
  }))).execute();
  cached = null;
}

/** Whether this account must have TOTP under the policy. */
export function mfaRequired(p: SecurityPolicy, user: { kind: string; demo_account: boolean }, roles: string[]): boolean {
  if (user.kind !== 'staff') return false;
  if (user.demo_account && p.demoAccountsExempt) return false;
  return roles.some((r) => (p.mfaRequiredRoles as string[]).includes(r));
}
