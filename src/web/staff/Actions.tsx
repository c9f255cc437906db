import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DeliveryFacts, s10Error, TrackingNoInput } from '../payments/Delivery';
import { ApiError, newKey, post } from '../api';
import { fmtDateTime, fmtMoney } from '../format';
import { ErrorBox } from '../components/ui';
import { FileDrop, type Uploaded } from '../components/FileDrop';
import { FieldMsg, fieldErrors, invalid, vnDate } from './common';

/** Endpoint path of each action (POST /dossiers/:id/<path>). */
const PATHS: Record<string, string> = {
  receive: 'receive', request_supplement: 'request-supplement', resubmit: 'resubmit', refuse: 'refuse', forward: 'forward',
  send_back: 'send-back', assign: 'assign', request_payment: 'request-payment', confirm_payment: 'confirm-payment', sign: 'sign',
  return: 'return', withdraw: 'withdraw', stop: 'stop', extend: 'extend',
};
/** The order actions are offered in: the usual next move first, the drastic ones last. */
const ORDER = ['receive', 'forward', 'sign', 'return', 'request_supplement', 'resubmit', 'assign', 'send_back', 'request_payment', 'confirm_payment', 'extend', 'refuse', 'stop', 'withdraw'];
const PRIMARY = new Set(['receive', 'forward', 'sign', 'return']);
const DANGER = new Set(['refuse', 'stop', 'withdraw']);

interface Staff { id: string; fullName: string }
export interface Assignees {
  current: { step: number; name: string; role: string; staff: Staff[] } | null;
  next: { step: number; name: string; role: string; staff: Staff[] } | null;
  previous: { step: number; name: string; role: string; staff: Staff[] } | null;
}
interface Ctx {
  d: any;
  proc: any;
  assignees: Assignees | null;
  onSuccess: (action: string) => Promise<void>;
  onConflict: () => Promise<void>;
}

/** Which of the available actions to offer: an apology and new date only before the due date. */
export function offeredActions(d: any): string[] {
  return ORDER.filter((a) => d.availableActions.includes(a) && (a !== 'extend' || (d.dueAt && new Date(d.dueAt).getTime() > Date.now())));
}

/**
 * The actions this official may take now (the server's `availableActions`), each behind a
 * disclosure button with its own small form. Forms stay mounted while hidden, so what was typed
 * survives switching between them and failed requests.
 */
export function ActionPanel({ d, proc, assignees, onSuccess, onConflict }: Ctx) {
  const { t } = useTranslation();
  const actions = offeredActions(d);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [generation, setGeneration] = useState<Record<string, number>>({});
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (done) doneRef.current?.focus(); }, [done, d.version]);
  const success = async (action: string) => {
    setOpen(null);
    setDone(action);
    setGeneration((g) => ({ ...g, [action]: (g[action] ?? 0) + 1 }));
    await onSuccess(action);
  };
  return (
    <section className="card action-panel" aria-labelledby="h-actions">
      <h2 id="h-actions">{t('staff.act.panel')}</h2>
      {done && <div className="alert alert-ok" role="status" tabIndex={-1} ref={doneRef}>{t('staff.act.done', { action: t(`staff.act.${done}.title`) })}</div>}
      {actions.length === 0 ? <p className="muted">{t('staff.act.none')}</p> : (
        <div className="action-buttons">
          {actions.map((a) => (
            <button key={a} type="button" id={`btn-${a}`} aria-expanded={open === a} aria-controls={`act-${a}`}
              className={`btn ${open === a ? 'btn-open' : PRIMARY.has(a) ? 'btn-primary' : DANGER.has(a) ? 'btn-danger' : ''}`}
              onClick={() => { setDone(null); setOpen(open === a ? null : a); }}>
              {t(`staff.act.${a}.title`)}
            </button>
          ))}
        </div>
      )}
      {actions.map((a) => (
        <div key={`${a}-${generation[a] ?? 0}`} id={`act-${a}`} hidden={open !== a} className="action-form-wrap">
          <ActionForm action={a} ctx={{ d, proc, assignees, onSuccess: success, onConflict }} onClose={() => setOpen(null)} />
        </div>
      ))}
    </section>
  );
}

/** Sends one action with the version the official saw; keeps the Idempotency-Key until it succeeds. */
function useAct(action: string, ctx: Ctx) {
  const { i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const key = useRef(newKey());
  const send = async (body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await post(`/dossiers/${ctx.d.id}/${PATHS[action]}`, { version: ctx.d.version, ...body }, key.current);
      key.current = newKey();
      setBusy(false);
      await ctx.onSuccess(action);
    } catch (e) {
      setError(e);
      setBusy(false);
      if (e instanceof ApiError && e.status === 409) await ctx.onConflict();
    }
  };
  /** Client-side checks first: errors shown the same way as the server's. */
  const check = (errs: Record<string, string | false | undefined>) => {
    const found = Object.fromEntries(Object.entries(errs).filter(([, v]) => !!v)) as Record<string, string>;
    setLocal(found);
    if (Object.keys(found).length) setError(null);
    return Object.keys(found).length === 0;
  };
  const errors = { ...fieldErrors(error, i18n.language), ...local };
  return { busy, error, errors, send, check };
}

function ActionForm({ action, ctx, onClose }: { action: string; ctx: Ctx; onClose: () => void }) {
  switch (action) {
    case 'receive': return <Simple action={action} ctx={ctx} onClose={onClose} />;
    case 'request_supplement': return <SupplementForm ctx={ctx} onClose={onClose} />;
    case 'resubmit': return <ResubmitForm ctx={ctx} onClose={onClose} />;
    case 'forward': return <MoveForm action="forward" ctx={ctx} onClose={onClose} />;
    case 'send_back': return <MoveForm action="send_back" ctx={ctx} onClose={onClose} />;
    case 'assign': return <AssignForm ctx={ctx} onClose={onClose} />;
    case 'refuse': return <RefuseForm ctx={ctx} onClose={onClose} />;
    case 'extend': return <ExtendForm ctx={ctx} onClose={onClose} />;
    case 'request_payment': return <PaymentRequestForm ctx={ctx} onClose={onClose} />;
    case 'confirm_payment': return <ConfirmPaymentForm ctx={ctx} onClose={onClose} />;
    case 'sign': return <SignForm ctx={ctx} onClose={onClose} />;
    case 'return': return <ReturnForm ctx={ctx} onClose={onClose} />;
    case 'stop':
    case 'withdraw': return <ReasonForm action={action} ctx={ctx} onClose={onClose} />;
    default: return null;
  }
}

/** The frame shared by every action form: heading, the request's error, the fields, submit and close. */
function Frame({ action, act, onSubmit, onClose, children, lead, submitDisabled }: {
  action: string; act: ReturnType<typeof useAct>; onSubmit: () => void; onClose: () => void; children: ReactNode; lead?: ReactNode; submitDisabled?: boolean;
}) {
  const { t } = useTranslation();
  const conflict = act.error instanceof ApiError && act.error.status === 409;
  const submit = (e: FormEvent) => { e.preventDefault(); if (!act.busy) onSubmit(); };
  return (
    <form className={`action-form action-${action}`} onSubmit={submit} noValidate aria-labelledby={`h-act-${action}`}>
      <h3 id={`h-act-${action}`}>{t(`staff.act.${action}.title`)}</h3>
      {lead && <p className="small muted">{lead}</p>}
      <ErrorBox error={act.error} />
      {conflict && <p className="alert alert-info small">{t('staff.act.conflictReloaded')}</p>}
      {children}
      <div className="btn-row">
        <button type="submit" className={`btn ${DANGER.has(action) ? 'btn-danger-solid' : 'btn-primary'}`} disabled={act.busy || submitDisabled}>
          {act.busy ? t('staff.act.sending') : t(`staff.act.${action}.submit`)}
        </button>
        <button type="button" className="btn" onClick={onClose}>{t('staff.act.cancel')}</button>
      </div>
    </form>
  );
}

function TextArea({ id, label, value, onChange, error, rows = 3, required }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string; rows?: number; required?: boolean }) {
  return (
    <>
      <label htmlFor={id}>{label}{required && <span aria-hidden="true" className="req"> *</span>}</label>
      <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} required={required} {...invalid(id, error)} />
      <FieldMsg id={`${id}-err`} msg={error} />
    </>
  );
}

function NoteField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  const id = useId();
  return <TextArea id={id} label={t('staff.act.note')} value={value} onChange={onChange} error={error} rows={2} />;
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

function Simple({ action, ctx, onClose }: { action: string; ctx: Ctx; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAct(action, ctx);
  const [note, setNote] = useState('');
  return (
    <Frame action={action} act={act} onClose={onClose} lead={t(`staff.act.${action}.lead`)} onSubmit={() => act.send({ note: opt(note) })}>
      <NoteField value={note} onChange={setNote} error={act.errors.note} />
    </Frame>
  );
}

function ReasonForm({ action, ctx, onClose }: { action: 'stop' | 'withdraw'; ctx: Ctx; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAct(action, ctx);
  const id = useId();
  const [reason, setReason] = useState('');
  return (
    <Frame action={action} act={act} onClose={onClose}
      onSubmit={() => act.check({ reason: !reason.trim() && t('staff.act.required') }) && act.send({ reason: reason.trim() })}>
      <TextArea id={id} label={t(`staff.act.${action}.reason`)} value={reason} onChange={setReason} error={act.errors.reason} required />
    </Frame>
  );
}

interface SupItem { doc: string; name: string; reason: string }

function SupplementForm({ ctx, onClose }: { ctx: Ctx; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const act = useAct('request_supplement', ctx);
  const base = useId();
  const docs: any[] = ctx.proc?.documents ?? [];
  const docName = (code: string) => {
    const x = docs.find((d) => d.code === code);
    return x ? (i18n.language === 'en' && x.nameEn ? x.nameEn : x.name) : '';
  };
  const [items, setItems] = useState<SupItem[]>([{ doc: '', name: '', reason: '' }]);
  const [note, setNote] = useState('');
  const [focusIdx, setFocusIdx] = useState<number | null>(null);
  useEffect(() => {
    if (focusIdx !== null) document.getElementById(`${base}-doc-${focusIdx}`)?.focus();
  }, [focusIdx, base]);
  const set = (i: number, patch: Partial<SupItem>) => setItems((list) => list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const pickDoc = (i: number, code: string) => {
    const cur = items[i];
    // The name follows the chosen document unless the official already wrote their own.
    const auto = !cur.name.trim() || cur.name === docName(cur.doc);
    set(i, { doc: code, ...(auto ? { name: docName(code) } : {}) });
  };
  const submit = () => {
    const errs: Record<string, string | false> = {};
    items.forEach((x, i) => {
      errs[`items.${i}.name`] = !x.name.trim() && t('staff.act.required');
      errs[`items.${i}.reason`] = !x.reason.trim() && t('staff.act.required');
    });
    if (!act.check(errs)) return;
    void act.send({ items: items.map((x) => ({ ...(x.doc ? { documentCode: x.doc } : {}), name: x.name.trim(), reason: x.reason.trim() })), note: opt(note) });
  };
  return (
    <Frame action="request_supplement" act={act} onClose={onClose} lead={t('staff.act.request_supplement.lead')} onSubmit={submit}>
      <FieldMsg id={`${base}-items-err`} msg={act.errors.items} />
      <ol className="sup-items">
        {items.map((x, i) => {
          const nameErr = act.errors[`items.${i}.name`];
          const reasonErr = act.errors[`items.${i}.reason`] ?? act.errors[`items.${i}`];
          return (
            <li key={i}>
              <fieldset className="sup-item">
                <legend>{t('staff.act.request_supplement.item', { n: i + 1 })}</legend>
                <label htmlFor={`${base}-doc-${i}`}>{t('staff.act.request_supplement.doc')}</label>
                <select id={`${base}-doc-${i}`} value={x.doc} onChange={(e) => pickDoc(i, e.target.value)} {...invalid(`${base}-doc-${i}`, act.errors[`items.${i}.documentCode`])}>
                  <option value="">{t('staff.act.request_supplement.other')}</option>
                  {docs.map((d) => <option key={d.code} value={d.code}>{docName(d.code)}</option>)}
                </select>
                <FieldMsg id={`${base}-doc-${i}-err`} msg={act.errors[`items.${i}.documentCode`]} />
                <label htmlFor={`${base}-name-${i}`}>{t('staff.act.request_supplement.name')}<span aria-hidden="true" className="req"> *</span></label>
                <input id={`${base}-name-${i}`} value={x.name} onChange={(e) => set(i, { name: e.target.value })} required {...invalid(`${base}-name-${i}`, nameErr)} />
                <FieldMsg id={`${base}-name-${i}-err`} msg={nameErr} />
                <TextArea id={`${base}-reason-${i}`} label={t('staff.act.request_supplement.reason')} value={x.reason} onChange={(v) => set(i, { reason: v })} error={reasonErr} rows={2} required />
                {items.length > 1 && (
                  <button type="button" className="btn btn-small btn-danger" onClick={() => { setItems(items.filter((_, j) => j !== i)); setFocusIdx(Math.max(0, i - 1)); }}>
                    {t('staff.act.request_supplement.remove', { n: i + 1 })}
                  </button>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn btn-small" onClick={() => { setItems([...items, { doc: '', name: '', reason: '' }]); setFocusIdx(items.length); }}>
        {t('staff.act.request_supplement.add')}
      </button>
      <NoteField value={note} onChange={setNote} error={act.errors.note} />
    </Frame>
  );
}

function ResubmitForm({ ctx, onClose }: { ctx: Ctx; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const act = useAct('resubmit', ctx);
  const id = useId();
  const docs: any[] = (ctx.proc?.documents ?? []).filter((x: any) => x.template !== 'form');
  const [code, setCode] = useState(docs[0]?.code ?? '');
  const [files, setFiles] = useState<Uploaded[]>([]);
  const err = act.errors.documents ?? act.errors['documents.0.code'] ?? act.errors['documents.0.fileIds.0'];
  return (
    <Frame action="resubmit" act={act} onClose={onClose} lead={t('staff.act.resubmit.lead')} submitDisabled={files.length === 0}
      onSubmit={() => act.send({ documents: [{ code, fileIds: files.map((f) => f.id) }] })}>
      <label htmlFor={id}>{t('staff.act.resubmit.doc')}</label>
      <select id={id} value={code} onChange={(e) => setCode(e.target.value)}>
        {docs.map((x) => <option key={x.code} value={x.code}>{i18n.language === 'en' && x.nameEn ? x.nameEn : x.name}</option>)}
      </select>
      <FileDrop label={t('staff.act.resubmit.files')} files={files} onChange={setFiles} describedBy={err ? `${id}-files-err` : undefined} />
      <FieldMsg id={`${id}-files-err`} msg={err} />
    </Frame>
  );
}

function StaffSelect({ id, label, staff, value, onChange, error, emptyLabel, required }: {
  id: string; label: string; staff: Staff[]; value: string; onChange: (v: string) => void; error?: string; emptyLabel: string; required?: boolean;
}) {
  return (
    <>
      <label htmlFor={id}>{label}{required && <span aria-hidden="true" className="req"> *</span>}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={required} {...invalid(id, error)}>
        <option value="">{emptyLabel}</option>
        {staff.map((s) => <option key={s.id} value={s.id}>{s.fullName}</option>)}
      </select>
      <FieldMsg id={`${id}-err`} msg={error} />
    </>
  );
}

function MoveForm({ action, ctx, onClose }: { action: 'forward' | 'send_back'; ctx: Ctx; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const act = useAct(action, ctx);
  const id = useId();
  const target = action === 'forward' ? ctx.assignees?.next : ctx.assignees?.previous;
  const idx = (ctx.d.currentStep?.index ?? 0) + (action === 'forward' ? 1 : -1);
  const step = ctx.d.process?.[idx];
  const stepName = step ? `${idx + 1}. ${i18n.language === 'en' && step.nameEn ? step.nameEn : step.name} — ${step.unitName}` : target?.name ?? '';
  const [assignee, setAssignee] = useState('');
  const [text, setText] = useState('');
  const submit = () => {
    if (action === 'send_back') {
      if (!act.check({ reason: !text.trim() && t('staff.act.required') })) return;
      void act.send({ reason: text.trim(), ...(assignee ? { assigneeId: assignee } : {}) });
    } else void act.send({ note: opt(text), ...(assignee ? { assigneeId: assignee } : {}) });
  };
  return (
    <Frame action={action} act={act} onClose={onClose} onSubmit={submit}
      lead={stepName && t(action === 'forward' ? 'staff.act.forward.next' : 'staff.act.send_back.previous', { step: stepName })}>
      <StaffSelect id={`${id}-who`} label={t(`staff.act.${action}.assignee`)} staff={target?.staff ?? []} value={assignee} onChange={setAssignee}
        error={act.errors.assigneeId} emptyLabel={t('staff.act.forward.anyone')} />
      {action === 'send_back'
        ? <TextArea id={`${id}-reason`} label={t('staff.act.send_back.reason')} value={text} onChange={setText} error={act.errors.reason} required />
        : <NoteField value={text} onChange={setText} error={act.errors.note} />}
    </Frame>
  );
}

function AssignForm({ ctx, onClose }: { ctx: Ctx; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAct('assign', ctx);
  const id = useId();
  const [assignee, setAssignee] = useState('');
  const [note, setNote] = useState('');
  return (
    <Frame action="assign" act={act} onClose={onClose}
      onSubmit={() => act.check({ assigneeId: !assignee && t('staff.act.chooseOne') }) && act.send({ assigneeId: assignee, note: opt(note) })}>
      <StaffSelect id={id} label={t('staff.act.assign.assignee')} staff={ctx.assignees?.current?.staff ?? []} value={assignee} onChange={setAssignee}
        error={act.errors.assigneeId} emptyLabel={t('staff.act.assign.choose')} required />
      <NoteField value={note} onChange={setNote} error={act.errors.note} />
    </Frame>
  );
}

function RefuseForm({ ctx, onClose }: { ctx: Ctx; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAct('refuse', ctx);
  const base = useId();
  const [reasons, setReasons] = useState<string[]>(['']);
  const submit = () => {
    const errs: Record<string, string | false> = {};
    reasons.forEach((r, i) => { errs[`reasons.${i}`] = !r.trim() && t('staff.act.required'); });
    if (!act.check(errs)) return;
    void act.send({ reasons: reasons.map((r) => r.trim()) });
  };
  return (
    <Frame action="refuse" act={act} onClose={onClose} lead={t('staff.act.refuse.lead')} onSubmit={submit}>
      <FieldMsg id={`${base}-err`} msg={act.errors.reasons} />
      {reasons.map((r, i) => (
        <div key={i} className="reason-row">
          <TextArea id={`${base}-r${i}`} label={t('staff.act.refuse.reason', { n: i + 1 })} value={r} rows={2} required
            onChange={(v) => setReasons(reasons.map((x, j) => (j === i ? v : x)))} error={act.errors[`reasons.${i}`]} />
          {reasons.length > 1 && (
            <button type="button" className="btn btn-small btn-danger" onClick={() => setReasons(reasons.filter((_, j) => j !== i))}>{t('staff.act.refuse.remove', { n: i + 1 })}</button>
          )}
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => setReasons([...reasons, ''])}>{t('staff.act.refuse.add')}</button>
    </Frame>
  );
}

function ExtendForm({ ctx, onClose }: { ctx: Ctx; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAct('extend', ctx);
  const id = useId();
  const due = ctx.d.dueAt as string;
  const [date, setDate] = useState('');
  const [time, setTime] = useState('17:00');
  const [reason, setReason] = useState('');
  const submit = () => {
    const at = date ? new Date(`${date}T${time || '17:00'}:00+07:00`) : null;
    const ok = act.check({
      newDueAt: !date ? t('staff.act.required') : (!at || Number.isNaN(at.getTime()) || at <= new Date(due)) && t('staff.act.extend.mustBeLater'),
      reason: !reason.trim() && t('staff.act.required'),
    });
    if (ok) void act.send({ newDueAt: `${date}T${time || '17:00'}:00+07:00`, reason: reason.trim() });
  };
  return (
    <Frame action="extend" act={act} onClose={onClose} lead={t('staff.act.extend.lead', { due: fmtDateTime(due) })} onSubmit={submit}>
      <div className="two-col">
        <div>
          <label htmlFor={`${id}-date`}>{t('staff.act.extend.date')}<span aria-hidden="true" className="req"> *</span></label>
          <input id={`${id}-date`} type="date" min={vnDate(due)} value={date} onChange={(e) => setDate(e.target.value)} required {...invalid(`${id}-date`, act.errors.newDueAt)} />
        </div>
        <div>
          <label htmlFor={`${id}-time`}>{t('staff.act.extend.time')}</label>
          <input id={`${id}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
        </div>
      </div>
      <FieldMsg id={`${id}-date-err`} msg={act.errors.newDueAt} />
      <TextArea id={`${id}-reason`} label={t('staff.act.extend.reason')} value={reason} onChange={setReason} error={act.errors.reason} required />
    </Frame>
  );
}

function MoneyInput({ id, label, value, onChange, error, required }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string; required?: boolean }) {
  const n = Number(value);
  return (
    <>
      <label htmlFor={id}>{label}{required && <span aria-hidden="true" className="req"> *</span>}</label>
      <input id={id} type="number" inputMode="numeric" min={0} step={1000} value={value} onChange={(e) => onChange(e.target.value)} required={required} {...invalid(id, error)} />
      {value !== '' && Number.isFinite(n) && <div className="small muted" aria-live="polite">{fmtMoney(n)}</div>}
      <FieldMsg id={`${id}-err`} msg={error} />
    </>
  );
}

function PaymentRequestForm({ ctx, onClose }: { ctx: Ctx; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAct('request_payment', ctx);
  const id = useId();
  const [amount, setAmount] = useState(ctx.d.feeAmount ? String(ctx.d.feeAmount) : '');
  const [description, setDescription] = useState('');
  const submit = () => {
    const n = Number(amount);
    if (!act.check({ amount: (!amount || !Number.isInteger(n) || n <= 0) && t('staff.act.request_payment.positive') })) return;
    void act.send({ amount: n, description: opt(description) });
  };
  return (
    <Frame action="request_payment" act={act} onClose={onClose} onSubmit={submit}>
      <MoneyInput id={`${id}-amount`} label={t('staff.act.request_payment.amount')} value={amount} onChange={setAmount} error={act.errors.amount} required />
      <TextArea id={`${id}-desc`} label={t('staff.act.request_payment.description')} value={description} onChange={setDescription} error={act.errors.description} rows={2} />
    </Frame>
  );
}

function ConfirmPaymentForm({ ctx, onClose }: { ctx: Ctx; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAct('confirm_payment', ctx);
  const id = useId();
  const [amount, setAmount] = useState(ctx.d.feeAmount !== null && ctx.d.feeAmount !== undefined ? String(ctx.d.feeAmount) : '');
  const [method, setMethod] = useState('cash');
  const [receiptNo, setReceiptNo] = useState('');
  return (
    <Frame action="confirm_payment" act={act} onClose={onClose}
      onSubmit={() => act.send({ ...(amount !== '' ? { amount: Number(amount) } : {}), method, receiptNo: opt(receiptNo) })}>
      <MoneyInput id={`${id}-amount`} label={t('staff.act.confirm_payment.amount')} value={amount} onChange={setAmount} error={act.errors.amount} />
      <fieldset className="radios">
        <legend>{t('staff.act.confirm_payment.method')}</legend>
        {['cash', 'transfer', 'online'].map((m) => (
          <label key={m} className="check"><input type="radio" name={`${id}-method`} value={m} checked={method === m} onChange={() => setMethod(m)} /> {t(`staff.act.confirm_payment.${m}`)}</label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-no`}>{t('staff.act.confirm_payment.receiptNo')}</label>
      <input id={`${id}-no`} value={receiptNo} onChange={(e) => setReceiptNo(e.target.value)} {...invalid(`${id}-no`, act.errors.receiptNo)} />
      <FieldMsg id={`${id}-no-err`} msg={act.errors.receiptNo} />
    </Frame>
  );
}

function SignForm({ ctx, onClose }: { ctx: Ctx; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAct('sign', ctx);
  const id = useId();
  const [files, setFiles] = useState<Uploaded[]>([]);
  const [note, setNote] = useState('');
  const err = act.errors.resultFileIds ?? Object.entries(act.errors).find(([k]) => k.startsWith('resultFileIds'))?.[1];
  return (
    <Frame action="sign" act={act} onClose={onClose} lead={t('staff.act.sign.lead')}
      onSubmit={() => act.send({ resultFileIds: files.map((f) => f.id), note: opt(note) })}>
      <FileDrop label={t('staff.act.sign.files')} files={files} onChange={setFiles} describedBy={`${id}-hint${err ? ` ${id}-err` : ''}`} />
      {files.length === 0 && <p id={`${id}-hint`} className="small muted">{t('staff.act.sign.noFile')}</p>}
      <FieldMsg id={`${id}-err`} msg={err} />
      <NoteField value={note} onChange={setNote} error={act.errors.note} />
    </Frame>
  );
}

function ReturnForm({ ctx, onClose }: { ctx: Ctx; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAct('return', ctx);
  const id = useId();
  const [method, setMethod] = useState<string>(ctx.d.delivery?.method ?? (ctx.d.channel === 'online' ? 'online' : ctx.d.channel === 'post' ? 'post' : 'in_person'));
  const [receivedBy, setReceivedBy] = useState<string>(ctx.d.delivery?.recipient ?? ctx.d.applicant?.name ?? '');
  const [trackingNo, setTrackingNo] = useState('');
  const [note, setNote] = useState('');
  // By post: the UPU S10 tracking number (format and check digit checked here and by the server).
  const submit = () => {
    const s10 = method === 'post' ? (trackingNo.trim() ? s10Error(trackingNo) : 'format') : null;
    if (!act.check({ trackingNo: s10 === 'format' ? t('delivery.trackingFormat') : s10 === 'checkDigit' && t('delivery.trackingCheckDigit') })) return;
    void act.send({ method, receivedBy: opt(receivedBy), note: opt(note), ...(method === 'post' ? { trackingNo: trackingNo.trim() } : {}) });
  };
  return (
    <Frame action="return" act={act} onClose={onClose} onSubmit={submit}>
      <fieldset className="radios">
        <legend>{t('staff.act.return.method')}</legend>
        {['in_person', 'post', 'online'].map((m) => (
          <label key={m} className="check"><input type="radio" name={`${id}-method`} value={m} checked={method === m} onChange={() => setMethod(m)} /> {t(`staff.act.return.${m}`)}</label>
        ))}
      </fieldset>
      <FieldMsg id={`${id}-m-err`} msg={act.errors.method} />
      {method === 'post' && ctx.d.delivery?.address && <dl className="facts"><DeliveryFacts delivery={ctx.d.delivery} /></dl>}
      {method === 'post' && <TrackingNoInput id={`${id}-tn`} value={trackingNo} onChange={setTrackingNo} error={act.errors.trackingNo} />}
      <label htmlFor={`${id}-by`}>{t('staff.act.return.receivedBy')}</label>
      <input id={`${id}-by`} value={receivedBy} onChange={(e) => setReceivedBy(e.target.value)} autoComplete="off" {...invalid(`${id}-by`, act.errors.receivedBy)} />
      <FieldMsg id={`${id}-by-err`} msg={act.errors.receivedBy} />
      <NoteField value={note} onChange={setNote} error={act.errors.note} />
    </Frame>
  );
}
