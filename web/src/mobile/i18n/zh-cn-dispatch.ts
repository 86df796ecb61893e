/** Chinese strings of the phone pages added with the dispatcher and nearby-reports work; merged in index.ts. */
export const dispatchZh = {
  stateCheckPassed: '待结案',
  rework: '返工',
  myStep: {
    check: '核查期限：',
    verify: '核实期限：',
  },
  place: {
    grid: '所属网格',
    navigate: '导航前往',
    map: '位置地图',
  },
};
