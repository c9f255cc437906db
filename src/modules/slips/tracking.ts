/**
 * Phiếu kiểm soát quá trình giải quyết hồ sơ (TT 01/2018/TT-VPCP; Mẫu số 06 of TT 03/2025/TT-VPCP).
 * One row per hand-over; the table header is repeated on every page.
 */
import {
  JUDGEMENT_LABELS,
  agencyLines,
  codeLine,
  dateTime,
  drawDocumentHeader,
  drawTitle,
  field,
  judgeStep,
  receiptTime,
  requireDate,
} from './common.ts';
import { SlipWriter, type Content, type Run } from './layout.ts';
import type { TrackingSlipInput } from './types.ts';

export const TRACKING_TITLE = 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ';

export function renderTrackingSlip(a: TrackingSlipInput): Promise<Buffer> {
  const { agency, dossier, rows } = a;
  const received = requireDate(receiptTime(dossier), 'dossier.receivedAt/submittedAt');
  const w = new SlipWriter({ title: `${TRACKING_TITLE} ${dossier.code}`, date: received, footerLabel: `Mã hồ sơ: ${dossier.code}` });

  drawDocumentHeader(w, { agencyLines: agencyLines(agency, true), place: agency.province, date: received });
  drawTitle(w, TRACKING_TITLE, [
    [{ text: '(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)', font: 'italic' }],
    codeLine(dossier.code),
  ]);

  const p = (c: Content) => w.paragraph(c, { spaceAfter: 2 });
  p(field('Người nộp hồ sơ', dossier.applicantName, true));
  p(field('Nội dung yêu cầu giải quyết', dossier.procedureName, true));
  p(field('Cơ quan giải quyết hồ sơ', agency.name));
  const times: Run[] = [...field('Thời gian tiếp nhận', dateTime(received))];
  if (dossier.dueAt) times.push({ text: '      ' }, ...field('Hẹn trả kết quả', dateTime(requireDate(dossier.dueAt, 'dossier.dueAt')), true));
  p(times);
  w.space(6);

  const fixed = { stt: 28, time: 58, due: 58, result: 56, note: 72 };
  const step = Math.round((w.width - fixed.stt - fixed.time - fixed.due - fixed.result - fixed.note) * 0.36);
  const parties = w.width - fixed.stt - fixed.time - fixed.due - fixed.result - fixed.note - step;
  w.table(
    [
      { title: 'STT', width: fixed.stt, align: 'center' },
      { title: 'Bước xử lý', width: step },
      { title: 'Tên cơ quan, bộ phận, người giao → nhận hồ sơ', width: parties },
      { title: 'Thời gian giao, nhận hồ sơ', width: fixed.time, align: 'center' },
      { title: 'Hạn xử lý', width: fixed.due, align: 'center' },
      { title: 'Kết quả', width: fixed.result, align: 'center' },
      { title: 'Ghi chú', width: fixed.note },
    ],
    rows.map((r, i) => {
      const at = requireDate(r.at, `rows[${i}].at`);
      const due = r.dueAt ? requireDate(r.dueAt, `rows[${i}].dueAt`) : undefined;
      const judgement = r.judgement ?? judgeStep(at, due);
      const result: Content = judgement
        ? [{ text: JUDGEMENT_LABELS[judgement], font: judgement === 'late' ? 'bold' : 'regular' }]
        : '';
      return [
        String(i + 1),
        r.step,
        [
          { text: 'Giao: ', font: 'italic' },
          { text: r.fromName },
          { text: '\n' },
          { text: 'Nhận: ', font: 'italic' },
          { text: r.toName },
        ],
        dateTime(at).replace(' ', '\n'),
        due ? dateTime(due).replace(' ', '\n') : '',
        result,
        r.note ?? '',
      ];
    }),
    { size: 9.5, headerSize: 9 },
  );

  const counted = rows.map((r) => r.judgement ?? judgeStep(r.at, r.dueAt));
  const n = (j: string) => counted.filter((c) => c === j).length;
  w.space(6);
  w.paragraph(
    `Tổng số lượt giao, nhận: ${rows.length}; trước hạn: ${n('early')}; đúng hạn: ${n('on_time')}; quá hạn: ${n('late')}; đang xử lý: ${n('in_progress')}.`,
    { font: 'italic', size: 9.5 },
  );
  return w.finish();
}
