import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDateTime } from '../format';
import { plainDate } from './common';

type Schema = {
  type?: string | string[];
  title?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: { const?: unknown; title?: string }[];
  anyOf?: { const?: unknown; title?: string }[];
};

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys in the schema's order first, then any answers the schema does not describe (older versions, extras). */
function orderedKeys(schema: Schema | undefined, value: Record<string, unknown>): string[] {
  const known = Object.keys(schema?.properties ?? {}).filter((k) => k in value);
  return [...known, ...Object.keys(value).filter((k) => !known.includes(k))];
}

function useFormat() {
  const { t } = useTranslation();
  return (schema: Schema | undefined, v: unknown): ReactNode => {
    if (typeof v === 'boolean') return v ? t('staff.dossier.yes') : t('staff.dossier.no');
    if (typeof v === 'number') return v.toLocaleString('vi-VN');
    if (typeof v === 'string') {
      const named = (schema?.oneOf ?? schema?.anyOf)?.find((o) => o.const === v);
      if (named?.title) return named.title;
      if (schema?.format === 'date') return plainDate(v);
      if (schema?.format === 'date-time') return fmtDateTime(v);
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => String(x)).join(', ');
    return JSON.stringify(v);
  };
}

/**
 * The applicant's answers laid out with the labels of the procedure's form (JSON Schema titles):
 * plain answers as a definition list, groups as sub-sections, lists of records as tables.
 */
export function FormAnswers({ schema, value }: { schema: Schema | undefined; value: unknown }) {
  const { t } = useTranslation();
  if (!isObject(value) || Object.keys(value).length === 0) return <p className="muted">{t('staff.dossier.noForm')}</p>;
  return <ObjectView schema={schema} value={value} level={3} />;
}

function ObjectView({ schema, value, level }: { schema: Schema | undefined; value: Record<string, unknown>; level: number }) {
  const fmt = useFormat();
  const keys = orderedKeys(schema, value).filter((k) => !isEmpty(value[k]));
  const plain = keys.filter((k) => !isObject(value[k]) && !(Array.isArray(value[k]) && (value[k] as unknown[]).some(isObject)));
  const nested = keys.filter((k) => !plain.includes(k));
  const H = (level <= 3 ? 'h3' : 'h4') as 'h3' | 'h4';
  return (
    <>
      {plain.length > 0 && (
        <dl className="kv">
          {plain.map((k) => {
            const s = schema?.properties?.[k];
            return (
              <div key={k} className="fact">
                <dt>{s?.title ?? k}</dt>
                <dd>{fmt(s, value[k])}</dd>
              </div>
            );
          })}
        </dl>
      )}
      {nested.map((k) => {
        const s = schema?.properties?.[k];
        const v = value[k];
        return (
          <section key={k} className="answer-group">
            <H>{s?.title ?? k}</H>
            {isObject(v) ? <ObjectView schema={s} value={v} level={level + 1} /> : <ArrayTable schema={s} rows={v as unknown[]} />}
          </section>
        );
      })}
    </>
  );
}

function ArrayTable({ schema, rows }: { schema: Schema | undefined; rows: unknown[] }) {
  const fmt = useFormat();
  const item = schema?.items;
  const cols = [...new Set([...Object.keys(item?.properties ?? {}), ...rows.flatMap((r) => (isObject(r) ? Object.keys(r) : []))])]
    .filter((c) => rows.some((r) => isObject(r) && !isEmpty(r[c])));
  return (
    <div className="table-wrap">
      <table className="stack answers-table">
        <thead>
          <tr><th scope="col">#</th>{cols.map((c) => <th key={c} scope="col">{item?.properties?.[c]?.title ?? c}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td data-label="#">{i + 1}</td>
              {cols.map((c) => {
                const label = item?.properties?.[c]?.title ?? c;
                const v = isObject(r) ? r[c] : undefined;
                return <td key={c} data-label={label}>{isEmpty(v) ? '—' : fmt(item?.properties?.[c], v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
