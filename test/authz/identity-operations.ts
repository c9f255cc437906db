import { CATP, actorNames, passwordOf, signedIn, staffActors, systemAdmins, type ActorName } from './actors.ts';
import type { Fixture, Operation } from './operations.ts';

/**
 * Policies of the identity operations: sign-in steps, one's own account, staff administration,
 * delegation of authority, personal delegation (deputies), mergers, e-ID sign-in. Bodies pass
 * schema validation (zod answers 400 before any authorisation otherwise) and leave the actors as
 * they were: wrong codes, a too-short new password with the right current one, a conflicting or
 * out-of-range request, or a change to an account made for the test.
 */
const V = '/api/v1';
const everyone = actorNames;
const get = (url: string) => (): { method: string; url: string } => ({ method: 'GET', url });
const post = (url: (fx: Fixture, actor: ActorName) => string, body: (fx: Fixture, actor: ActorName) => unknown = () => ({})) =>
  (fx: Fixture, actor: ActorName) => ({ method: 'POST', url: url(fx, actor), body: body(fx, actor) });

/** Staff whose roles do not force two-factor sign-in (the created system administrators' do: they may not turn it off). */
const mayDropTotp = staffActors.filter((n) => n !== 'sysadmin' && n !== 'sysadminX');
/** Administrators of the target account (a desk officer of the city police made for the test): the city level and the city police's. */
const targetAdmins: ActorName[] = ['admin', 'sysadmin'];
const staffAction = (action: string): Operation => ({
  op: `POST /api/v1/admin/staff/{id}/${action}`, allow: targetAdmins, request: post((fx) => `${V}/admin/staff/${fx.staffIds.target}/${action}`),
});

export const IDENTITY_OPERATIONS: Operation[] = [
  // Sign-in steps: the single-use challenge from /auth/login is the credential, a session is not one.
  // Without a valid challenge everyone gets 401 (the steps themselves are tested in identity/*.int.test.ts).
  ...['second-factor', 'change-password', 'enrol-totp', 'enrol-totp/confirm'].map((s): Operation => ({
    op: `POST /api/v1/auth/login/${s}`, allow: [],
    request: post(() => `${V}/auth/login/${s}`, () => ({ challenge: 'not-a-challenge-0123456789', code: '123456', newPassword: 'một mật khẩu đủ dài' })),
  })),

  // e-ID: public entry points; the callback with a state this server never issued signs nobody in.
  { op: 'GET /api/v1/auth/eid', allow: everyone, request: get(`${V}/auth/eid`) },
  { op: 'GET /api/v1/auth/eid/start', allow: everyone, request: get(`${V}/auth/eid/start?returnTo=/ho-so-cua-toi`) },
  {
    op: 'GET /api/v1/auth/eid/callback', allow: everyone, request: get(`${V}/auth/eid/callback?state=not-issued&code=x`),
    check: (r) => (r.status < 400 ? `answered ${r.status}` : /motcua_session=[^;]/.test(r.headers.get('set-cookie') ?? '') ? 'set a session cookie' : undefined),
  },
  // Logging out with a token that is not the actor's own keeps the actor signed in.
  { op: 'POST /api/v1/auth/eid/logout', allow: everyone, request: () => ({ method: 'POST', url: `${V}/auth/eid/logout`, headers: { authorization: 'Bearer not-a-session' } }) },

  // One's own account: everyone signed in reads it.
  { op: 'GET /api/v1/account/security', allow: signedIn, request: get(`${V}/account/security`) },
  { op: 'GET /api/v1/account/sessions', allow: signedIn, request: get(`${V}/account/sessions`) },
  { op: 'GET /api/v1/account/sign-ins', allow: signedIn, request: get(`${V}/account/sign-ins`) },
  { op: 'GET /api/v1/account/events', allow: signedIn, request: get(`${V}/account/events`) },
  // The right current password with a too-short new one: 400, nothing changes and no failure is counted.
  { op: 'POST /api/v1/account/password', allow: signedIn, request: post(() => `${V}/account/password`, (_, a) => ({ currentPassword: passwordOf(a), newPassword: 'ngắn' })) },
  // One's own sessions only: An ends one of his; anyone else naming An's other session gets 404.
  {
    op: 'POST /api/v1/account/sessions/{id}/revoke', allow: ['an'],
    request: post((fx, a) => `${V}/account/sessions/${a === 'an' ? fx.anSessions.own : fx.anSessions.other}/revoke`),
  },
  // Ends the caller's other sessions (each actor has only the one it uses, which stays).
  { op: 'POST /api/v1/account/sessions/revoke-others', allow: signedIn, request: post(() => `${V}/account/sessions/revoke-others`) },
  // TOTP is for staff (citizens sign in with VNeID: 403). Enrolment starts a pending secret (409 when enrolled);
  // confirming, disabling and renewing recovery codes with a wrong code change nothing.
  { op: 'POST /api/v1/account/totp/enrol', allow: staffActors, request: post(() => `${V}/account/totp/enrol`) },
  { op: 'POST /api/v1/account/totp/confirm', allow: staffActors, request: post(() => `${V}/account/totp/confirm`, () => ({ code: '000000' })) },
  { op: 'POST /api/v1/account/totp/disable', allow: mayDropTotp, request: post(() => `${V}/account/totp/disable`, (_, a) => ({ password: passwordOf(a), code: '000000' })) },
  { op: 'POST /api/v1/account/totp/recovery-codes', allow: staffActors, request: post(() => `${V}/account/totp/recovery-codes`, (_, a) => ({ password: passwordOf(a), code: '000000' })) },

  // Staff administration: system administrators, each within their scope; out of scope is 404 (nothing leaks).
  {
    op: 'GET /api/v1/admin/staff', allow: systemAdmins, request: get(`${V}/admin/staff?q=catp.thunghiem`),
    visible: { who: targetAdmins, in: (b, fx) => b.items.some((u: any) => u.id === fx.staffIds.target) },
  },
  // A username already taken: 409 in scope; a unit out of scope: 403 before that.
  {
    op: 'POST /api/v1/admin/staff', allow: targetAdmins,
    request: post(() => `${V}/admin/staff`, (fx) => ({ username: 'catp.tiepnhan', fullName: 'Trùng tên đăng nhập', role: 'desk_officer', unitId: fx.units[CATP].desk })),
  },
  { op: 'GET /api/v1/admin/staff/{id}', allow: targetAdmins, request: (fx) => ({ method: 'GET', url: `${V}/admin/staff/${fx.staffIds.target}` }) },
  { op: 'POST /api/v1/admin/staff/{id}', allow: targetAdmins, request: post((fx) => `${V}/admin/staff/${fx.staffIds.target}`, () => ({ fullName: 'Ngô Thử Nghiệm', title: 'Cán bộ tiếp nhận' })) },
  // A role the target already holds (nothing added); revoking: each administrator one of the target's extra grants.
  { op: 'POST /api/v1/admin/staff/{id}/grants', allow: targetAdmins, request: post((fx) => `${V}/admin/staff/${fx.staffIds.target}/grants`, (fx) => ({ role: 'desk_officer', unitId: fx.units[CATP].desk })) },
  {
    op: 'POST /api/v1/admin/staff/{id}/grants/revoke', allow: targetAdmins,
    request: post((fx) => `${V}/admin/staff/${fx.staffIds.target}/grants/revoke`, (fx, a) => fx.revocable[a] ?? fx.revocable.admin),
  },
  staffAction('disable'), staffAction('enable'), staffAction('unlock'), staffAction('reset-2fa'), staffAction('revoke-sessions'), staffAction('reset-password'),
  { op: 'GET /api/v1/admin/units', allow: systemAdmins, request: get(`${V}/admin/units`) },
  // The sign-in audit of one account: its administrators (another agency's administrator gets 404).
  { op: 'GET /api/v1/admin/sign-ins', allow: targetAdmins, request: (fx) => ({ method: 'GET', url: `${V}/admin/sign-ins?userId=${fx.staffIds.target}` }) },
  { op: 'GET /api/v1/admin/security-policy', allow: systemAdmins, request: get(`${V}/admin/security-policy`) },
  // The account security policy is the city's: the same values again, by the city level only.
  { op: 'PUT /api/v1/admin/security-policy', allow: ['admin'], request: (fx) => ({ method: 'PUT', url: `${V}/admin/security-policy`, body: fx.policy }) },

  // Delegations of authority are published decisions: everyone reads them.
  { op: 'GET /api/v1/delegations', allow: everyone, request: get(`${V}/delegations?authorityCode=${CATP}`) },
  { op: 'GET /api/v1/delegations/{id}', allow: everyone, request: (fx) => ({ method: 'GET', url: `${V}/delegations/${fx.endedDelegationId}` }) },
  // What a procedure's page and the apply form show: the delegations in force for it and, under a class delegation, the agencies to choose from.
  { op: 'GET /api/v1/delegations/in-force', allow: everyone, request: get(`${V}/delegations/in-force?procedureCode=2.002854`) },
  // Recording and revoking: system and catalog administrators of the delegating agency (the city police) or of the city.
  // The body overlaps the seeded pilot (2.001194 to Công an phường Ba Đình): 409 once allowed, so nothing is recorded.
  {
    op: 'POST /api/v1/delegations', allow: ['admin', 'sysadmin', 'catalog'],
    request: post(() => `${V}/delegations`, () => ({
      authorityCode: CATP, delegateCode: '000.04.02.H26', procedureCodes: ['2.001194'], validFrom: '2026-12-01', validTo: '2026-12-31',
      decisionNo: 'KT-PQ/QĐ', decisionDate: '2026-11-01', signer: 'Giám đốc Công an thành phố Hà Nội',
    })),
  },
  // The ended passport pilot cannot end later than it did: 400 once allowed.
  {
    op: 'POST /api/v1/delegations/{id}/revoke', allow: ['admin', 'sysadmin', 'catalog'],
    request: post((fx) => `${V}/delegations/${fx.endedDelegationId}/revoke`, () => ({ lastDay: '2026-06-30', reason: 'Kiểm thử phân quyền' })),
  },

  // Personal delegation: every official manages their own (naming oneself as deputy: 400, nothing made).
  { op: 'GET /api/v1/me/deputies', allow: staffActors, request: get(`${V}/me/deputies`) },
  {
    op: 'POST /api/v1/me/deputies', allow: staffActors,
    request: post(() => `${V}/me/deputies`, (fx, a) => ({ deputyId: fx.userIds[a] ?? fx.userIds.desk, from: '2031-05-01', to: '2031-05-02', reason: 'Nghỉ phép' })),
  },
  // Ending one: its delegator, or a supervisor of the delegator's agency. The officer ends his own, the supervisor
  // the head's; everyone else tries the signer's (the signer tries the head's), which no allowed actor touches.
  {
    op: 'POST /api/v1/deputies/{id}/revoke', allow: ['officer', 'supervisor'],
    request: post((fx, a) => `${V}/deputies/${a === 'officer' ? fx.deputies.officer : a === 'supervisor' || a === 'signer' ? fx.deputies.head : fx.deputies.signer}/revoke`),
  },
  {
    // Supervisors of any agency (the head of the ward police supervises it too); each sees their own agencies' only.
    op: 'GET /api/v1/supervision/deputies', allow: ['supervisor', 'supervisorX', 'signerX'], request: get(`${V}/supervision/deputies`),
    visible: { who: ['supervisor'], in: (b, fx) => b.items.some((d: any) => d.id === fx.deputies.signer) },
  },

  // Mergers rearrange agencies across the city: city-level system administrators only. The fixture merger
  // takes effect in 2099 (applying it now: 409); it is cancelled last.
  { op: 'GET /api/v1/reorganisation/mergers', allow: ['admin'], request: get(`${V}/reorganisation/mergers`) },
  {
    op: 'POST /api/v1/reorganisation/mergers', allow: ['admin'],
    request: post(() => `${V}/reorganisation/mergers`, () => ({ resolutionNo: 'KT/NQ', effectiveOn: '2099-01-01', sourceCodes: ['000.99.98.H26'], targetCode: '000.99.97.H26' })),
  },
  { op: 'GET /api/v1/reorganisation/mergers/{id}', allow: ['admin'], request: (fx) => ({ method: 'GET', url: `${V}/reorganisation/mergers/${fx.mergerId}` }) },
  { op: 'GET /api/v1/reorganisation/mergers/{id}/result', allow: ['admin'], request: (fx) => ({ method: 'GET', url: `${V}/reorganisation/mergers/${fx.mergerId}/result` }) },
  { op: 'POST /api/v1/reorganisation/mergers/{id}/apply', allow: ['admin'], request: post((fx) => `${V}/reorganisation/mergers/${fx.mergerId}/apply`) },
  { op: 'POST /api/v1/reorganisation/mergers/{id}/cancel', allow: ['admin'], request: post((fx) => `${V}/reorganisation/mergers/${fx.mergerId}/cancel`) },
];
