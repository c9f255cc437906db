import type { Principal } from '../../platform/http/principal.ts';
import { Problem } from '../../platform/http/problem.ts';

/**
 * A procedure's minimum e-ID level (definition.minEidLevel: 0 none, 1, 2) against the citizen's
 * VNeID account. Only online filing is subject to it: at the desk the officer checks the ID card.
 * An account whose level is unknown counts as level 0.
 */
export function eidLevelProblem(p: Principal, required: number): Problem | null {
  const have = p.eidLevel ?? 0;
  if (p.kind !== 'citizen' || have >= required) return null;
  const vi = required >= 2
    ? `Thủ tục này yêu cầu tài khoản định danh điện tử mức 2; tài khoản của bạn ${have ? `đang ở mức ${have}` : 'chưa được xác định mức'}. `
      + 'Để có tài khoản mức 2: mang thẻ căn cước (hoặc căn cước công dân) gắn chip đến Công an cấp xã nơi thuận tiện để được cấp, kích hoạt tài khoản định danh điện tử mức 2; '
      + 'hoặc tự đăng ký trên ứng dụng VNeID bằng thẻ căn cước gắn chip và điện thoại có NFC (ứng dụng đọc chip trên thẻ và chụp ảnh khuôn mặt). '
      + 'Sau khi tài khoản được nâng lên mức 2, hãy đăng xuất, đăng nhập lại rồi nộp hồ sơ. Bạn vẫn có thể nộp hồ sơ trực tiếp tại Bộ phận Một cửa.'
    : 'Thủ tục này yêu cầu tài khoản định danh điện tử. Hãy đăng ký tài khoản trên ứng dụng VNeID, hoặc nộp hồ sơ trực tiếp tại Bộ phận Một cửa.';
  const en = required >= 2
    ? `This procedure requires a level-2 electronic identification (VNeID) account; your account is ${have ? `level ${have}` : 'of unknown level'}. `
      + 'To get a level-2 account: take your chip-based ID card to the commune-level police (Công an cấp xã) of your choice to have a level-2 account issued and activated; '
      + 'or register yourself in the VNeID app with your chip-based ID card and a phone with NFC (the app reads the card\'s chip and takes a photo of your face). '
      + 'Once your account is level 2, sign out, sign in again and submit. You can also file the dossier in person at the one-stop desk.'
    : 'This procedure requires an electronic identification account. Register in the VNeID app, or file the dossier in person at the one-stop desk.';
  return new Problem(403, 'eid_level_too_low', vi, en, { requiredLevel: required, currentLevel: have });
}
