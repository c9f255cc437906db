/** The shapes of the interconnected-procedure API (/api/v1/interconnect…), as the pages use them. */
export interface Bi { vi: string; en: string }
export type Duration = { unit: string; value: number };

export interface GroupPart {
  key: string; name: string; nameEn: string; procedureCode: string | null; level: 'commune' | 'province';
  agencyLabel: string; agencyLabelEn: string; external: boolean; dependsOn: string[]; deadline: Duration | null;
}

export interface Group {
  code: string; name: string; nameEn: string; summary: string; summaryEn: string; basis: string[]; lifeEvent: string; parts: GroupPart[];
}

export interface GroupDocument {
  code: string; name: string; nameEn: string; kind: string; count: number; required: boolean; note?: string | null;
  /** The parts using the document (the contract's list; the group file maps part → the part's own document code). */
  parts: string[] | Record<string, string>;
}

export const docParts = (d: GroupDocument): string[] => (Array.isArray(d.parts) ? d.parts : Object.keys(d.parts ?? {}));

export interface GroupDetail extends Group {
  form: any; documents: GroupDocument[]; refusalRule: Bi; minEidLevel: number;
}

export type PartState = 'waiting' | 'ready' | 'sent' | 'in_process' | 'approved' | 'refused' | 'cancelled' | 'failed';
export type AppStatus = 'in_progress' | 'completed' | 'partly_completed' | 'refused' | 'withdrawn';

export interface ApplicationPart {
  key: string; name: string; nameEn: string; procedureCode: string;
  agency: { code: string; name: string; nameEn: string } | null;
  external: { system: string; name: string; nameEn: string } | null;
  state: PartState; dependsOn: string[];
  dossier: { id: string; code: string; status: number; statusName: Bi; dueAt: string | null } | null;
  externalRef: string | null; outputs: Record<string, unknown>; reasons: string[] | null; cancelledBecause: string | null; updatedAt: string;
  /** Why filing failed, for staff only (null for citizens). */
  lastError?: string | null;
}

export interface Application {
  id: string; code: string; groupCode: string; groupName: string; groupNameEn: string; status: AppStatus;
  submittedAt: string; finishedAt: string | null; applicantName: string; refusalRule: Bi;
  parts: ApplicationPart[]; events: { at: string; kind: string; part: string | null; text: Bi }[]; actions: string[];
}

export interface ApplicationSummary {
  id: string; code: string; groupCode: string; groupName: string; groupNameEn: string; status: AppStatus; submittedAt: string;
  parts: { key: string; name: string; nameEn: string; state: PartState }[];
}

/** Badge tone per part state / application status. */
export const stateTone: Record<string, string> = {
  waiting: 'info', ready: 'info', sent: 'info', in_process: 'info', approved: 'ok', refused: 'bad', cancelled: 'warn', failed: 'bad',
  in_progress: 'info', completed: 'ok', partly_completed: 'warn', withdrawn: 'warn',
};
