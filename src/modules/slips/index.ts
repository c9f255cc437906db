/**
 * PDF rendering of the standard dossier slips of the one-stop desk (Circular 01/2018/TT-VPCP,
 * replaced by Circular 03/2025/TT-VPCP) and of blank declaration forms. A4, DejaVu fonts embedded
 * (subset), times in Vietnam local time (UTC+7). Pure functions: no I/O besides reading the font
 * files once per process.
 */
export { renderReceiptSlip, RECEIPT_TITLE } from './receipt.ts';
export { renderSupplementRequest, SUPPLEMENT_TITLE } from './supplement.ts';
export { renderRefusal, REFUSAL_TITLE } from './refusal.ts';
export { renderApology, APOLOGY_TITLE } from './apology.ts';
export { renderTrackingSlip, TRACKING_TITLE } from './tracking.ts';
export { renderBlankForm } from './blank-form.ts';
import { loadFonts } from './fonts.ts';

/**
 * Reads and parses the font files now (they are otherwise loaded lazily by the first render,
 * which then takes ~150 ms instead of ~20 ms). Call at start-up if the first slip must be fast.
 */
export function preloadSlipFonts(): void {
  loadFonts();
}
export { judgeStep, CHANNEL_LABELS, JUDGEMENT_LABELS } from './common.ts';
export {
  formatVnDate,
  formatVnDateTime,
  formatVnLongDate,
  formatVnLongDateTime,
  formatVnPlaceDate,
  formatVnTime,
  formatVnWeekday,
  vnParts,
} from './format.ts';
export type {
  ApologyInput,
  BlankFormInput,
  ReceiptSlipInput,
  RefusalInput,
  SlipAgency,
  SlipChannel,
  SlipDocument,
  SlipDossier,
  SlipOfficial,
  StepJudgement,
  SupplementRequestInput,
  TrackingRow,
  TrackingSlipInput,
} from './types.ts';

/**
 * Form numbers of each slip in the two circulars (the numbering changed in 2025; the 2018
 * numbering below is the one of the published appendix of TT 01/2018/TT-VPCP).
 */
export const SLIP_FORMS = {
  receipt: { tt01_2018: '01', tt03_2025: '01' },
  supplementRequest: { tt01_2018: '02', tt03_2025: '02' },
  refusal: { tt01_2018: '03', tt03_2025: '03' },
  apology: { tt01_2018: '04', tt03_2025: '04' },
  tracking: { tt01_2018: '05', tt03_2025: '06' },
} as const;
