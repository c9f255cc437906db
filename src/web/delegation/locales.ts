/** Strings of the public delegation notice (procedure page) and the delegate choice (apply form). */
export const delegationNoticeStrings = {
  vi: {
    dlgPub: {
      title: 'Ủy quyền giải quyết',
      lead: 'Thủ tục này đang được ủy quyền: hồ sơ nộp trực tuyến được chuyển đến cơ quan được ủy quyền.',
      byDecision: '{{authority}} ủy quyền cho {{delegate}} theo Quyết định số {{no}} ngày {{date}} ({{signer}}).',
      window: 'Hiệu lực từ {{from}} đến {{to}}.', untilRevoked: 'khi có quyết định thu hồi',
      fileAt: 'Nơi nộp hồ sơ', conditions: 'Điều kiện', count: '{{count}} đơn vị', allOf: 'tất cả {{name}}',
    },
  },
  en: {
    dlgPub: {
      title: 'Delegated authority',
      lead: 'This procedure is delegated: dossiers filed online go to the delegate.',
      byDecision: '{{authority}} delegates it to {{delegate}} by decision {{no}} of {{date}} ({{signer}}).',
      window: 'In force from {{from}} to {{to}}.', untilRevoked: 'until revoked',
      fileAt: 'Where to file', conditions: 'Conditions', count: '{{count}} agencies', allOf: 'all {{name}}',
    },
  },
};
