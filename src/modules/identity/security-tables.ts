import type { Generated } from 'kysely';
import './tables.ts';

/** Tables and columns of staff account security (migration 004_staff_security.sql). */
declare module './tables.ts' {
  interface AppUserTable {
    must_change_password: Generated<boolean>;
    password_changed_at: Date | null;
    demo_account: Generated<boolean>;
    disabled_at: Date | null;
  }
  interface SessionTable {
    last_seen_at: Generated<Date>;
    auth_method: string | null;
    revoked_by: string | null;
  }
}

export interface SecurityPolicyTable {
  id: Generated<boolean>;
  mfa_required_roles: string[];
  demo_accounts_exempt: boolean;
  password_min_length: number;
  lockout_threshold: number;
  lockout_base_minutes: number;
  lockout_max_minutes: number;
  ip_failure_limit: number;
  ip_window_minutes: number;
  session_idle_minutes: number;
  session_absolute_hours: number;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface UserTotpTable {
  user_id: string;
  secret_enc: string;
  confirmed_at: Date | null;
  last_step: Generated<number>;
  created_at: Generated<Date>;
}

export interface RecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface LoginChallengeTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  step: 'totp' | 'enrol_totp' | 'change_password';
  attempts: Generated<number>;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  login_name: string;
  failures: number;
  lock_count: number;
  locked_until: Date | null;
  updated_at: Generated<Date>;
}

export interface SignInEventTable {
  id: Generated<number>;
  at: Generated<Date>;
  user_id: string | null;
  login_name: string | null;
  method: string;
  outcome: string;
  reason: string | null;
  ip: string | null;
  user_agent: string | null;
  session_id: string | null;
}

export interface AccountEventTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string | null;
  user_id: string | null;
  action: string;
  detail: Generated<unknown>;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    security_policy: SecurityPolicyTable;
    user_totp: UserTotpTable;
    user_recovery_code: RecoveryCodeTable;
    login_challenge: LoginChallengeTable;
    login_throttle: LoginThrottleTable;
    sign_in_event: SignInEventTable;
    account_event: AccountEventTable;
  }
}
