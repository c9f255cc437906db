/** The ten national dossier statuses (Cổng Dịch vụ công quốc gia) and the three channels. */
export const Status = {
  Submitted: 1,
  Received: 2,
  NotReceived: 3,
  InProcess: 4,
  SupplementRequested: 5,
  PaymentRequested: 6,
  Withdrawn: 7,
  Stopped: 8,
  Done: 9,
  Returned: 10,
} as const;
export type StatusCode = (typeof Status)[keyof typeof Status];

export const statusNames: Record<number, { vi: string; en: string }> = {
  1: { vi: 'Mới đăng ký', en: 'Submitted' },
  2: { vi: 'Được tiếp nhận', en: 'Received' },
  3: { vi: 'Không được tiếp nhận', en: 'Not received' },
  4: { vi: 'Đang xử lý', en: 'In process' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Done' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

export const Channel = { InPerson: 1, Online: 2, Post: 3 } as const;
export const channelNames: Record<number, { vi: string; en: string; key: 'in_person' | 'online' | 'post' }> = {
  1: { vi: 'Trực tiếp', en: 'In person', key: 'in_person' },
  2: { vi: 'Trực tuyến', en: 'Online', key: 'online' },
  3: { vi: 'Bưu chính công ích', en: 'Public postal service', key: 'post' },
};

/** Statuses in which the agency's clock runs or is paused — the dossier is still open. */
export const OPEN_STATUSES = [1, 2, 4, 5, 6, 9] as const;
/** Finished: judged early/on time/late at finished_at. */
export const FINISHED_STATUSES = [3, 7, 8, 9, 10] as const;
