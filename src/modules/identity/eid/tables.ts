import type { Generated } from 'kysely';

export interface EidLoginTxTable {
  state_hash: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  browser_hash: string;
  issuer: string;
  created_at: Generated<Date>;
  expires_at: Date;
  consumed_at: Date | null;
}

export interface EidIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  first_login_at: Generated<Date>;
  last_login_at: Generated<Date>;
}

export interface EidSessionTable {
  session_id: string;
  issuer: string;
  subject: string;
  id_token: string;
  created_at: Generated<Date>;
}

declare module '../../../platform/db/database.ts' {
  interface DB {
    eid_login_tx: EidLoginTxTable;
    eid_identity: EidIdentityTable;
    eid_session: EidSessionTable;
  }
}
