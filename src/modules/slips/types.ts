/** Input types of the slip renderers. All strings are printed as given (already localised). */

export interface SlipAgency {
  /** Issuing agency, e.g. `Sở Tư pháp` or `Ủy ban nhân dân phường Hoàn Kiếm`. */
  name: string;
  /** Governing body printed above the agency name, e.g. `Ủy ban nhân dân thành phố Hà Nội`. */
  parentName?: string;
  /** The one-stop desk, e.g. `Bộ phận Tiếp nhận và Trả kết quả`. */
  deskName: string;
  address?: string;
  phone?: string;
  /** Place written on the date line, e.g. `Hà Nội`. */
  province: string;
}

export type SlipChannel = 'in_person' | 'online' | 'post';

export interface SlipDossier {
  code: string;
  procedureName: string;
  applicantName: string;
  applicantIdNumber?: string;
  applicantAddress?: string;
  applicantPhone?: string;
  applicantEmail?: string;
  channel: SlipChannel;
  submittedAt: Date;
  receivedAt?: Date;
  dueAt?: Date;
  trackingUrl?: string;
}

export interface SlipDocument {
  name: string;
  /** `Bản chính`, `Bản sao`, `Bản sao có chứng thực`, `Bản điện tử`… (already localised). */
  kind: string;
  count: number;
}

export interface SlipOfficial {
  name: string;
  /** Position, e.g. `Giám đốc`, `Công chức Bộ phận Một cửa`. */
  title?: string;
}

export type StepJudgement = 'early' | 'on_time' | 'late' | 'in_progress';

export interface TrackingRow {
  /** The step of the internal process, e.g. `Thụ lý, thẩm định hồ sơ`. */
  step: string;
  /** Agency/unit/person handing the dossier over. */
  fromName: string;
  /** Agency/unit/person receiving it. */
  toName: string;
  /** Time of the hand-over. */
  at: Date;
  /** Deadline of the step (when the step's result was due). */
  dueAt?: Date;
  /** Result of the step; computed from `at`/`dueAt` when omitted (see `judgeStep`). */
  judgement?: StepJudgement;
  note?: string;
}

export interface ReceiptSlipInput {
  agency: SlipAgency;
  dossier: SlipDossier;
  documents: SlipDocument[];
  official: SlipOfficial;
  /** Where/how the result will be returned, e.g. `Bộ phận Một cửa Sở Tư pháp` or `Qua dịch vụ bưu chính công ích`. */
  resultDelivery?: string;
}

export interface SupplementRequestInput {
  agency: SlipAgency;
  dossier: SlipDossier;
  items: { name: string; reason: string }[];
  note?: string;
  official: SlipOfficial;
  requestedAt: Date;
}

export interface RefusalInput {
  agency: SlipAgency;
  dossier: SlipDossier;
  reasons: string[];
  official: SlipOfficial;
  refusedAt: Date;
}

export interface ApologyInput {
  agency: SlipAgency;
  dossier: SlipDossier;
  reason: string;
  oldDueAt: Date;
  newDueAt: Date;
  signer: SlipOfficial;
  issuedAt: Date;
}

export interface TrackingSlipInput {
  agency: SlipAgency;
  dossier: SlipDossier;
  rows: TrackingRow[];
}

export interface BlankFormInput {
  /** Form title, e.g. `Tờ khai đăng ký khai sinh` (printed in capitals). */
  title: string;
  procedureName: string;
  /** Printed as `Kính gửi: …` when given. */
  agencyName?: string;
  /** JSON Schema of the application form. */
  schema: object;
}
