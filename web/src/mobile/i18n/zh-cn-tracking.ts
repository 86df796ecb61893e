/**
 * Chinese strings of following a case, the reporter check and case numbers on the phone pages (issue 9);
 * merged into zh-cn.ts, mirrored in en-us-tracking.ts.
 */
export const trackingZh = {
  follow: {
    button: '关注此问题',
    following: '正在关注…',
    sheetHint: '关注后可以随时查看这个问题的办理进度。评价和申请重办只能由反映人进行。',
    anonymousHint: '无需登录：关注记录保存在这台手机上。',
    suggestionMeta: '相距 {{m}} 米 · {{date}}反映',
    followedTitle: '已关注此问题',
    followedText: '有新进展时，可以在首页“我关注的问题”中查看办理进度。',
    viewProgress: '查看办理进度',
    listTitle: '我关注的问题',
    listEmpty: '还没有关注的问题。提交反映时如果附近已有同类问题，可以直接关注。',
    title: '关注的问题',
    readOnly: '您关注了这个问题，可以查看办理进度；评价和申请重办由反映人进行。',
    unfollow: '取消关注',
    unfollowConfirm: '确定不再关注这个问题吗？',
    notFound: '没有找到这条关注记录，可能已经取消关注。',
    followedAt: '关注于 {{date}}',
  },
  reporterCheck: {
    contactHint: '留了手机号码的，日后评价或申请重办时需要核对这个号码。',
    phoneLabel: '上报时填写的手机号码',
    phoneHint: '为防止他人冒用受理编号，请输入您上报时留下的手机号码。',
    needPhone: '请输入上报时填写的手机号码。',
    mismatch: '手机号码与上报时填写的不一致，请核对后重试。',
  },
  caseNumber: '案件 {{id}}',
} as const;
