import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/ui';
import { fmtMoney } from '../../format';
import { DOC_KINDS, fieldId, moveItem, slug, todayLocal, type Doc, type Fee } from '../model';
import { CheckField, DateField, FieldError, MoneyField, NumberField, SelectField, TextField, useEditor } from './fields';
import { RowTools } from './RowTools';

type Announce = (msg: string) => void;

/** Fees (phí, lệ phí): each dated, with the in-person and the online amount and its legal basis. */
export function FeesEditor({ announce }: { announce: Announce }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const { def, setList, readOnly } = useEditor();
  const fees = def.fees;
  const add = () => {
    const f: Fee = { name: '', nameEn: '', amount: undefined, effectiveFrom: todayLocal(), basis: '' };
    setList('fees', [...fees, f]);
    requestAnimationFrame(() => document.getElementById(fieldId(`fees[${fees.length}].name`))?.focus());
  };
  return (
    <>
      <FieldError path="fees" />
      {fees.length === 0 && <p className="muted">{t('adm.noFees')}</p>}
      {fees.map((f, i) => {
        const what = t('adm.feeN', { n: i + 1 });
        return (
          <fieldset key={i} className="adm-row" id={fieldId(`fees[${i}]`)}>
            <legend>{what}{f.name ? `: ${pick(f.name, f.nameEn)}` : ''}</legend>
            <RowTools listId="fees" index={i} count={fees.length} what={what} announce={announce} disabled={readOnly}
              onMove={(by) => setList('fees', moveItem(fees, i, by))} onRemove={() => setList('fees', fees.filter((_, j) => j !== i))} />
            <FieldError path={`fees[${i}]`} />
            <div className="adm-grid">
              <TextField className="span-2" path={`fees[${i}].name`} label={t('adm.nameVi')} multiline />
              <TextField className="span-2" path={`fees[${i}].nameEn`} label={t('adm.nameEn')} multiline lang="en" />
              <MoneyField path={`fees[${i}].amount`} label={t('adm.amount')} />
              <MoneyField path={`fees[${i}].onlineAmount`} label={t('adm.onlineAmount')} hint={t('adm.onlineAmountHint')} />
              <DateField path={`fees[${i}].effectiveFrom`} label={t('adm.effectiveFrom')} />
              <DateField path={`fees[${i}].effectiveTo`} label={t('adm.effectiveTo')} hint={t('adm.effectiveToHint')} />
              <TextField className="span-2" path={`fees[${i}].basis`} label={t('adm.basis')} />
              <TextField className="span-2" path={`fees[${i}].note`} label={t('adm.note')} />
            </div>
            <p className="small muted adm-fee-sum">
              {t('adm.feeSummary', { inPerson: fmtMoney(f.amount ?? null), online: fmtMoney(f.onlineAmount ?? f.amount ?? null) })}
            </p>
          </fieldset>
        );
      })}
      {!readOnly && <button type="button" id="fees-add" className="btn" onClick={add}>+ {t('adm.addFee')}</button>}
    </>
  );
}

/** Required documents (thành phần hồ sơ). */
export function DocumentsEditor({ announce }: { announce: Announce }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const { def, set, setList, readOnly } = useEditor();
  const docs = def.documents;
  const add = () => {
    const d: Doc = { code: '', name: '', nameEn: '', kind: 'original', count: 1, required: true };
    setList('documents', [...docs, d]);
    requestAnimationFrame(() => document.getElementById(fieldId(`documents[${docs.length}].name`))?.focus());
  };
  return (
    <>
      <FieldError path="documents" />
      {docs.length === 0 && <p className="muted">{t('adm.noDocs')}</p>}
      {docs.map((d, i) => {
        const what = t('adm.docN', { n: i + 1 });
        const shown = pick(d.name, d.nameEn);
        return (
          <fieldset key={i} className="adm-row" id={fieldId(`documents[${i}]`)}>
            <legend>{what}{shown ? `: ${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}` : ''}</legend>
            <RowTools listId="documents" index={i} count={docs.length} what={what} announce={announce} disabled={readOnly}
              onMove={(by) => setList('documents', moveItem(docs, i, by))} onRemove={() => setList('documents', docs.filter((_, j) => j !== i))} />
            <FieldError path={`documents[${i}]`} />
            <div className="adm-grid">
              <TextField className="span-2" path={`documents[${i}].name`} label={t('adm.nameVi')} multiline
                onBlur={() => { if (!d.code && d.name) set(`documents[${i}].code`, slug(d.name)); }} />
              <TextField className="span-2" path={`documents[${i}].nameEn`} label={t('adm.nameEn')} multiline lang="en" />
              <TextField path={`documents[${i}].code`} label={t('adm.docCode')} />
              <SelectField path={`documents[${i}].kind`} label={t('adm.docKind')} options={DOC_KINDS.map((k) => ({ value: k, label: t(`adm.docKinds.${k}`) }))} />
              <NumberField path={`documents[${i}].count`} label={t('adm.docCount')} min={1} step="1" />
              <div className="adm-checks">
                <CheckField path={`documents[${i}].required`} label={t('adm.docRequired')} checked={!!d.required} onChange={(v) => set(`documents[${i}].required`, v)} />
                <CheckField path={`documents[${i}].template`} label={t('adm.docTemplate')} checked={d.template === 'form'} onChange={(v) => set(`documents[${i}].template`, v ? 'form' : undefined)} />
              </div>
              <TextField className="span-4" path={`documents[${i}].note`} label={t('adm.note')} />
            </div>
          </fieldset>
        );
      })}
      {!readOnly && <button type="button" id="documents-add" className="btn" onClick={add}>+ {t('adm.addDoc')}</button>}
    </>
  );
}

/** A list of short texts (legal basis, keywords) with the same row buttons. */
export function StringListEditor({ path, itemLabel, addLabel, announce, minCount = 0 }: { path: 'legalBasis' | 'keywords'; itemLabel: string; addLabel: string; announce: Announce; minCount?: number }) {
  const { def, setList, readOnly } = useEditor();
  const items = def[path];
  const add = () => {
    setList(path, [...items, '']);
    requestAnimationFrame(() => document.getElementById(fieldId(`${path}[${items.length}]`))?.focus());
  };
  return (
    <>
      <FieldError path={path} />
      <ol className="adm-strings">
        {items.map((_, i) => {
          const what = `${itemLabel} ${i + 1}`;
          return (
            <li key={i}>
              <span className="adm-strings-n" aria-hidden="true">{i + 1}.</span>
              <TextField path={`${path}[${i}]`} label={what} className="adm-grow adm-hidden-label" />
              <RowTools listId={path} index={i} count={items.length} what={what} announce={announce} disabled={readOnly} minCount={minCount}
                onMove={(by) => setList(path, moveItem(items, i, by))} onRemove={() => setList(path, items.filter((_, j) => j !== i))} />
            </li>
          );
        })}
      </ol>
      {!readOnly && <button type="button" id={`${path}-add`} className="btn" onClick={add}>+ {addLabel}</button>}
    </>
  );
}
