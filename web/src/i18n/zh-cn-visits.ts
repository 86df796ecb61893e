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

/** Chinese strings of the door-plate sheet (网格门牌). */
export const platesZh = {
  plates: {
    title: '网格门牌',
    head: '网格化服务管理',
    grid: '所属网格：{{grid}}',
    gridCode: '网格编号：{{code}}',
    worker: '网格员：{{name}}',
    noPhone: '（未公开电话）',
    noWorker: '网格员：待配备',
    qrHint: '手机扫码，反映身边问题（随手拍），位置已自动填写',
    qrAlt: '{{address}} 的随手拍二维码',
    print: '打印 / 存为 PDF',
    count: '共 {{n}} 块门牌，每页 4 块',
    none: '该网格还没有楼栋。',
    printLink: '打印门牌',
  },
};
