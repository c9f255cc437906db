import { useTranslation } from 'react-i18next';
import { addStrings } from '../i18n';
import { fmtDate } from '../format';
import { onceOnlyStrings } from './once-only-locales';

addStrings(onceOnlyStrings);

/** A value the population database (or the e-ID account) gives a form field: GET /my/population-record. */
export interface PrefillValue { path: string; value: string; editable: boolean; source: 'population' | 'account' }

export interface StoreItem {
  id: string; documentType: string; documentTypeName: { vi: string; en: string }; title: string; number: string | null; issuer: string | null;
  issuedOn: string | null; validUntil: string | null; expired: boolean; source: string; sourceName: { vi: string; en: string };
  sourceDossier: { id: string; code: string | null } | null; accepts: string[];
  file: { id: string; filename: string; mime: string; size: number }; url: string;
}

function setAt(obj: Record<string, any>, path: string[], value: unknown): Record<string, any> {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...obj, [head]: value };
  const inner = obj[head] && typeof obj[head] === 'object' && !Array.isArray(obj[head]) ? obj[head] : {};
  return { ...obj, [head]: setAt(inner, rest, value) };
}

/** Writes the values into the form; `lockedOnly` keeps what the citizen chose for editable fields (a resumed draft). */
export function applyPrefill(form: Record<string, any>, values: PrefillValue[], lockedOnly = false): Record<string, any> {
  return values.filter((v) => !lockedOnly || !v.editable).reduce((f, v) => setAt(f, v.path.split('.'), v.value), form);
}

/** rjsf uiSchema marking identity fields read-only with where they came from. */
export function lockedUiSchema(values: PrefillValue[], help: string): Record<string, any> {
  let ui: Record<string, any> = {};
  for (const v of values) if (!v.editable) ui = setAt(ui, v.path.split('.'), { 'ui:readonly': true, 'ui:help': help });
  return ui;
}

/** Deep merge of uiSchemas (the page's own options and the locked fields). */
export function mergeUi(a: Record<string, any>, b: Record<string, any>): Record<string, any> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = v && typeof v === 'object' && a[k] && typeof a[k] === 'object' ? mergeUi(a[k], v) : v;
  return out;
}

/**
 * Told before starting: the procedure needs a higher e-ID level than the signed-in account has,
 * and exactly how to get it (the server refuses the submission with the same guidance).
 */
export function EidLevelNotice({ need, have }: { need: number; have: number }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert" data-testid="eid-level-notice">
      <p><b>{t('oo.eidTitle')}</b></p>
      <p>{t('oo.eidNeed', { need, have })}</p>
      {need >= 2 && (
        <>
          <p>{t('oo.eidHow')}</p>
          <ul>
            <li>{t('oo.eidPolice')}</li>
            <li>{t('oo.eidApp')}</li>
          </ul>
          <p>{t('oo.eidAfter')}</p>
        </>
      )}
      <p>{t('oo.eidDesk')}</p>
    </div>
  );
}

/** One line about a store item: kind, number, issuer, date, validity, source. */
export function StoreItemFacts({ item }: { item: StoreItem }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const parts = [
    en ? item.documentTypeName.en : item.documentTypeName.vi,
    item.number ? `${t('store.number')} ${item.number}` : null,
    item.issuer,
    item.issuedOn ? `${t('store.issuedOn')} ${fmtDate(item.issuedOn)}` : null,
    `${t('store.source')}: ${en ? item.sourceName.en : item.sourceName.vi}${item.sourceDossier?.code ? ` (${t('store.ofDossier', { code: item.sourceDossier.code })})` : ''}`,
  ].filter(Boolean);
  return (
    <span className="small muted">
      {parts.join(' · ')}
      {item.validUntil && <> · {item.expired ? <span className="badge badge-bad">{t('store.expired')}</span> : `${t('store.validUntil')} ${fmtDate(item.validUntil)}`}</>}
    </span>
  );
}
