import nodemailer from 'nodemailer';
import type { Executor } from '../../platform/db/database.ts';
import './tables.ts';

export interface EmailMessage { to: string; subject: string; text: string; messageId: string }
export interface SmsMessage { to: string; text: string }

/** Where email goes: SMTP in production, the development mailbox otherwise. */
export interface EmailTransport { send(db: Executor, m: EmailMessage, outboxId: number): Promise<void> }
/** The SMS gateway adapter (a carrier's or a brandname provider's API implements this). */
export interface SmsTransport { send(db: Executor, m: SmsMessage, outboxId: number): Promise<void> }

/** Development sink: the message is stored and shown on the dev mailbox page. */
export const devEmail: EmailTransport = {
  async send(db, m, outboxId) {
    await db.insertInto('dev_mailbox').values({ channel: 'email', recipient: m.to, subject: m.subject, body: m.text, outbox_id: outboxId }).execute();
  },
};
export const devSms: SmsTransport = {
  async send(db, m, outboxId) {
    await db.insertInto('dev_mailbox').values({ channel: 'sms', recipient: m.to, subject: null, body: m.text, outbox_id: outboxId }).execute();
  },
};

export function smtpEmail(url: string, from: string): EmailTransport {
  const t = nodemailer.createTransport(url);
  return {
    async send(_db, m) {
      // A stable Message-ID: a resend after a crash mid-send is recognisable as the same message.
      await t.sendMail({ from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    },
  };
}

/**
 * A generic SMS gateway over HTTP (SMS_URL, bearer SMS_TOKEN): POST {to, text, id} as JSON; any 2xx
 * is accepted. Carriers' brandname APIs differ: wrap them behind this interface. `id` is stable per
 * message so a gateway that deduplicates can drop a resend after a crash mid-send.
 */
export function httpSms(url: string, token?: string): SmsTransport {
  return {
    async send(_db, m, outboxId) {
      const res = await fetch(url, {
        method: 'POST', signal: AbortSignal.timeout(10_000),
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to: m.to, text: m.text, id: String(outboxId) }),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}

export interface Transports { email: EmailTransport; sms: SmsTransport; dev: boolean }

let current: Transports | undefined;

/**
 * SMTP_URL (e.g. smtps://user:pass@mail.example.vn) and MAIL_FROM; SMS_URL (+ SMS_TOKEN) for an HTTP
 * SMS gateway. Without them the development mailbox keeps the messages.
 */
export function transportsFromEnv(env: NodeJS.ProcessEnv = process.env): Transports {
  const sms = env.SMS_URL ? httpSms(env.SMS_URL, env.SMS_TOKEN) : devSms;
  if (env.SMTP_URL) return { email: smtpEmail(env.SMTP_URL, env.MAIL_FROM ?? 'Motcua <no-reply@motcua.local>'), sms, dev: false };
  return { email: devEmail, sms, dev: true };
}

export function transports(): Transports {
  return (current ??= transportsFromEnv());
}

/** Replaces the transports (tests inject failing ones); `undefined` goes back to the environment's. */
export function setTransports(t: Partial<Transports> | undefined) {
  current = t ? { ...transportsFromEnv(), ...t } : undefined;
}
