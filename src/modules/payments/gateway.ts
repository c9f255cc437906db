import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { sign } from './signing.ts';

const require = createRequire(import.meta.url);
const { QRPay } = require('vietnam-qr-pay') as typeof import('vietnam-qr-pay');
const accounts = (require('./treasury-accounts.json') as { accounts: TreasuryAccount[] }).accounts;

export interface TreasuryAccount {
  agencyCode: string | null;
  bankBin: string;
  bankName: string;
  accountNo: string;
  accountName: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** The account fees for this agency are paid into on `day` (YYYY-MM-DD): its own row in force, else the default. */
export function treasuryAccount(agencyCode: string, day: string): TreasuryAccount {
  const inForce = accounts.filter((a) => a.effectiveFrom <= day && (!a.effectiveTo || day <= a.effectiveTo));
  const pick = (code: string | null) => inForce.filter((a) => a.agencyCode === code).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  const a = pick(agencyCode) ?? pick(null);
  if (!a) throw new Error(`no treasury account in force on ${day}`);
  return a;
}

/** A VietQR (NAPAS EMVCo) bank-transfer code for the amount, with the order number as the transfer note. */
export async function vietQr(account: TreasuryAccount, amount: number, orderNo: string) {
  const content = QRPay.initVietQR({ bankBin: account.bankBin, bankNumber: account.accountNo, amount: String(amount), purpose: `MOTCUA ${orderNo}` }).build();
  const image = await QRCode.toDataURL(content, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { content, image, bankName: account.bankName, accountNo: account.accountNo, accountName: account.accountName, note: `MOTCUA ${orderNo}` };
}

export interface CheckoutOrder {
  merchantId: string;
  orderNo: string;
  amount: number;
  description: string;
  callbackUrl: string;
  returnUrl: string;
  expiresAt: string;
}

/**
 * Motcua's side of the payment gateway protocol (VNPay-style): a signed redirect link to the
 * gateway's checkout, signed callbacks (verified in service.ts), and a signed daily report request.
 */
export class PaymentGateway {
  constructor(readonly url: string, private readonly secret: string) {}

  checkoutUrl(o: CheckoutOrder): string {
    const u = new URL(`${this.url}/checkout`);
    const fields: Record<string, string> = { ...o, amount: String(o.amount) };
    for (const [k, v] of Object.entries(fields)) u.searchParams.set(k, v);
    u.searchParams.set('signature', sign(this.secret, fields));
    return u.toString();
  }

  /** The gateway's own list of a day's transactions for one merchant (the agency). */
  async report(merchantId: string, date: string): Promise<{ transactionNo: string; orderNo: string; amount: number; status: 'success' | 'failure'; at: string }[]> {
    const u = new URL(`${this.url}/api/reports`);
    u.searchParams.set('merchantId', merchantId);
    u.searchParams.set('date', date);
    u.searchParams.set('signature', sign(this.secret, { merchantId, date }));
    const res = await fetch(u, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`gateway report: HTTP ${res.status}`);
    return ((await res.json()) as { transactions: any[] }).transactions;
  }
}
