/** Chinese strings of the 便民 directory on the phone pages; merged in i18n/index.ts. */
export const directoryZh = {
  directory: {
    title: '便民服务',
    tile: '便民服务',
    tileHint: '附近的家政、医疗、购物、招聘',
    intro: '社区整理的附近便民服务，按距离由近到远排列。电话为商家公开的服务电话。',
    noLocation: '未能获取您的位置，以下按区中心的距离排列。',
    locating: '正在获取您的位置…',
    search: '搜索名称、地址或服务',
    kinds: '服务类型',
    all: '全部',
    empty: '附近暂无此类便民服务。',
    distance: '{{m}} 米',
    hours: '营业时间：{{hours}}',
    call: '拨打 {{phone}}',
  },
};
