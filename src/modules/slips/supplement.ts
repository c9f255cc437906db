/** Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu số 02, TT 01/2018/TT-VPCP and TT 03/2025/TT-VPCP). */
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
import { SIZE, SlipWriter, type Content, type Run } from './layout.ts';
import type { SupplementRequestInput } from './types.ts';

export const SUPPLEMENT_TITLE = 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ';

export function renderSupplementRequest(a: SupplementRequestInput): Promise<Buffer> {
  const { agency, dossier, items, official } = a;
  const at = requireDate(a.requestedAt, 'requestedAt');
  const w = new SlipWriter({ title: `${SUPPLEMENT_TITLE} ${dossier.code}`, date: at, footerLabel: `Mã hồ sơ: ${dossier.code}` });

  drawDocumentHeader(w, { agencyLines: agencyLines(agency, true), place: agency.province, date: at });
  drawTitle(w, SUPPLEMENT_TITLE, [codeLine(dossier.code)]);

  const p = (c: Content, spaceAfter = 2) => w.paragraph(c, { spaceAfter });
  p([{ text: agency.deskName, font: 'bold' }, { text: ' đã nhận hồ sơ của:' }]);
  drawApplicant(w, dossier, { indent: 14 });
  p(field('Nội dung yêu cầu giải quyết', dossier.procedureName, true));
  p(field('Thời gian nộp hồ sơ', dateTime(requireDate(dossier.submittedAt, 'dossier.submittedAt'))));
  w.space(2);
  p('Sau khi xem xét thành phần hồ sơ, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:', 5);

  w.table(
    [
      { title: 'STT', width: 32, align: 'center' },
      { title: 'Giấy tờ, nội dung cần bổ sung, hoàn thiện', width: (w.width - 32) * 0.5 },
      { title: 'Lý do', width: (w.width - 32) * 0.5 },
    ],
    items.map((it, i) => [String(i + 1), it.name, it.reason]),
  );
  w.space(6);
  if (a.note) p([{ text: 'Ghi chú: ', font: 'bold' }, { text: a.note }]);

  p(
    'Nội dung yêu cầu bổ sung, hoàn thiện hồ sơ nêu trên được hướng dẫn đầy đủ, một lần. ' +
      'Thời gian Ông/Bà bổ sung, hoàn thiện hồ sơ không tính vào thời hạn giải quyết hồ sơ.',
  );
  const contact: Run[] = [
    { text: 'Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ' },
    { text: official.title ? `${official.title} ${official.name}` : official.name, font: 'bold' },
    { text: ` tại ${agency.deskName}` },
  ];
  if (agency.address) contact.push({ text: `, địa chỉ: ${agency.address}` });
  if (agency.phone) contact.push({ text: ', số điện thoại: ' }, { text: agency.phone, font: 'bold' });
  contact.push({ text: ' để được hướng dẫn.' });
  p(contact);
  if (dossier.trackingUrl) {
    w.paragraph(
      [{ text: 'Tra cứu tình trạng hồ sơ tại: ' }, { text: dossier.trackingUrl, link: dossier.trackingUrl, color: '#1a3d8f' }],
      { size: SIZE.body, spaceAfter: 2 },
    );
  }

  w.signatures([null, { title: 'Người hướng dẫn', hint: '(Ký và ghi rõ họ tên)', name: official.name }], { spaceBefore: 12 });
  return w.finish();
}
