import type { Generated } from 'kysely';

export interface AppUserTable {
  id: Generated<string>;
  kind: 'staff' | 'citizen';
  username: string | null;
  password_hash: string | null;
  full_name: string;
  id_number: string | null;
  date_of_birth: string | null;
  sex: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  title: string | null;
  eid_level: number | null;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface RoleGrantTable {
  user_id: string;
  role: string;
  unit_id: string;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    app_user: AppUserTable;
    role_grant: RoleGrantTable;
    user_session: SessionTable;
  }
}
