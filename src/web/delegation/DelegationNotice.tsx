import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { fmtDate } from '../format';
import { useLocalName } from '../components/ui';
import { addStrings } from '../i18n';
import { delegationNoticeStrings } from './locales';

addStrings(delegationNoticeStrings);

interface Ref { code: string; name: string; nameEn: string }
export interface DelegationInForce {
  procedureCode: string;
  items: {
    id: string; decisionNo: string; decisionDate: string; signer: string; conditions: string; validFrom: string; validTo: string | null;
    authority: Ref; delegate: Ref;
    delegateClass: { sector: string; level: string; name: string; nameEn: string; count: number; agencies: Ref[] | null } | null;
  }[];
  /** Under a class delegation: the agencies the applicant chooses among. */
  delegates: (Ref & { adminUnitCode: string | null })[] | null;
  /** Under a class delegation: the line above the choice, in both languages. */
  hint: { vi: string; en: string } | null;
}

/** GET /delegations/in-force for a procedure (null while loading or when it cannot be read). */
export async function loadDelegationInForce(code: string): Promise<DelegationInForce | null> {
  return get<DelegationInForce>(`/delegations/in-force?procedureCode=${encodeURIComponent(code)}`).catch(() => null);
}

/** The procedure page's card: to whom the procedure is delegated, by which decision, for how long. */
export function DelegationNotice({ code }: { code: string }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const [d, setD] = useState<DelegationInForce | null>(null);
  useEffect(() => { void loadDelegationInForce(code).then(setD); }, [code]);
  if (!d?.items.length) return null;
  // In a sentence: "… ủy quyền cho tất cả Ủy ban nhân dân cấp xã …".
  const delegateText = (x: DelegationInForce['items'][number]) => x.delegateClass && !x.delegateClass.agencies
    ? t('dlgPub.allOf', { name: pick(x.delegateClass.name, x.delegateClass.nameEn) }) : pick(x.delegate.name, x.delegate.nameEn);
  return (
    <section className="card" aria-labelledby="h-delegation" data-testid="delegation-notice">
      <h2 id="h-delegation">{t('dlgPub.title')}</h2>
      <p>{t('dlgPub.lead')}</p>
      {d.items.map((x) => (
        <div key={x.id}>
          <p>{t('dlgPub.byDecision', { authority: pick(x.authority.name, x.authority.nameEn), delegate: delegateText(x), no: x.decisionNo, date: fmtDate(x.decisionDate), signer: x.signer })}{' '}
            {t('dlgPub.window', { from: fmtDate(x.validFrom), to: x.validTo ? fmtDate(x.validTo) : t('dlgPub.untilRevoked') })}</p>
          <dl className="facts">
            {x.delegateClass && d.hint && <><dt>{t('dlgPub.fileAt')}</dt><dd>{pick(d.hint.vi, d.hint.en)} ({t('dlgPub.count', { count: x.delegateClass.count })})</dd></>}
            {x.conditions && <><dt>{t('dlgPub.conditions')}</dt><dd>{x.conditions}</dd></>}
          </dl>
        </div>
      ))}
    </section>
  );
}
