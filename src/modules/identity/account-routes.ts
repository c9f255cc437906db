import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { requireSignedIn } from './authz.ts';
import { verifyPassword } from './passwords.ts';
import { listSessions, revokeSessions } from './sessions.ts';
import { getPolicy, mfaRequired } from './policy.ts';
import { lockedUntil, recordFailure } from './lockout.ts';
import { listAccountEvents, listSignIns, recordAccountEvent, recordSignIn } from './sign-in-audit.ts';
import { checkCode, newRecoveryCodes, removeTotp, startEnrolment, totpKey, totpStatus, useRecoveryCode } from './totp.ts';
import { lockedProblem, setOwnPassword, wrongEnrolmentCode } from './login.ts';
import './security-tables.ts';

/**
 * /account: what every signed-in person manages about their own account — password, TOTP,
 * sessions, recent sign-ins. Responses carrying secrets (TOTP secret, recovery codes) do not go
 * through runCommand: its idempotency store would keep them in the database.
 */
export function accountRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const key = () => totpKey(ctx.config.dataDir);

  async function me(userId: string) {
    return db.selectFrom('app_user').select(['id', 'kind', 'username', 'id_number', 'email', 'full_name', 'password_hash', 'must_change_password', 'password_changed_at', 'demo_account'])
      .where('id', '=', userId).executeTakeFirstOrThrow();
  }

  /** Re-authentication for sensitive changes: the current password, counted like sign-in failures. */
  async function confirmPassword(u: Awaited<ReturnType<typeof me>>, password: string, field: string, ip?: string) {
    const name = u.username ?? u.id_number ?? '';
    const policy = await getPolicy(db);
    const locked = await lockedUntil(db, name);
    if (locked) throw lockedProblem(locked);
    if (!(await verifyPassword(password, u.password_hash))) {
      await recordSignIn(db, { method: 'password', outcome: 'failure', reason: 'reauth_wrong_password', userId: u.id, loginName: name, ip });
      const until = await recordFailure(db, name, policy);
      if (until) throw lockedProblem(until);
      throw problems.validation([{ field, message_vi: 'Mật khẩu hiện tại không đúng.', message_en: 'The current password is wrong.' }]);
    }
  }

  function staffOnly(kind: string) {
    if (kind !== 'staff') throw problems.forbidden('Xác thực hai lớp bằng ứng dụng dành cho cán bộ; công dân đăng nhập bằng VNeID.', 'App-based two-factor sign-in is for staff; citizens sign in with VNeID.');
  }

  r.get('/account/security', { schema: { tags: ['account'], summary: 'My account security: password, two-factor status and whether it is mandatory for my roles' } }, async (req) => {
    const p = requireSignedIn(req.principal);
    const u = await me(p.userId);
    const policy = await getPolicy(db);
    return {
      kind: u.kind, username: u.username, hasPassword: !!u.password_hash, passwordChangedAt: u.password_changed_at?.toISOString() ?? null,
      passwordMinLength: policy.passwordMinLength,
      totp: u.kind === 'staff' ? await totpStatus(db, u.id) : null,
      totpRequired: mfaRequired(policy, u, p.roles.map((g) => g.role)),
      totpRequiredByPolicy: u.kind === 'staff' && p.roles.some((g) => policy.mfaRequiredRoles.includes(g.role)),
      demoAccount: u.demo_account,
    };
  });

  r.post('/account/password', {
    schema: { tags: ['account'], summary: 'Change my password (needs the current one); my other sessions are signed out', body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }) },
  }, async (req) => {
    const p = requireSignedIn(req.principal);
    const u = await me(p.userId);
    if (!u.password_hash) throw problems.forbidden('Tài khoản này đăng nhập bằng VNeID, không có mật khẩu.', 'This account signs in with VNeID and has no password.');
    await confirmPassword(u, req.body.currentPassword, 'currentPassword', req.ip);
    const ended = await db.transaction().execute(async (tx) => {
      await setOwnPassword(tx, u, req.body.newPassword);
      return revokeSessions(tx, u.id, { keep: p.sessionId, by: u.id });
    });
    return { ok: true, otherSessionsEnded: ended };
  });

  r.post('/account/totp/enrol', { schema: { tags: ['account'], summary: 'Start TOTP enrolment: a new secret as QR code and text; active only after a first code confirms it' } }, async (req) => {
    const p = requireSignedIn(req.principal);
    staffOnly(p.kind);
    const u = await me(p.userId);
    const e = await startEnrolment(db, key(), u.id, u.username ?? u.full_name);
    if (e === 'already_enrolled') throw problems.conflict('Tài khoản đã bật xác thực hai lớp.', 'Two-factor sign-in is already on for this account.');
    return e;
  });

  r.post('/account/totp/confirm', {
    schema: { tags: ['account'], summary: 'Confirm TOTP enrolment with the first code; returns ten one-time recovery codes (shown once)', body: z.object({ code: z.string().min(1).max(20) }) },
  }, async (req) => {
    const p = requireSignedIn(req.principal);
    staffOnly(p.kind);
    const result = await checkCode(db, key(), p.userId, req.body.code, true);
    if (result === 'not_enrolled') throw problems.conflict('Chưa bắt đầu đăng ký hoặc đã đăng ký xong.', 'No enrolment in progress.');
    if (result !== 'ok') throw wrongEnrolmentCode();
    const codes = await newRecoveryCodes(db, key(), p.userId);
    await recordAccountEvent(db, p.userId, p.userId, 'totp_enrolled');
    return { ok: true, recoveryCodes: codes };
  });

  const proof = z.object({ password: z.string().min(1).max(200), code: z.string().max(20).optional(), recoveryCode: z.string().max(40).optional() });
  async function proveSecondFactor(userId: string, body: { code?: string; recoveryCode?: string }) {
    const ok = body.recoveryCode ? await useRecoveryCode(db, key(), userId, body.recoveryCode) : body.code ? (await checkCode(db, key(), userId, body.code)) === 'ok' : false;
    if (!ok) throw problems.validation([{ field: body.recoveryCode ? 'recoveryCode' : 'code', message_vi: 'Mã xác thực không đúng hoặc đã được dùng.', message_en: 'The code is wrong or already used.' }]);
  }

  r.post('/account/totp/disable', {
    schema: { tags: ['account'], summary: 'Turn two-factor sign-in off (current password and a code); refused when my roles require it', body: proof },
  }, async (req) => {
    const p = requireSignedIn(req.principal);
    staffOnly(p.kind);
    const u = await me(p.userId);
    const policy = await getPolicy(db);
    if (mfaRequired(policy, u, p.roles.map((g) => g.role))) {
      throw new Problem(403, 'mfa_required', 'Vai trò của bạn bắt buộc dùng xác thực hai lớp nên không thể tắt. Nếu mất điện thoại, hãy đề nghị quản trị hệ thống đặt lại.',
        'Your roles require two-factor sign-in, so it cannot be turned off. If you lost your phone, ask a system administrator to reset it.');
    }
    await confirmPassword(u, req.body.password, 'password', req.ip);
    await proveSecondFactor(u.id, req.body);
    await removeTotp(db, u.id);
    await recordAccountEvent(db, u.id, u.id, 'totp_disabled');
    return { ok: true };
  });

  r.post('/account/totp/recovery-codes', {
    schema: { tags: ['account'], summary: 'New recovery codes (the old ones stop working); needs the password and a current code', body: proof },
  }, async (req) => {
    const p = requireSignedIn(req.principal);
    staffOnly(p.kind);
    const u = await me(p.userId);
    await confirmPassword(u, req.body.password, 'password', req.ip);
    await proveSecondFactor(u.id, req.body);
    const codes = await newRecoveryCodes(db, key(), u.id);
    await recordAccountEvent(db, u.id, u.id, 'recovery_codes_renewed');
    return { recoveryCodes: codes };
  });

  r.get('/account/sessions', { schema: { tags: ['account'], summary: 'My sessions in force: device, address, started, last active' } }, async (req) => {
    const p = requireSignedIn(req.principal);
    return { items: await listSessions(db, p.userId, p.sessionId), idleMinutes: (await getPolicy(db)).sessionIdleMinutes };
  });

  r.post('/account/sessions/:id/revoke', {
    schema: { tags: ['account'], summary: 'Sign out one of my sessions (at once)', params: z.object({ id: z.uuid() }) },
  }, async (req) => {
    const p = requireSignedIn(req.principal);
    const n = await revokeSessions(db, p.userId, { only: req.params.id, by: p.userId });
    if (n === 0) throw problems.notFound('phiên đăng nhập', 'Session');
    await recordSignIn(db, { method: 'session', outcome: 'success', reason: 'revoked_by_user', userId: p.userId, sessionId: req.params.id, ip: req.ip, userAgent: req.headers['user-agent'] });
    return { ok: true, ended: n };
  });

  r.post('/account/sessions/revoke-others', { schema: { tags: ['account'], summary: 'Sign out all my other sessions (at once)' } }, async (req) => {
    const p = requireSignedIn(req.principal);
    const n = await revokeSessions(db, p.userId, { keep: p.sessionId, by: p.userId });
    if (n) await recordSignIn(db, { method: 'session', outcome: 'success', reason: 'others_revoked_by_user', userId: p.userId, ip: req.ip, userAgent: req.headers['user-agent'] });
    return { ok: true, ended: n };
  });

  r.get('/account/sign-ins', {
    schema: { tags: ['account'], summary: 'My recent sign-ins and sign-in attempts', querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }) },
  }, async (req) => {
    const p = requireSignedIn(req.principal);
    const items = await listSignIns(db, { userId: p.userId, limit: req.query.limit });
    return { items: items.map(({ userName: _n, username: _u, ...e }) => e) };
  });

  r.get('/account/events', { schema: { tags: ['account'], summary: 'Changes to my account (password, two-factor, roles) and who made them' } }, async (req) => {
    const p = requireSignedIn(req.principal);
    return { items: await listAccountEvents(db, p.userId, 30) };
  });
}
