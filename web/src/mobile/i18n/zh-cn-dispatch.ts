/** Chinese strings of the phone pages added with the dispatcher and nearby-reports work; merged in index.ts. */
export const dispatchZh = {
  stateCheckPassed: '待结案',
  rework: '返工',
  recentRate: '已办结，请为办理结果评价',
  myStep: {
    check: '核查期限：',
    verify: '核实期限：',
  },
  nearby: {
    title: '附近的反映',
    tile: '附近的反映',
    tileHint: '看看附近已经有人反映过的问题',
    intro: '这些问题已有人反映，正在办理或刚刚办结。如果您发现的问题已在其中，无需重复反映。',
    locating: '正在获取您的位置…',
    noLocation: '未能获取您的位置，显示的是本区中心附近。可以拖动地图查看其他地方。',
    empty: '附近 1 公里内暂时没有公开的反映。',
    distance: '约 {{m}} 米',
    reportedAt: '反映于 {{date}}',
    closedAt: '办结于 {{date}}',
    refresh: '查看地图中心附近',
    mapLabel: '附近反映的地图',
    reportNew: '我要反映新问题',
    photo: '现场照片',
  },
  place: {
    grid: '所属网格',
    navigate: '导航前往',
    map: '位置地图',
  },
};
