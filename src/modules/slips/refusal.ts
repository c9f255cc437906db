/** Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu số 03, TT 01/2018/TT-VPCP and TT 03/2025/TT-VPCP). */
import {
  agencyLines,
  codeLine,
  dateTime,
  drawApplicant,
  drawDocumentHeader,
  drawTitle,
  field,
  requireDate,
} from './common.ts';
import { SlipWriter, type Content } from './layout.ts';
import type { RefusalInput } from './types.ts';

export const REFUSAL_TITLE = 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ';

export function renderRefusal(a: RefusalInput): Promise<Buffer> {
  const { agency, dossier, reasons, official } = a;
  const at = requireDate(a.refusedAt, 'refusedAt');
  const w = new SlipWriter({ title: `${REFUSAL_TITLE} ${dossier.code}`, date: at, footerLabel: `Mã hồ sơ: ${dossier.code}` });

  drawDocumentHeader(w, { agencyLines: agencyLines(agency, true), place: agency.province, date: at });
  drawTitle(w, REFUSAL_TITLE, [codeLine(dossier.code)]);

  const p = (c: Content, spaceAfter = 2) => w.paragraph(c, { spaceAfter });
  p([{ text: agency.deskName, font: 'bold' }, { text: ' tiếp nhận hồ sơ của:' }]);
  drawApplicant(w, dossier, { indent: 14 });
  p(field('Nội dung yêu cầu giải quyết', dossier.procedureName, true));
  p(field('Thời gian nộp hồ sơ', dateTime(requireDate(dossier.submittedAt, 'dossier.submittedAt'))));
  w.space(2);
  p([
    { text: 'Qua xem xét, ' },
    { text: agency.deskName },
    { text: ' thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:' },
  ], 4);
  const list = reasons.length ? reasons : ['(không nêu lý do)'];
  list.forEach((r, i) => w.item(`${i + 1}. `, r, { x: w.left + 14, labelWidth: 20, spaceAfter: 2 }));
  w.space(4);
  p('Xin thông báo để Ông/Bà được biết và thực hiện./.');

  w.signatures([null, { title: 'Người tiếp nhận hồ sơ', hint: '(Ký và ghi rõ họ tên)', name: official.name }], { spaceBefore: 12 });
  return w.finish();
}
