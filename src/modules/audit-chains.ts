import { headsTail, instant, type ChainedLog } from '../platform/audit-chain.ts';

/**
 * The hash-chained logs that `npm run audit:verify` walks. Each entry's chain key, position and
 * field list must match the BEFORE INSERT trigger in the owning module's migration (the
 * `<table>_chain_fields` SQL function): a difference shows up as hash mismatches on every new row
 * (tests: src/platform/audit-chain.int.test.ts). Adding a column to a log does not need a change
 * here; hashing it does (a new field list only for rows linked after a marked point — or re-linking).
 */
export const AUDIT_CHAINS: readonly ChainedLog[] = [
  {
    // src/modules/dossiers/migrations/008_action_chain.sql
    log: 'dossier_action',
    table: 'dossier_action',
    chainsAre: 'one per dossier, in seq order',
    chain: 't.dossier_id::text',
    position: 't.seq',
    id: `t.dossier_id::text || '/' || t.seq`,
    orderBy: 't.dossier_id, t.seq',
    fields: ['t.action', 't.actor_id::text', 't.actor_name', 't.actor_role', instant('t.at'),
      't.from_status::text', 't.to_status::text', 't.from_step::text', 't.to_step::text',
      't.from_unit_id::text', 't.to_unit_id::text', 't.to_assignee_id::text', instant('t.step_due_at'),
      't.note', 't.data::text'],
    // The dossier's version is its chain's head (seq = version after every action).
    tailSql: `select d.id::text as chain, d.version::text as expected, a.last::text as found, false as hash_differs
      from dossier d left join (select dossier_id, max(seq) as last from dossier_action group by dossier_id) a on a.dossier_id = d.id
      where a.last is distinct from d.version`,
  },
  {
    // src/modules/privacy/migrations/003_access_chain.sql
    log: 'personal_data_access',
    table: 'personal_data_access',
    chainsAre: `one per agency of the official, '-' without one`,
    chain: `coalesce(t.agency_id::text, '-')`,
    position: 't.chain_seq',
    id: 't.id',
    orderBy: 't.agency_id nulls first, t.chain_seq',
    fields: ['t.id::text', instant('t.at'), 't.actor_id::text', 't.actor_name', 't.actor_title', 'to_jsonb(t.actor_roles)::text',
      't.agency_id::text', 't.agency_name', 't.agency_name_en', 't.subject_user_id::text', 't.subject_id_number', 't.subject_name',
      't.object_kind', 't.object_ref', 't.object_label', 't.dossier_id::text', 't.dossier_code',
      't.purpose_code', 't.purpose_name', 't.purpose_name_en', 't.purpose_note', 't.legal_basis', 't.legal_basis_en', 't.ip', 't.session_id'],
    tailSql: headsTail('personal_data_access', 'personal_data_access', 'agency_id', `coalesce(t.agency_id::text, '-')`),
  },
  {
    // src/modules/identity/migrations/006_audit_chain.sql
    log: 'sign_in_event',
    table: 'sign_in_event',
    chainsAre: `one per account, '-' for names matching none`,
    chain: `coalesce(t.user_id::text, '-')`,
    position: 't.chain_seq',
    id: 't.id',
    orderBy: 't.user_id nulls first, t.chain_seq',
    fields: ['t.id::text', instant('t.at'), 't.user_id::text', 't.login_name', 't.method', 't.outcome', 't.reason', 't.ip', 't.user_agent', 't.session_id::text'],
    tailSql: headsTail('sign_in_event', 'sign_in_event', 'user_id', `coalesce(t.user_id::text, '-')`),
  },
  {
    // src/modules/identity/migrations/006_audit_chain.sql
    log: 'account_event',
    table: 'account_event',
    chainsAre: `one per account acted on, '-' for policy changes`,
    chain: `coalesce(t.user_id::text, '-')`,
    position: 't.chain_seq',
    id: 't.id',
    orderBy: 't.user_id nulls first, t.chain_seq',
    fields: ['t.id::text', instant('t.at'), 't.actor_id::text', 't.user_id::text', 't.action', 't.detail::text'],
    tailSql: headsTail('account_event', 'account_event', 'user_id', `coalesce(t.user_id::text, '-')`),
  },
];
