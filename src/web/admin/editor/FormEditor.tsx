import { Component, memo, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, localiseErrors, validator } from '../../citizen/rjsf';
import { addProp, fieldId, jsonErrorAt, moveProp, PROP_TYPES, propKeyOk, propRows, removeProp, updateProp, type PropRow, type PropType } from '../model';
import { FieldError, useEditor } from './fields';

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

export interface JsonState { error: string | null }

/**
 * ajv compiles validators with `new Function`; a Content-Security-Policy without 'unsafe-eval'
 * forbids that. Then the browser cannot validate (the server still does on save): say so
 * instead of failing.
 */
const evalBlocked = (() => {
  try {
    return new Function('return 1')() !== 1;
  } catch {
    return true;
  }
})();
const isEvalError = (e: unknown) => e instanceof EvalError || /Content Security Policy|unsafe-eval/i.test(String((e as Error)?.message));

/** The citizens' validator, except that a blocked `eval` means "cannot tell" rather than an exception in the middle of the preview. */
const previewValidator = new Proxy(validator as any, {
  get(target, prop) {
    const v = target[prop];
    if (typeof v !== 'function') return v;
    return (...args: unknown[]) => {
      try {
        return v.apply(target, args);
      } catch (e) {
        if (!isEvalError(e)) throw e;
        if (prop === 'isValid') return false;
        if (prop === 'validateFormData') return { errors: [], errorSchema: {} };
        if (prop === 'rawValidation') return { errors: [] };
        return undefined;
      }
    };
  },
}) as typeof validator;

/** The schema against the JSON Schema meta-schema, as far as the browser can tell (the server compiles it on save). */
function schemaProblem(schema: any): string | null {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return 'not an object';
  const ajv = (validator as any).ajv;
  if (!ajv || evalBlocked) return null;
  try {
    if (!ajv.validateSchema(schema)) return ajv.errorsText(ajv.errors);
  } catch (e) {
    if (isEvalError(e)) return null;
    return String((e as Error).message);
  }
  return null;
}

/**
 * The application form as JSON Schema: a list of its top-level fields (add, remove, reorder,
 * title, type, required), the JSON text itself with parse errors shown where they are, and a live
 * preview drawn by the very renderer citizens see.
 */
export function FormEditor({ onJsonState }: { onJsonState: (s: JsonState) => void }) {
  const { t, i18n } = useTranslation();
  const { def, set, readOnly, labels, errors } = useEditor();
  labels.set('form', t('adm.formJson'));
  const [text, setText] = useState(() => pretty(def.form));
  const [src, setSrc] = useState(def.form);
  const [parseError, setParseError] = useState<string | null>(null);
  // The form changed from elsewhere (field list, load, copy): show it as text.
  if (src !== def.form) {
    setSrc(def.form);
    setText(pretty(def.form));
    setParseError(null);
  }
  const onText = (v: string) => {
    setText(v);
    let parsed: any;
    try {
      parsed = JSON.parse(v);
    } catch (e) {
      const msg = String((e as Error).message);
      const at = jsonErrorAt(v, msg);
      const err = at ? t('adm.jsonErrorAt', { line: at.line, col: at.col, msg }) : t('adm.jsonError', { msg });
      setParseError(err);
      return;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      setParseError(t('adm.jsonNotObject'));
      return;
    }
    setParseError(null);
    setSrc(parsed);
    set('form', parsed);
  };
  // The editor blocks saving while the text does not parse (what is saved must be what is shown).
  useEffect(() => onJsonState({ error: parseError }), [parseError, onJsonState]);
  const problem = useMemo(() => (parseError ? null : schemaProblem(def.form)), [def.form, parseError]);
  const id = fieldId('form');
  const describedBy = [parseError || problem ? `${id}-parse` : '', errors.form ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <h3 id="h-fields">{t('adm.fieldList')}</h3>
      {parseError ? <p className="alert alert-info">{t('adm.fieldListDisabled')}</p> : <FieldList readOnly={readOnly} />}
      <div className="adm-form-editor">
        <div className="adm-form-left">
          <h3><label htmlFor={id} className="adm-inline-label">{t('adm.formJson')}</label></h3>
          <p className="small muted" id={`${id}-hint`}>{t('adm.formJsonHint')}</p>
          <textarea
            id={id} className="adm-json" spellCheck={false} rows={18} value={text} readOnly={readOnly} aria-invalid={!!(parseError || problem || errors.form)}
            aria-describedby={[`${id}-hint`, describedBy].filter(Boolean).join(' ')} onChange={(e) => onText(e.target.value)}
          />
          {(parseError || problem) && (
            <div id={`${id}-parse`} className="field-error" role="alert">
              {parseError ?? t('adm.schemaProblem', { msg: problem })}
            </div>
          )}
          <FieldError path="form" />
          <FieldError path="form.type" />
        </div>
        <div className="adm-form-right">
          <h3 id="h-preview">{t('adm.preview')}</h3>
          <p className="small muted">{evalBlocked ? t('adm.previewNoCheck') : t('adm.previewHint')}</p>
          <div className="adm-preview" role="region" aria-labelledby="h-preview">
            <PreviewBoundary resetKey={def.form} fallback={(e) => <p className="field-error">{t('adm.previewFailed', { msg: e })}</p>}>
              <Preview schema={def.form} lang={i18n.language} submitText={t('adm.previewCheck')} />
            </PreviewBoundary>
          </div>
        </div>
      </div>
    </>
  );
}

const Preview = memo(function Preview({ schema, lang, submitText }: { schema: any; lang: string; submitText: string }) {
  const [data, setData] = useState<any>({});
  const uiSchema = useMemo(() => ({ 'ui:submitButtonOptions': evalBlocked ? { norender: true } : { submitText, props: { className: 'btn' } } }), [submitText]);
  // rjsf compares schemas ignoring key order, so a reordered form would not redraw: remount it then (answers typed in the preview stay).
  const shape = useMemo(() => shapeOf(schema), [schema]);
  return (
    <Form
      key={shape}
      schema={schema} uiSchema={uiSchema} formData={data} validator={previewValidator} showErrorList={false} noHtml5Validate
      liveValidate={evalBlocked ? false : 'onBlur'} noValidate={evalBlocked} transformErrors={localiseErrors(lang)} onChange={(e) => setData(e.formData)} onSubmit={() => {}}
      idPrefix="preview"
    />
  );
});

/** The keys of every object in the schema, in order: changes when fields are added, removed or reordered. */
function shapeOf(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(shapeOf).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => k + shapeOf(x)).join(',')}}`;
  return '';
}

/** A schema the renderer cannot draw shows a message instead of breaking the page; the next edit tries again. */
class PreviewBoundary extends Component<{ children: ReactNode; resetKey: unknown; fallback: (msg: string) => ReactNode }, { error: string | null }> {
  state = { error: null as string | null };
  static getDerivedStateFromError(e: Error) {
    return { error: String(e?.message ?? e) };
  }
  componentDidUpdate(prev: { resetKey: unknown }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/** Top-level properties of the form, one row each. */
function FieldList({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const { def, set } = useEditor();
  const rows = propRows(def.form);
  const [live, setLive] = useState('');
  const setForm = (f: any) => set('form', f);
  const typeOptions = (cur: PropType) => [...PROP_TYPES, ...(cur === 'other' ? ['other' as const] : [])];
  const move = (key: string, i: number, by: -1 | 1) => {
    setForm(moveProp(def.form, key, by));
    setLive(t('adm.moved', { what: key, pos: i + by + 1, count: rows.length }));
    requestAnimationFrame(() => {
      const to = i + by;
      const want = by < 0 ? (to === 0 ? 'down' : 'up') : to === rows.length - 1 ? 'up' : 'down';
      document.getElementById(`prop-${to}-${want}`)?.focus();
    });
  };
  return (
    <>
      <div className="table-wrap">
        <table className="adm-props" aria-labelledby="h-fields">
          <thead>
            <tr><th scope="col">#</th><th scope="col">{t('adm.propKey')}</th><th scope="col">{t('adm.propTitle')}</th><th scope="col">{t('adm.propType')}</th><th scope="col">{t('adm.propRequired')}</th><th scope="col"><span className="sr-only-label">{t('adm.actions')}</span></th></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                <td>{i + 1}</td>
                <td><KeyInput row={r} all={rows} readOnly={readOnly} onRename={(k) => setForm(updateProp(def.form, r.key, { key: k }))} /></td>
                <td>
                  <input aria-label={t('adm.propTitleOf', { key: r.key })} value={r.title} disabled={readOnly}
                    onChange={(e) => setForm(updateProp(def.form, r.key, { title: e.target.value }))} />
                </td>
                <td>
                  <select aria-label={t('adm.propTypeOf', { key: r.key })} value={r.type} disabled={readOnly || r.type === 'other'}
                    onChange={(e) => setForm(updateProp(def.form, r.key, { type: e.target.value as PropType }))}>
                    {typeOptions(r.type).map((x) => <option key={x} value={x}>{t(`adm.types.${x}`)}</option>)}
                  </select>
                </td>
                <td>
                  <input type="checkbox" aria-label={t('adm.propRequiredOf', { key: r.key })} checked={r.required} disabled={readOnly}
                    onChange={(e) => setForm(updateProp(def.form, r.key, { required: e.target.checked }))} />
                </td>
                <td className="adm-nowrap">
                  <button type="button" id={`prop-${i}-up`} className="btn btn-small" disabled={readOnly || i === 0} aria-label={t('adm.moveUp', { what: r.key })} onClick={() => move(r.key, i, -1)}><span aria-hidden="true">↑</span></button>
                  <button type="button" id={`prop-${i}-down`} className="btn btn-small" disabled={readOnly || i === rows.length - 1} aria-label={t('adm.moveDown', { what: r.key })} onClick={() => move(r.key, i, 1)}><span aria-hidden="true">↓</span></button>
                  <button type="button" className="btn btn-small btn-danger" disabled={readOnly} aria-label={t('adm.remove', { what: r.key })}
                    onClick={() => { setForm(removeProp(def.form, r.key)); setLive(t('adm.removed', { what: r.key })); }}><span aria-hidden="true">✕</span></button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="muted">{t('adm.noProps')}</p>}
      <p className="sr-only-label" role="status" aria-live="polite">{live}</p>
      {!readOnly && <AddProp existing={rows.map((r) => r.key)} onAdd={(row) => { setForm(addProp(def.form, row)); setLive(t('adm.propAdded', { key: row.key })); }} />}
    </>
  );
}

function KeyInput({ row, all, readOnly, onRename }: { row: PropRow; all: PropRow[]; readOnly: boolean; onRename: (k: string) => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState(row.key);
  const [err, setErr] = useState<string | null>(null);
  const id = useId();
  const commit = () => {
    const k = v.trim();
    if (k === row.key) { setErr(null); return; }
    if (!propKeyOk(k)) return setErr(t('adm.propKeyBad'));
    if (all.some((r) => r.key === k)) return setErr(t('adm.propKeyTaken'));
    setErr(null);
    onRename(k);
  };
  return (
    <>
      <input aria-label={t('adm.propKeyOf', { key: row.key })} value={v} disabled={readOnly} spellCheck={false} className="adm-mono"
        aria-invalid={!!err} aria-describedby={err ? `${id}-e` : undefined}
        onChange={(e) => setV(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }} />
      {err && <div id={`${id}-e`} className="field-error">{err}</div>}
    </>
  );
}

function AddProp({ existing, onAdd }: { existing: string[]; onAdd: (r: PropRow) => void }) {
  const { t } = useTranslation();
  const [row, setRow] = useState<PropRow>({ key: '', title: '', type: 'string', required: false });
  const [err, setErr] = useState<string | null>(null);
  const add = () => {
    const key = row.key.trim();
    if (!propKeyOk(key)) return setErr(t('adm.propKeyBad'));
    if (existing.includes(key)) return setErr(t('adm.propKeyTaken'));
    if (!row.title.trim()) return setErr(t('adm.propTitleNeeded'));
    setErr(null);
    onAdd({ ...row, key, title: row.title.trim() });
    setRow({ key: '', title: '', type: 'string', required: false });
    requestAnimationFrame(() => document.getElementById('newprop-key')?.focus());
  };
  return (
    <fieldset className="adm-addprop">
      <legend>{t('adm.addProp')}</legend>
      <div className="adm-grid">
        <div className="adm-field">
          <label htmlFor="newprop-key">{t('adm.propKey')}</label>
          <input id="newprop-key" className="adm-mono" spellCheck={false} value={row.key} placeholder={t('adm.propKeyPh')} aria-describedby="newprop-key-hint"
            onChange={(e) => setRow({ ...row, key: e.target.value })} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
          <div id="newprop-key-hint" className="small muted">{t('adm.propKeyHint')}</div>
        </div>
        <div className="adm-field">
          <label htmlFor="newprop-title">{t('adm.propTitle')}</label>
          <input id="newprop-title" value={row.title} onChange={(e) => setRow({ ...row, title: e.target.value })}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
        </div>
        <div className="adm-field">
          <label htmlFor="newprop-type">{t('adm.propType')}</label>
          <select id="newprop-type" value={row.type} onChange={(e) => setRow({ ...row, type: e.target.value as PropType })}>
            {PROP_TYPES.map((x) => <option key={x} value={x}>{t(`adm.types.${x}`)}</option>)}
          </select>
        </div>
        <div className="adm-check adm-check-low">
          <input id="newprop-req" type="checkbox" checked={row.required} onChange={(e) => setRow({ ...row, required: e.target.checked })} />
          <label htmlFor="newprop-req">{t('adm.propRequired')}</label>
        </div>
      </div>
      {err && <div className="field-error" role="alert">{err}</div>}
      <button type="button" className="btn" onClick={add}>+ {t('adm.addPropButton')}</button>
    </fieldset>
  );
}
