import type { FieldError } from '../../../platform/http/problem.ts';

/**
 * Why an e-ID sign-in did not complete, in words for the citizen (Vietnamese and English) and a
 * stable code for logs and tests. Shown on a web page by the callback (page.ts), never as JSON.
 */
export class EidFailure extends Error {
  constructor(
    public status: number,
    public code: string,
    public vi: string,
    public en: string,
    public details: FieldError[] = [],
    /** Technical detail for the log (not shown). */
    public internal?: string,
  ) {
    super(en);
  }
}

export const eidFailures = {
  notConfigured: () => new EidFailure(503, 'eid_not_configured',
    'Đăng nhập bằng tài khoản định danh điện tử chưa sẵn sàng trên hệ thống này.',
    'Sign-in with the national e-ID is not available on this system yet.'),
  providerUnreachable: (internal?: string) => new EidFailure(502, 'eid_provider_unreachable',
    'Không kết nối được hệ thống định danh điện tử (VNeID). Vui lòng thử lại sau ít phút.',
    'The national e-ID system (VNeID) cannot be reached. Please try again in a few minutes.', [], internal),
  cancelled: () => new EidFailure(400, 'eid_cancelled',
    'Bạn đã hủy đăng nhập bằng tài khoản định danh điện tử.',
    'You cancelled the e-ID sign-in.'),
  providerError: (error: string, description?: string) => new EidFailure(400, 'eid_provider_error',
    `Hệ thống định danh điện tử từ chối yêu cầu đăng nhập (mã lỗi: ${error}).`,
    `The e-ID system refused the sign-in request (error: ${error}).`, [], description),
  unknownState: () => new EidFailure(400, 'eid_wrong_state',
    'Yêu cầu đăng nhập không khớp với lượt đăng nhập nào do trang này khởi tạo, nên đã bị từ chối để bảo vệ tài khoản của bạn.',
    'This sign-in response does not match any sign-in started by this site, so it was refused to protect your account.'),
  replayed: () => new EidFailure(400, 'eid_replayed',
    'Lượt đăng nhập này đã được sử dụng. Mỗi lượt đăng nhập chỉ dùng được một lần; vui lòng đăng nhập lại.',
    'This sign-in has already been used. Each sign-in can be used only once; please sign in again.'),
  expired: () => new EidFailure(400, 'eid_expired',
    'Lượt đăng nhập đã quá thời gian cho phép (10 phút). Vui lòng đăng nhập lại.',
    'The sign-in took too long (more than 10 minutes). Please sign in again.'),
  otherBrowser: () => new EidFailure(400, 'eid_other_browser',
    'Lượt đăng nhập này được bắt đầu trên một trình duyệt khác. Vui lòng đăng nhập lại trên trình duyệt bạn đang dùng.',
    'This sign-in was started in a different browser. Please sign in again in the browser you are using.'),
  tokenRejected: (reasonVi: string, reasonEn: string, internal?: string) => new EidFailure(401, 'eid_token_rejected',
    `Thông tin xác thực do hệ thống định danh gửi về không hợp lệ (${reasonVi}), nên bạn chưa được đăng nhập.`,
    `The identity token sent by the e-ID system is not valid (${reasonEn}), so you have not been signed in.`, [], internal),
  missingClaims: (names: string[]) => new EidFailure(400, 'eid_missing_claims',
    `Hệ thống định danh không gửi đủ thông tin công dân cần thiết (${names.join(', ')}).`,
    `The e-ID system did not send the citizen details needed (${names.join(', ')}).`),
  invalidIdNumber: (errors: FieldError[]) => new EidFailure(400, 'eid_invalid_id_number',
    'Số định danh cá nhân do hệ thống định danh gửi về không hợp lệ, nên không thể đăng nhập:',
    'The personal ID number sent by the e-ID system is not valid, so you cannot be signed in:', errors),
  accountDisabled: () => new EidFailure(403, 'eid_account_disabled',
    'Tài khoản của bạn trên hệ thống này đang bị khóa. Vui lòng liên hệ Bộ phận Một cửa để được hỗ trợ.',
    'Your account on this system is locked. Please contact the one-stop desk for help.'),
  subjectChanged: () => new EidFailure(409, 'eid_subject_mismatch',
    'Tài khoản định danh điện tử này đã gắn với một số định danh cá nhân khác trên hệ thống. Vui lòng liên hệ Bộ phận Một cửa.',
    'This e-ID account is already linked to a different personal ID number here. Please contact the one-stop desk.'),
};

/** Maps an openid-client / oauth4webapi error to what the citizen is told. */
export function classifyRpError(err: unknown): EidFailure {
  if (err instanceof EidFailure) return err;
  const chain: any[] = [];
  for (let e: any = err; e && chain.length < 5; e = e.cause) chain.push(e);
  const text = chain.map((e) => `${e?.code ?? ''} ${e?.message ?? ''}`).join(' | ');
  const claim = chain.map((e) => e?.claim ?? e?.cause?.claim).find(Boolean) as string | undefined;
  const code = chain.map((e) => e?.code).find((c) => typeof c === 'string' && c.startsWith('OAUTH_')) as string | undefined;
  const top = err as any;
  if (top?.name === 'AuthorizationResponseError' || code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR') {
    const error = String(top?.error ?? 'error');
    return error === 'access_denied' ? eidFailures.cancelled() : eidFailures.providerError(error, top?.error_description);
  }
  if (top?.name === 'ResponseBodyError' || code === 'OAUTH_RESPONSE_BODY_ERROR') {
    // The token endpoint refused the code: used twice, expired, or the PKCE verifier does not match.
    return eidFailures.tokenRejected('mã xác thực đã được dùng, hết hạn hoặc không khớp', 'the authorization code was already used, expired or does not match', text);
  }
  if (/signature/i.test(text)) return eidFailures.tokenRejected('chữ ký số không đúng', 'the signature does not verify', text);
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' || claim === 'exp' || claim === 'iat' || claim === 'nbf') {
    return eidFailures.tokenRejected('đã hết hạn hoặc thời điểm cấp không hợp lệ', 'it has expired or its issue time is wrong', text);
  }
  if (claim === 'aud' || claim === 'azp') return eidFailures.tokenRejected('không được cấp cho hệ thống này', 'it was not issued for this system', text);
  if (claim === 'iss') return eidFailures.tokenRejected('không do hệ thống định danh đã cấu hình phát hành', 'it was not issued by the configured e-ID system', text);
  if (claim === 'nonce' || /nonce/.test(text)) return eidFailures.tokenRejected('không khớp với lượt đăng nhập này', 'it does not belong to this sign-in', text);
  if (/"state"|state/.test(text) && code === 'OAUTH_INVALID_RESPONSE') return eidFailures.unknownState();
  if (top instanceof TypeError || /fetch failed|ECONNREFUSED|ENOTFOUND|timeout|aborted/i.test(text)) return eidFailures.providerUnreachable(text);
  return eidFailures.tokenRejected('phản hồi không đúng chuẩn OpenID Connect', 'the response does not follow OpenID Connect', text);
}
