/** Chinese strings of door-to-door visits in the console: coverage on the dashboard, the 80+ list. */
export const visitsZh = {
  visits: {
    coverageTitle: '入户走访覆盖率',
    quarter: '季度',
    node: '区域',
    households: '住户',
    visited: '已走访',
    coverage: '覆盖率',
    needs: '诉求',
    toCases: '转案件',
    replyRate: '件件有回音',
    total: '合计',
    eldersExport: '导出80岁以上老人名单',
    eldersHint: '本季度高龄补贴认定名单，含最近走访时间（姓名、住址已脱敏）',
  },
};
