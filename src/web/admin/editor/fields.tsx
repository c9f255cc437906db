import { createContext, useContext, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, getIn, type Definition } from '../model';
import { ddmm, isoWeekday } from '../calendar/dates';

/**
 * The editor's state shared with every input: the definition, a setter by path, and the field
 * errors from the server keyed by path. Inputs register their label so the error summary can
 * name the field an error belongs to.
 */
export interface EditorCtx {
  def: Definition;
  set(path: string, value: unknown): void;
  /** Replaces a whole list (rows added, removed or moved): errors under it no longer line up and are cleared. */
  setList(path: string, value: unknown[]): void;
  errors: Record<string, string>;
  labels: Map<string, string>;
  readOnly: boolean;
}

export const Ctx = createContext<EditorCtx | null>(null);

export function useEditor(): EditorCtx {
  const v = useContext(Ctx);
  if (!v) throw new Error('useEditor outside the procedure editor');
  return v;
}

/** The error of exactly this path, shown under its input and announced. */
export function FieldError({ path, id }: { path: string; id?: string }) {
  const { errors } = useEditor();
  const msg = errors[path];
  if (!msg) return null;
  return <div id={id ?? `${fieldId(path)}-err`} className="field-error">{msg}</div>;
}

interface BaseProps { path: string; label: string; hint?: string; className?: string }

function useField(path: string, label: string, hint?: string) {
  const ctx = useEditor();
  ctx.labels.set(path, label);
  const id = fieldId(path);
  const err = ctx.errors[path];
  const describedBy = [err ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return { ctx, id, err, describedBy, value: getIn(ctx.def, path) };
}

function Wrap({ id, label, hint, className, children, path }: { id: string; label: string; hint?: string; className?: string; children: ReactNode; path: string }) {
  return (
    <div className={`adm-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <div id={`${id}-hint`} className="small muted">{hint}</div>}
      <FieldError path={path} />
    </div>
  );
}

export function TextField({ path, label, hint, className, multiline, placeholder, onBlur, disabled, lang }: BaseProps & { multiline?: boolean; placeholder?: string; onBlur?: () => void; disabled?: boolean; lang?: string }) {
  const { ctx, id, err, describedBy, value } = useField(path, label, hint);
  const common = {
    id, value: value ?? '', placeholder, onBlur, lang, 'aria-invalid': !!err, 'aria-describedby': describedBy,
    disabled: disabled || ctx.readOnly,
    onChange: (e: { target: { value: string } }) => ctx.set(path, e.target.value),
  };
  return (
    <Wrap id={id} label={label} hint={hint} className={className} path={path}>
      {multiline ? <textarea rows={2} {...common} /> : <input type="text" {...common} />}
    </Wrap>
  );
}

/** A number; an emptied input is `undefined` (the server then says it is required) so nothing typed turns into 0. */
export function NumberField({ path, label, hint, className, min, step }: BaseProps & { min?: number; step?: string }) {
  const { ctx, id, err, describedBy, value } = useField(path, label, hint);
  return (
    <Wrap id={id} label={label} hint={hint} className={className} path={path}>
      <input
        id={id} type="number" inputMode="decimal" min={min} step={step ?? 'any'} value={value ?? ''} aria-invalid={!!err} aria-describedby={describedBy} disabled={ctx.readOnly}
        onChange={(e) => ctx.set(path, e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </Wrap>
  );
}

export function DateField({ path, label, hint, className, min }: BaseProps & { min?: string }) {
  const { ctx, id, err, describedBy, value } = useField(path, label, hint);
  return (
    <Wrap id={id} label={label} hint={hint} className={className} path={path}>
      <input id={id} type="date" min={min} value={value ?? ''} aria-invalid={!!err} aria-describedby={describedBy} disabled={ctx.readOnly}
        onChange={(e) => ctx.set(path, e.target.value || undefined)} />
      <DateReadout value={value} />
    </Wrap>
  );
}

export function SelectField({ path, label, hint, className, options, onChange }: BaseProps & { options: { value: string; label: string }[]; onChange?: (v: string) => void }) {
  const { ctx, id, err, describedBy, value } = useField(path, label, hint);
  return (
    <Wrap id={id} label={label} hint={hint} className={className} path={path}>
      <select id={id} value={String(value ?? '')} aria-invalid={!!err} aria-describedby={describedBy} disabled={ctx.readOnly}
        onChange={(e) => (onChange ? onChange(e.target.value) : ctx.set(path, e.target.value))}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Wrap>
  );
}

export function CheckField({ path, label, checked, onChange, className }: { path: string; label: string; checked: boolean; onChange: (v: boolean) => void; className?: string }) {
  const ctx = useEditor();
  ctx.labels.set(path, label);
  const id = fieldId(path);
  const err = ctx.errors[path];
  return (
    <div className={`adm-check ${className ?? ''}`}>
      <input id={id} type="checkbox" checked={checked} disabled={ctx.readOnly} aria-invalid={!!err} aria-describedby={err ? `${id}-err` : undefined}
        onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      <FieldError path={path} />
    </div>
  );
}

const groupVi = (n: number) => n.toLocaleString('vi-VN');

/**
 * The chosen date spelled out Vietnamese-style under a date input: browsers draw the input in
 * their own locale (an English browser shows 07/01/2025 for 1 July), which misleads here.
 */
export function DateReadout({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return <div className="small muted adm-date-readout">{t(`adm.wd.${isoWeekday(value)}`)}, {ddmm(value)}</div>;
}

/**
 * Money in whole đồng with thousands separators as you type ("1.500.000"), keeping the caret
 * after the same digit; an empty input is `undefined`.
 */
export function MoneyField({ path, label, hint, className }: BaseProps) {
  const { ctx, id, err, describedBy, value } = useField(path, label, hint);
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const caretDigits = useRef<number | null>(null);
  const shown = typeof value === 'number' && Number.isFinite(value) ? groupVi(value) : '';
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || caretDigits.current === null || document.activeElement !== el) return;
    let seen = 0;
    let pos = 0;
    while (pos < shown.length && seen < caretDigits.current) {
      if (/\d/.test(shown[pos])) seen++;
      pos++;
    }
    el.setSelectionRange(pos, pos);
    caretDigits.current = null;
  });
  return (
    <Wrap id={id} label={label} hint={hint} className={className} path={path}>
      <div className="adm-money">
        <input
          ref={ref} id={id} type="text" inputMode="numeric" autoComplete="off" value={shown} aria-invalid={!!err} aria-describedby={describedBy} disabled={ctx.readOnly}
          onChange={(e) => {
            const raw = e.target.value;
            const caret = e.target.selectionStart ?? raw.length;
            caretDigits.current = raw.slice(0, caret).replace(/\D/g, '').replace(/^0+(?=\d)/, '').length;
            const digits = raw.replace(/\D/g, '').slice(0, 15);
            ctx.set(path, digits === '' ? undefined : Number(digits));
          }}
        />
        <span className="adm-unit" aria-hidden="true">{t('adm.vnd')}</span>
      </div>
    </Wrap>
  );
}
