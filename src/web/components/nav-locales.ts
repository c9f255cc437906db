/** Strings of the header's account menu (the personal pages grouped under the signed-in person's name). */
export const navStrings = {
  vi: {
    nav: {
      accountMenu: 'Tài khoản và trang cá nhân',
      deputies: 'Giao quyền khi vắng mặt',
      signedInAs: 'Đang đăng nhập',
    },
  },
  en: {
    nav: {
      accountMenu: 'Account and personal pages',
      deputies: 'Deputising while away',
      signedInAs: 'Signed in as',
    },
  },
};
