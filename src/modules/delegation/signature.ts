import type { Executor } from '../../platform/db/database.ts';
import { getOrgUnit, type OrgUnit } from '../agencies/service.ts';
import { staffPosition } from '../identity/grants.ts';

/**
 * The signature block of a result (thể thức chữ ký, Decree 30/2020/NĐ-CP Article 13 and
 * Appendix I §II.8): the lines printed above the signer's name, top to bottom.
 *
 * - Collective body (People's Committee): "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", or for a deputy
 *   "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
 * - Head-led agency: "GIÁM ĐỐC", or for a deputy "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC".
 * - Under a delegation of authority from agency A (ủy quyền): "TUQ. <TITLE OF A'S HEAD>" above the
 *   signer's own title qualified by their agency ("GIÁM ĐỐC SỞ …"), with "KT." when a deputy
 *   signs for the delegate's head.
 * - An official who is neither head nor deputy signing through the head's personal delegation:
 *   "TUQ. <HEAD TITLE>" above their own title (Art. 13(3): the head authorises the head of a unit).
 */
export interface SignatureBlock {
  kind: 'own' | 'KT' | 'TM' | 'TUQ';
  lines: string[];
  signer: { id: string; name: string; title: string | null; position: 'head' | 'deputy' | null };
  agency: { id: string; name: string };
  delegation?: { id: string; decisionNo: string; authorityName: string };
  onBehalfOf?: { userId: string; name: string };
}

export const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi-VN');

/** "Ủy ban nhân dân phường Ba Đình" → "ỦY BAN NHÂN DÂN": the collective's name without its place. */
export function collectiveName(agency: Pick<OrgUnit, 'name'>): string {
  const m = agency.name.match(/^(Ủy ban nhân dân|Hội đồng nhân dân)/i);
  return upper(m ? m[1] : agency.name);
}

export interface FormulaInput {
  agency: Pick<OrgUnit, 'name' | 'headTitle' | 'headTitleFull' | 'collective'>;
  position: 'head' | 'deputy' | null;
  signerTitle: string | null;
  /** The delegating authority's head title, qualified ("Chủ tịch Ủy ban nhân dân thành phố Hà Nội"), when signing under a delegation of authority. */
  delegatingHeadTitle?: string | null;
  /** True when the signer acts through a personal delegation (their own role would not let them sign). */
  onBehalf?: boolean;
}

/** The lines of the signature block (pure: the tests check every case). */
export function signatureLines(f: FormulaInput): { kind: SignatureBlock['kind']; lines: string[] } {
  const head = upper(f.agency.headTitle ?? 'Thủ trưởng cơ quan');
  const headFull = upper(f.agency.headTitleFull ?? f.agency.headTitle ?? f.agency.name);
  const deputy = `PHÓ ${head}`;
  if (f.delegatingHeadTitle) {
    const tuq = `TUQ. ${upper(f.delegatingHeadTitle)}`;
    if (f.position === 'deputy') return { kind: 'TUQ', lines: [tuq, `KT. ${headFull}`, deputy] };
    if (f.position === 'head') return { kind: 'TUQ', lines: [tuq, headFull] };
    return { kind: 'TUQ', lines: [tuq, upper(f.signerTitle ?? headFull)] };
  }
  if (f.position === null && f.onBehalf) {
    return { kind: 'TUQ', lines: [`TUQ. ${head}`, upper(f.signerTitle ?? '')].filter(Boolean) };
  }
  if (f.agency.collective) {
    const tm = `TM. ${collectiveName(f.agency)}`;
    if (f.position === 'deputy') return { kind: 'TM', lines: [tm, `KT. ${head}`, deputy] };
    return { kind: 'TM', lines: [tm, head] };
  }
  if (f.position === 'deputy') return { kind: 'KT', lines: [`KT. ${head}`, deputy] };
  if (f.position === 'head') return { kind: 'own', lines: [head] };
  return { kind: 'own', lines: [upper(f.signerTitle ?? head)] };
}

/** The dossier's record of the delegation it was routed by (stored at submission). */
export interface RoutedDelegation {
  id: string;
  decisionNo: string;
  decisionDate: string;
  authority: { id: string; code: string; name: string; headTitleFull: string | null };
}

/** The signature block for `signerId` signing a result of `agencyId`, under `delegation` when the dossier was routed by one. */
export async function signatureFor(db: Executor, input: { agencyId: string; signerId: string; delegation: RoutedDelegation | null; onBehalfOf: { userId: string; name: string } | null }): Promise<SignatureBlock> {
  const agency = await getOrgUnit(db, input.agencyId);
  const pos = await staffPosition(db, input.signerId);
  const { kind, lines } = signatureLines({
    agency: agency ?? { name: '', headTitle: null, headTitleFull: null, collective: false },
    position: pos?.position ?? null,
    signerTitle: pos?.title ?? null,
    delegatingHeadTitle: input.delegation ? input.delegation.authority.headTitleFull ?? `Thủ trưởng ${input.delegation.authority.name}` : null,
    onBehalf: !!input.onBehalfOf,
  });
  return {
    kind, lines,
    signer: { id: input.signerId, name: pos?.name ?? '', title: pos?.title ?? null, position: pos?.position ?? null },
    agency: { id: input.agencyId, name: agency?.name ?? '' },
    ...(input.delegation ? { delegation: { id: input.delegation.id, decisionNo: input.delegation.decisionNo, authorityName: input.delegation.authority.name } } : {}),
    ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}),
  };
}
