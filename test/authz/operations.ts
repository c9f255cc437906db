import { actor, actorNames, citizens, dossierStaff, ownStaff, signedIn, staffActors, systemAdmins, type ActorName } from './actors.ts';
import { IDENTITY_OPERATIONS } from './identity-operations.ts';
import { tinyPdf } from '../fixtures.ts';

/** Ids the requests point at, made by the matrix test's set-up (An's dossier at the city police…). */
export interface Fixture {
  procedureCode: string;
  dossierId: string;
  dossierCode: string;
  anFileId: string;
  binhFileId: string;
  draftId: string;
  noticeId: string;
  counterId: string;
  ticketId: string;
  agencyCode: string;
  userIds: Record<string, string>;
  /** An item of An's personal data store. */
  storeItemId: string;
  /** An e-result issued for a second dossier of An (signed without an uploaded file). */
  resultId: string;
  /** Staff accounts (fixture-made: `target`) and units by code, as the staff administration API shows them. */
  staffIds: Record<string, string>;
  units: Record<string, { id: string; desk: string; leadership: string }>;
  /** Grants of `target` each allowed administrator revokes (so both find one to revoke). */
  revocable: Record<string, { role: string; unitId: string }>;
  /** The security policy in force (PUT with the same values changes nothing). */
  policy: Record<string, unknown>;
  /** The seeded delegation of authority that has ended (revoking it "later" is refused as a date error). */
  endedDelegationId: string;
  /** Personal delegations (scheduled in 2031) given by the officer, the head and the signer of the city police. */
  deputies: { officer: string; head: string; signer: string };
  mergerId: string;
  /** Two extra sessions of An: one he revokes, one the others try to revoke. */
  anSessions: { own: string; other: string };
}

interface Req { method: string; url: string; body?: unknown; headers?: Record<string, string> }

export interface Operation {
  /** `METHOD /path` exactly as in the OpenAPI document. */
  op: string;
  /** Who gets past authorisation; 'lifecycle' = dossier actions, tested state by state. */
  allow: readonly ActorName[] | 'lifecycle';
  request(fx: Fixture, actor: ActorName): Req;
  /** Public look-ups answer 404 to anonymous callers when the thing is not theirs to find. */
  anonStatus?: 404;
  /** For lists: among the allowed, exactly `who` see the fixture's item in the answer. */
  visible?: { who: readonly ActorName[]; in(body: any, fx: Fixture): boolean };
  /** Further checks on every answer (a message when something leaked). */
  check?(r: { status: number; headers: Headers; body: any }, actor: ActorName): string | undefined;
}

const everyone = actorNames;
/** City-wide settings (law as data, the calendar, the display policy): the city level only. */
const cityAdmin: ActorName[] = ['admin'];
const supervising = staffActors.filter((n) => ['supervisor', 'head_of_division', 'signing_authority'].includes(actor(n).role!));
const get = (url: string) => (): Req => ({ method: 'GET', url });
const V = '/api/v1';

function multipart(): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(tinyPdf())], { type: 'application/pdf' }), 'scan.pdf');
  return fd;
}

const dossierActions = ['assign', 'confirm-payment', 'extend', 'forward', 'receive', 'refuse', 'request-payment', 'request-supplement', 'resubmit', 'return', 'send-back', 'sign', 'stop', 'withdraw'];

export const OPERATIONS: Operation[] = [
  // Reference data and the public catalogue: open to everyone.
  { op: 'GET /api/v1/admin-units', allow: everyone, request: get(`${V}/admin-units?q=Ba%20%C4%90%C3%ACnh`) },
  { op: 'GET /api/v1/admin-units/{code}', allow: everyone, request: get(`${V}/admin-units/01`) },
  { op: 'GET /api/v1/agencies', allow: everyone, request: get(`${V}/agencies`) },
  { op: 'GET /api/v1/agencies/{code}', allow: everyone, request: get(`${V}/agencies/000.00.11.H26`) },
  { op: 'GET /api/v1/procedures', allow: everyone, request: get(`${V}/procedures?q=khai%20sinh`) },
  { op: 'GET /api/v1/procedures/{code}', allow: everyone, request: (fx) => ({ method: 'GET', url: `${V}/procedures/${fx.procedureCode}` }) },
  { op: 'GET /api/v1/procedures/{code}/versions', allow: everyone, request: (fx) => ({ method: 'GET', url: `${V}/procedures/${fx.procedureCode}/versions` }) },
  { op: 'GET /api/v1/procedures/{code}/fee-quote', allow: everyone, request: (fx) => ({ method: 'GET', url: `${V}/procedures/${fx.procedureCode}/fee-quote?channel=online` }) },
  { op: 'GET /api/v1/procedures/{code}/form.pdf', allow: everyone, request: (fx) => ({ method: 'GET', url: `${V}/procedures/${fx.procedureCode}/form.pdf` }) },
  { op: 'GET /api/v1/catalog/fields', allow: everyone, request: get(`${V}/catalog/fields`) },
  { op: 'GET /api/v1/catalog/life-events', allow: everyone, request: get(`${V}/catalog/life-events`) },
  { op: 'GET /api/v1/calendar/years/{year}', allow: everyone, request: get(`${V}/calendar/years/2026`) },
  { op: 'GET /api/v1/calendar/settings', allow: everyone, request: get(`${V}/calendar/settings`) },
  { op: 'GET /api/v1/calendar/due-date', allow: everyone, request: get(`${V}/calendar/due-date?from=2026-11-20T02:00:00Z&amount=5&unit=working_days`) },
  // Law as data: the city-level catalog administrators change it; an agency's catalog administrator
  // does not (the catalogue is published by the city). A conflicting expectedVersion keeps it unchanged.
  { op: 'POST /api/v1/procedures', allow: ['admin'], request: () => ({ method: 'POST', url: `${V}/procedures`, body: { effectiveFrom: '2031-01-01', definition: {} } }) },
  { op: 'POST /api/v1/procedures/{code}/versions', allow: ['admin'], request: (fx) => ({ method: 'POST', url: `${V}/procedures/${fx.procedureCode}/versions`, body: { effectiveFrom: '2031-01-01', definition: {}, expectedVersion: 999 } }) },
  // The calendar sets every agency's due dates: city-level administrators only.
  { op: 'PUT /api/v1/calendar/days/{date}', allow: cityAdmin, request: () => ({ method: 'PUT', url: `${V}/calendar/days/2031-03-03`, body: { kind: 'day_off', name: 'Ngày thử phân quyền', nameEn: 'Authorisation test day', source: 'test' } }) },
  { op: 'DELETE /api/v1/calendar/days/{date}', allow: cityAdmin, request: () => ({ method: 'DELETE', url: `${V}/calendar/days/2031-03-03` }) },
  { op: 'POST /api/v1/calendar/settings', allow: cityAdmin, request: () => ({ method: 'POST', url: `${V}/calendar/settings`, body: { effectiveFrom: '2031-01-01', workingPeriods: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }], weekend: [6, 7], sameDayCutoff: '15:00' } }) },
  // Sign-in.
  { op: 'POST /api/v1/auth/login', allow: everyone, request: () => ({ method: 'POST', url: `${V}/auth/login`, body: { username: '001195006789', password: 'motcua2026' } }) },
  // Logging out with a token that is not the actor's own keeps the actor signed in for the other checks.
  { op: 'POST /api/v1/auth/logout', allow: everyone, request: () => ({ method: 'POST', url: `${V}/auth/logout`, headers: { authorization: 'Bearer not-a-session' } }) },
  { op: 'GET /api/v1/auth/me', allow: signedIn, request: get(`${V}/auth/me`) },
  // Public tracking and the queue kiosk/board.
  { op: 'GET /api/v1/public/tracking/{code}', allow: everyone, request: (fx) => ({ method: 'GET', url: `${V}/public/tracking/${fx.dossierCode}?verify=2345` }) },
  { op: 'GET /api/v1/public/queue/agencies', allow: everyone, request: get(`${V}/public/queue/agencies`) },
  { op: 'GET /api/v1/public/queue/agencies/{agencyCode}', allow: everyone, request: (fx) => ({ method: 'GET', url: `${V}/public/queue/agencies/${fx.agencyCode}` }) },
  { op: 'GET /api/v1/public/queue/agencies/{agencyCode}/board', allow: everyone, request: (fx) => ({ method: 'GET', url: `${V}/public/queue/agencies/${fx.agencyCode}/board` }) },
  { op: 'POST /api/v1/public/queue/agencies/{agencyCode}/tickets', allow: everyone, request: (fx) => ({ method: 'POST', url: `${V}/public/queue/agencies/${fx.agencyCode}/tickets`, body: { group: 'khong-co' } }) },
  { op: 'GET /api/v1/public/queue/tickets/{id}', allow: everyone, request: (fx) => ({ method: 'GET', url: `${V}/public/queue/tickets/${fx.ticketId}` }) },
  // The desk's counters: desk officers of that agency only.
  { op: 'GET /api/v1/queue/desk', allow: staffActors, request: get(`${V}/queue/desk`) },
  { op: 'GET /api/v1/queue/counters/{id}', allow: ['desk'], request: (fx) => ({ method: 'GET', url: `${V}/queue/counters/${fx.counterId}` }) },
  { op: 'POST /api/v1/queue/counters/{id}/call-next', allow: ['desk'], request: (fx) => ({ method: 'POST', url: `${V}/queue/counters/${fx.counterId}/call-next` }) },
  { op: 'POST /api/v1/queue/tickets/{id}/recall', allow: ['desk'], request: (fx) => ({ method: 'POST', url: `${V}/queue/tickets/${fx.ticketId}/recall` }) },
  { op: 'POST /api/v1/queue/tickets/{id}/serve', allow: ['desk'], request: (fx) => ({ method: 'POST', url: `${V}/queue/tickets/${fx.ticketId}/serve` }) },
  { op: 'POST /api/v1/queue/tickets/{id}/no-show', allow: ['desk'], request: (fx) => ({ method: 'POST', url: `${V}/queue/tickets/${fx.ticketId}/no-show` }) },
  // Files: anyone signed in uploads; only the owner downloads an upload directly.
  { op: 'POST /api/v1/files', allow: signedIn, request: () => ({ method: 'POST', url: `${V}/files`, body: multipart() }) },
  { op: 'GET /api/v1/files/{id}', allow: ['an'], request: (fx) => ({ method: 'GET', url: `${V}/files/${fx.anFileId}` }) },
  // Dossiers: the applicant and the staff of the dossier's agency; nobody else learns it exists.
  { op: 'POST /api/v1/dossiers', allow: [...citizens, 'desk'], request: (fx) => ({ method: 'POST', url: `${V}/dossiers`, body: { procedureCode: fx.procedureCode, form: {}, documents: [] } }) },
  { op: 'GET /api/v1/dossiers/{id}', allow: ['an', ...ownStaff], request: (fx) => ({ method: 'GET', url: `${V}/dossiers/${fx.dossierId}` }) },
  { op: 'GET /api/v1/dossiers/{id}/documents/{fileId}', allow: ['an', ...ownStaff], request: (fx) => ({ method: 'GET', url: `${V}/dossiers/${fx.dossierId}/documents/${fx.anFileId}` }) },
  { op: 'GET /api/v1/dossiers/{id}/slips/{kind}', allow: ['an', ...ownStaff], request: (fx) => ({ method: 'GET', url: `${V}/dossiers/${fx.dossierId}/slips/tracking` }) },
  { op: 'GET /api/v1/dossiers/{id}/assignees', allow: ownStaff, request: (fx) => ({ method: 'GET', url: `${V}/dossiers/${fx.dossierId}/assignees` }) },
  { op: 'GET /api/v1/dossiers/{id}/rating', allow: ['an', ...ownStaff], request: (fx) => ({ method: 'GET', url: `${V}/dossiers/${fx.dossierId}/rating` }) },
  // Only the applicant rates (the dossier is not finished: 409 for An, refused for everyone else).
  { op: 'POST /api/v1/dossiers/{id}/rating', allow: ['an'], request: (fx) => ({ method: 'POST', url: `${V}/dossiers/${fx.dossierId}/rating`, body: { level: 'satisfied' } }) },
  // Interconnected procedures: groups are public; applications are the applicant's and the part-holding agencies' (tested in interconnect.int.test.ts).
  { op: 'GET /api/v1/interconnect/groups', allow: everyone, request: get(`${V}/interconnect/groups`) },
  { op: 'GET /api/v1/interconnect/groups/{code}', allow: everyone, request: get(`${V}/interconnect/groups/LT-KS-TT-BHYT`) },
  { op: 'GET /api/v1/interconnect/groups/{code}/prefill', allow: citizens, request: get(`${V}/interconnect/groups/LT-KS-TT-BHYT/prefill`) },
  { op: 'POST /api/v1/interconnect/applications', allow: citizens, request: () => ({ method: 'POST', url: `${V}/interconnect/applications`, body: { groupCode: 'LT-KS-TT-BHYT', form: {}, documents: [] } }) },
  { op: 'GET /api/v1/my/interconnect-applications', allow: citizens, request: get(`${V}/my/interconnect-applications`) },
  // No application in the fixture: nobody finds one.
  { op: 'GET /api/v1/interconnect/applications/{id}', allow: [], request: get(`${V}/interconnect/applications/00000000-0000-4000-8000-000000000000`) },
  { op: 'POST /api/v1/interconnect/applications/{id}/parts/{key}/retry', allow: [], request: () => ({ method: 'POST', url: `${V}/interconnect/applications/00000000-0000-4000-8000-000000000000/parts/birth/retry` }) },
  { op: 'POST /api/v1/interconnect/applications/{id}/withdraw', allow: [], request: () => ({ method: 'POST', url: `${V}/interconnect/applications/00000000-0000-4000-8000-000000000000/withdraw`, body: { reason: 'thử' } }) },
  // Online payment: the applicant opens an order (the fixture dossier is not waiting for payment: 409 past authorisation); staff of the agency see orders.
  { op: 'POST /api/v1/dossiers/{id}/payments', allow: ['an'], request: (fx) => ({ method: 'POST', url: `${V}/dossiers/${fx.dossierId}/payments`, body: {} }) },
  { op: 'GET /api/v1/dossiers/{id}/payments', allow: ['an', ...ownStaff], request: (fx) => ({ method: 'GET', url: `${V}/dossiers/${fx.dossierId}/payments` }) },
  // The gateway authenticates by its HMAC signature, not by a session: unsigned, everyone (signed in or not) gets 401.
  { op: 'POST /api/v1/payments/callback', allow: [], request: () => ({ method: 'POST', url: `${V}/payments/callback`, body: { orderNo: 'MC0', transactionNo: 'T0', amount: 1, status: 'success' } }) },
  // No order in the fixture: nobody finds one (payer and agency staff access is tested in payments.int.test.ts).
  { op: 'GET /api/v1/payments/{id}/receipt.pdf', allow: [], request: () => ({ method: 'GET', url: `${V}/payments/00000000-0000-4000-8000-000000000000/receipt.pdf` }) },
  { op: 'GET /api/v1/payments/reconciliation', allow: ['supervisor'], request: () => ({ method: 'GET', url: `${V}/payments/reconciliation?agencyCode=000.00.11.H26` }) },
  ...dossierActions.map((a): Operation => ({ op: `POST /api/v1/dossiers/{id}/${a}`, allow: 'lifecycle', request: () => ({ method: 'POST', url: '' }) })),
  // Staff search their agencies' dossiers: only the dossier's own staff find An's.
  { op: 'GET /api/v1/dossiers', allow: staffActors, request: (fx) => ({ method: 'GET', url: `${V}/dossiers?code=${fx.dossierCode}` }), visible: { who: ownStaff, in: (b, fx) => b.items.some((d: any) => d.id === fx.dossierId) } },
  { op: 'GET /api/v1/inbox', allow: staffActors, request: get(`${V}/inbox`) },
  { op: 'GET /api/v1/supervision/summary', allow: supervising.filter((n) => actor(n).ownAgency), request: (fx) => ({ method: 'GET', url: `${V}/supervision/summary?agencyCode=${fx.agencyCode}` }) },
  { op: 'GET /api/v1/my/dossiers', allow: citizens, request: get(`${V}/my/dossiers`) },
  // Drafts belong to their citizen.
  { op: 'GET /api/v1/drafts', allow: citizens, request: get(`${V}/drafts`) },
  { op: 'GET /api/v1/drafts/{id}', allow: ['an'], request: (fx) => ({ method: 'GET', url: `${V}/drafts/${fx.draftId}` }) },
  { op: 'PUT /api/v1/drafts/{id}', allow: ['an'], request: (fx) => ({ method: 'PUT', url: `${V}/drafts/${fx.draftId}`, body: { procedureCode: fx.procedureCode, form: {}, documents: [] } }) },
  { op: 'DELETE /api/v1/drafts/{id}', allow: ['an'], request: (fx) => ({ method: 'DELETE', url: `${V}/drafts/${fx.draftId}` }) },
  // In-app notices: each user their own.
  { op: 'GET /api/v1/notices', allow: signedIn, request: get(`${V}/notices`) },
  { op: 'POST /api/v1/notices/{id}/read', allow: ['an'], request: (fx) => ({ method: 'POST', url: `${V}/notices/${fx.noticeId}/read` }) },
  // Notifications: citizens choose their own channels; sent messages (dev mailbox, outbox) hold every applicant's contacts: city level only.
  { op: 'GET /api/v1/my/notification-preferences', allow: citizens, request: get(`${V}/my/notification-preferences`) },
  { op: 'PUT /api/v1/my/notification-preferences', allow: citizens, request: () => ({ method: 'PUT', url: `${V}/my/notification-preferences`, body: { email: true, sms: true } }) },
  { op: 'GET /api/v1/dev/mailbox', allow: cityAdmin, request: get(`${V}/dev/mailbox`) },
  { op: 'GET /api/v1/notifications/outbox', allow: cityAdmin, request: get(`${V}/notifications/outbox?state=dead`) },
  { op: 'POST /api/v1/notifications/outbox/retry', allow: cityAdmin, request: () => ({ method: 'POST', url: `${V}/notifications/outbox/retry`, body: { ids: [2147483000] } }) },
  // Connector messages (dead letters): city system administrators all, supervisors their agencies' (signerX is also a supervisor); callbacks need the agency's signature.
  { op: 'GET /api/v1/connectors/messages', allow: ['admin', 'supervisor', 'supervisorX', 'signerX'], request: get(`${V}/connectors/messages?state=dead`) },
  // No message in the fixture: nobody finds one (who sees and retries which message is tested in connector.int.test.ts).
  { op: 'GET /api/v1/connectors/messages/{id}', allow: [], request: get(`${V}/connectors/messages/00000000-0000-4000-8000-000000000000`) },
  { op: 'POST /api/v1/connectors/messages/{id}/retry', allow: [], request: () => ({ method: 'POST', url: `${V}/connectors/messages/00000000-0000-4000-8000-000000000000/retry` }) },
  { op: 'POST /api/v1/connectors/{connector}/callbacks', allow: [], request: () => ({ method: 'POST', url: `${V}/connectors/social-insurance/callbacks`, body: { eventId: 'EV-0', reference: 'BHXH-0', idempotencyKey: 'k', decision: 'approved' } }) },
  { op: 'GET /api/v1/notifications/templates', allow: cityAdmin, request: get(`${V}/notifications/templates`) },
  // Writes the seeded default back unchanged (actors run in parallel: the template must stay as it was).
  { op: 'PUT /api/v1/notifications/templates/{event}/{channel}', allow: cityAdmin, request: () => ({ method: 'PUT', url: `${V}/notifications/templates/result_returned/sms`,
    body: { subjectVi: '', subjectEn: '', bodyVi: 'Ket qua ho so {code} da duoc tra. Cam on ong/ba.', bodyEn: 'The result of dossier {code} has been handed over. Thank you.' } }) },
  // Personal data: officials who handle dossiers (not administrators by their role), with a purpose.
  { op: 'GET /api/v1/citizens/{idNumber}', allow: dossierStaff, request: get(`${V}/citizens/001090012345?purpose=desk_reception`) },
  { op: 'GET /api/v1/population/people/{idNumber}', allow: dossierStaff, request: get(`${V}/population/people/001090012345?purpose=identity_verification`) },
  // Personal-data access log (privacy module): citizens their own; an agency's log its supervisor and system administrator; the display policy the city level.
  { op: 'GET /api/v1/my/data-access', allow: citizens, request: get(`${V}/my/data-access`) },
  { op: 'GET /api/v1/privacy/purposes', allow: staffActors, request: get(`${V}/privacy/purposes`) },
  { op: 'GET /api/v1/privacy/access-log', allow: ['supervisor', 'sysadmin'], request: (fx) => ({ method: 'GET', url: `${V}/privacy/access-log?agencyCode=${fx.agencyCode}` }) },
  { op: 'GET /api/v1/privacy/display-policy', allow: signedIn, request: get(`${V}/privacy/display-policy`) },
  { op: 'POST /api/v1/privacy/display-policy', allow: cityAdmin, request: () => ({ method: 'POST', url: `${V}/privacy/display-policy`, body: { validFrom: new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10), showOfficialName: true, showOfficialTitle: true } }) },
  // Population prefill: each citizen their own record; the source's status for system administrators.
  { op: 'GET /api/v1/my/population-record', allow: citizens, request: (fx) => ({ method: 'GET', url: `${V}/my/population-record?procedureCode=${fx.procedureCode}` }) },
  { op: 'GET /api/v1/population/status', allow: systemAdmins, request: get(`${V}/population/status`) },
  // Personal data store: each citizen their own items (someone else's item is 404, like a missing one).
  { op: 'GET /api/v1/my/data-store', allow: citizens, request: get(`${V}/my/data-store`) },
  { op: 'POST /api/v1/my/data-store', allow: citizens, request: (fx, actor) => ({ method: 'POST', url: `${V}/my/data-store`, body: { fileId: actor === 'binh' ? fx.binhFileId : fx.anFileId, documentType: 'khac', title: 'Giấy tờ' } }) },
  { op: 'GET /api/v1/my/data-store/{id}', allow: ['an'], request: (fx) => ({ method: 'GET', url: `${V}/my/data-store/${fx.storeItemId}` }) },
  { op: 'GET /api/v1/my/data-store/{id}/file', allow: ['an'], request: (fx) => ({ method: 'GET', url: `${V}/my/data-store/${fx.storeItemId}/file` }) },
  { op: 'DELETE /api/v1/my/data-store/{id}', allow: ['an'], request: (fx) => ({ method: 'DELETE', url: `${V}/my/data-store/${fx.storeItemId}` }) },
  // Electronic results: anyone verifies; the dossier's applicant and agency staff list them; the issuing agency's signer or supervisor revokes (the second gets 409).
  { op: 'GET /api/v1/public/results/{id}', allow: everyone, request: (fx) => ({ method: 'GET', url: `${V}/public/results/${fx.resultId}` }) },
  { op: 'POST /api/v1/public/results/verify', allow: everyone, request: () => ({ method: 'POST', url: `${V}/public/results/verify`, body: multipart() }) },
  { op: 'GET /api/v1/results', allow: ['an', ...ownStaff], request: (fx) => ({ method: 'GET', url: `${V}/results?dossierId=${fx.dossierId}` }) },
  { op: 'POST /api/v1/results/{id}/revoke', allow: ['signer', 'supervisor'], request: (fx) => ({ method: 'POST', url: `${V}/results/${fx.resultId}/revoke`, body: { reason: 'Kiểm thử phân quyền' } }) },
  ...IDENTITY_OPERATIONS,
];
