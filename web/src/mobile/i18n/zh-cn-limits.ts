/**
 * The phone pages' strings for a report the server could not take yet (429 too many reports from here, 503
 * busy with photos): it stays on the phone and is sent again by itself. Merged in i18n/index.ts.
 */
export const limitsZh = {
  limits: {
    savedLater: '服务器暂时无法受理，已保存在手机上，稍后自动发送',
    waitingServer: '稍后自动重试：{{message}}',
  },
};
