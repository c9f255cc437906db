import { useTranslation } from 'react-i18next';
import { addStrings } from '../i18n';

addStrings({
  vi: { sig: { title: 'Thể thức ký kết quả', signedBy: 'Người ký', delegation: 'Giải quyết theo ủy quyền', decision: 'Quyết định ủy quyền số {{no}} của {{authority}}', onBehalf: 'Ký thay (giao quyền khi vắng mặt) cho {{name}}' } },
  en: { sig: { title: 'Signature block', signedBy: 'Signed by', delegation: 'Decided under delegation', decision: 'Delegation decision {{no}} of {{authority}}', onBehalf: 'Signed as deputy for {{name}}' } },
});

export interface Signature { kind: string; lines: string[]; signer: { name: string }; delegation?: { decisionNo: string; authorityName: string }; onBehalfOf?: { name: string } }
export interface RoutedDelegation { decisionNo: string; decisionDate: string; authority: { name: string } }

/** The signature block of a signed result as it is printed (TUQ./KT./TM. lines above the signer's name). */
export function SignatureBlock({ signature }: { signature: Signature }) {
  const { t } = useTranslation();
  return (
    <div className="signature-block" aria-label={t('sig.title')} style={{ textAlign: 'center', maxWidth: '28rem' }}>
      {signature.lines.map((l, i) => <div key={i} style={{ fontWeight: 700 }}>{l}</div>)}
      <div className="small muted" style={{ margin: '0.5rem 0' }}>(đã ký)</div>
      <div style={{ fontWeight: 700 }}>{signature.signer.name}</div>
      {signature.onBehalfOf && <div className="small muted">{t('sig.onBehalf', { name: signature.onBehalfOf.name })}</div>}
    </div>
  );
}

/** "Decided under delegation: decision N of A" for a dossier routed by a delegation of authority. */
export function DelegationNote({ delegation }: { delegation: RoutedDelegation }) {
  const { t } = useTranslation();
  return <>{t('sig.decision', { no: delegation.decisionNo, authority: delegation.authority.name })}</>;
}
