import './strings';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api';
import { useLocalName } from '../../components/ui';

interface Unit { id: string; code: string; kind: string; name: string; nameEn: string }
interface Agency extends Unit { units: Unit[] }

/** An agency (searched among those the administrator may grant on), then the agency itself or one of its units. */
export function UnitPicker({ value, onChange, error }: { value: string; onChange: (unitId: string) => void; error?: string }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const id = useId();
  const [q, setQ] = useState('');
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [agencyId, setAgencyId] = useState('');
  useEffect(() => {
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      void get<{ items: Agency[] }>(`/admin/units${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`, ctl.signal).then((r) => {
        setAgencies(r.items);
        if (r.items.length === 1) setAgencyId(r.items[0]!.id);
      }).catch(() => {});
    }, 250);
    return () => { clearTimeout(timer); ctl.abort(); };
  }, [q]);
  const agency = agencies.find((a) => a.id === agencyId);
  useEffect(() => { if (agency && !value) onChange(agency.id); }, [agency, value, onChange]);
  return (
    <fieldset className="usr-unit">
      <legend>{t('usr.unit')}</legend>
      <label htmlFor={`${id}-q`}>{t('usr.findAgency')}</label>
      <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      <label htmlFor={`${id}-a`}>{t('usr.agency')}</label>
      <select id={`${id}-a`} value={agencyId} onChange={(e) => { setAgencyId(e.target.value); onChange(e.target.value); }} required>
        <option value="">{t('usr.pickAgency')}</option>
        {agencies.map((a) => <option key={a.id} value={a.id}>{a.code} — {pick(a.name, a.nameEn)}</option>)}
      </select>
      {agency && (
        <>
          <label htmlFor={`${id}-u`}>{t('usr.pickUnit')}</label>
          <select id={`${id}-u`} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined}>
            <option value={agency.id}>{t('usr.wholeAgency')}</option>
            {agency.units.map((u) => <option key={u.id} value={u.id}>{pick(u.name, u.nameEn)}</option>)}
          </select>
        </>
      )}
      {error && <p id={`${id}-err`} className="field-error">{error}</p>}
    </fieldset>
  );
}
