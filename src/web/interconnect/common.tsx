import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { get } from '../api';
import { useTranslation } from 'react-i18next';
import { fmtDate, fmtMoney } from '../format';
import { useLocalName } from '../components/ui';
import { addStrings } from '../i18n';
import { interconnectEntryStrings } from './locales';
import { stateTone, type AppStatus, type Duration, type PartState } from './types';
import './interconnect.css';

addStrings(interconnectEntryStrings);

/** Parts grouped by stage: a part's stage is one more than the latest stage among the parts it depends on. */
export function stages<T extends { key: string; dependsOn: string[] }>(parts: T[]): T[][] {
  const level = new Map<string, number>();
  const byKey = new Map(parts.map((p) => [p.key, p]));
  const depth = (p: T, seen: Set<string>): number => {
    if (level.has(p.key)) return level.get(p.key)!;
    if (seen.has(p.key)) return 0; // a cycle in data: draw it flat rather than loop
    seen.add(p.key);
    const d = p.dependsOn.map((k) => byKey.get(k)).filter((x): x is T => !!x).reduce((m, q) => Math.max(m, depth(q, seen) + 1), 0);
    level.set(p.key, d);
    return d;
  };
  const out: T[][] = [];
  for (const p of parts) (out[depth(p, new Set())] ??= []).push(p);
  return out.filter(Boolean);
}

/**
 * The parts as a small dependency diagram: stages in order (arrows between them), each part a box
 * with what `render` puts in it. A list of lists for screen readers; "after …" says the dependency in words.
 */
export function PartsFlow<T extends { key: string; name: string; nameEn: string; dependsOn: string[] }>({ parts, render, label, className }: {
  parts: T[]; render: (p: T, n: number) => ReactNode; label: string; className?: (p: T) => string;
}) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const byKey = new Map(parts.map((p) => [p.key, p]));
  const number = new Map(parts.map((p, i) => [p.key, i + 1]));
  return (
    <ol className="ic-flow" aria-label={label}>
      {stages(parts).map((stage, i) => (
        <li key={i} className="ic-stage">
          <ul className="ic-stage-parts">
            {stage.map((p) => (
              <li key={p.key} className={`ic-part ${className?.(p) ?? ''}`} data-part={p.key}>
                {render(p, number.get(p.key)!)}
                <div className="small muted">
                  {p.dependsOn.length === 0 ? t('ic.first') : t('ic.after', { list: p.dependsOn.map((k) => byKey.get(k)).filter(Boolean).map((q) => pick(q!.name, q!.nameEn)).join(', ') })}
                </div>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/**
 * The parts with a deadline each: parts filed with an agency in Motcua take their procedure's legal
 * deadline from the catalogue when the group does not state one (external parts state theirs).
 */
export function useWithDeadlines<T extends { procedureCode: string | null; external: boolean; deadline: Duration | null }>(parts: T[] | undefined): T[] | undefined {
  const [found, setFound] = useState<Record<string, Duration>>({});
  const missing = (parts ?? []).filter((p) => !p.deadline && !p.external && p.procedureCode).map((p) => p.procedureCode!).join(',');
  useEffect(() => {
    if (!missing) return;
    let live = true;
    void Promise.all(missing.split(',').map((c) => get(`/procedures/${encodeURIComponent(c)}`).then((x) => [c, x.deadline] as const, () => null)))
      .then((rows) => { if (live) setFound(Object.fromEntries(rows.filter((r): r is readonly [string, Duration] => !!r?.[1]))); });
    return () => { live = false; };
  }, [missing]);
  return parts?.map((p) => (p.deadline || !p.procedureCode || !found[p.procedureCode] ? p : { ...p, deadline: found[p.procedureCode] }));
}

/** A deadline in words ("15 ngày làm việc"); nothing when the part has none. */
export function DeadlineWords({ d }: { d: Duration | null | undefined }) {
  const { t } = useTranslation();
  if (!d) return null;
  return <>{t(`deadline.${d.unit}`, { value: d.value })}</>;
}

export function PartStateBadge({ state }: { state: PartState }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${stateTone[state] ?? 'info'}`} data-state={state}>{t(`ic.state.${state}`)}</span>;
}

export function AppStatusBadge({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${stateTone[status] ?? 'info'}`} data-status={status}>{t(`ic.status.${status}`)}</span>;
}

const HIDDEN_OUTPUTS = ['dossierCode', 'agencyName', 'agencyNameEn', 'externalRef'];
const MONEY_OUTPUTS = ['amount', 'baseSalary', 'taxAmount', 'fee', 'registrationFee', 'personalIncomeTax'];

export const hasOutputs = (o: Record<string, unknown> | null | undefined) => Object.entries(o ?? {}).some(([k, v]) => v !== null && v !== undefined && v !== '' && !HIDDEN_OUTPUTS.includes(k));

/** A part's outputs (card number, registration number…) under readable labels; unknown keys are shown as they come. */
export function Outputs({ outputs }: { outputs: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  // The dossier code, the agency and the external reference are shown with the part already.
  const entries = Object.entries(outputs ?? {}).filter(([k, v]) => v !== null && v !== undefined && v !== '' && !HIDDEN_OUTPUTS.includes(k));
  if (entries.length === 0) return null;
  const show = (k: string, v: unknown): string => {
    if (typeof v === 'number' && MONEY_OUTPUTS.includes(k)) return fmtMoney(v);
    if (v && typeof v === 'object' && 'name' in v) return String((v as { name: unknown }).name);
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(v)) return fmtDate(v);
    if (typeof v === 'number') return v.toLocaleString('vi-VN');
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (v && typeof v === 'object' && 'vi' in v) return String((v as any)[i18n.language === 'en' ? 'en' : 'vi']);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return (
    <dl className="facts ic-outputs">
      {entries.map(([k, v]) => (
        <Fragment key={k}>
          <dt>{i18n.exists(`ic.outputKey.${k}`) ? t(`ic.outputKey.${k}`) : k}</dt>
          <dd><b>{show(k, v)}</b></dd>
        </Fragment>
      ))}
    </dl>
  );
}
