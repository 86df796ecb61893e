/** Chinese strings of the 便民 directory in the console; merged into zh-cn.ts. */
export const directoryZh = {
  dir: {
    nav: '便民服务',
    title: '便民服务目录',
    intro:
      '维护本社区的便民服务，居民在手机“便民服务”页按距离查看。商家电话是对外公开的服务电话，不属于个人信息。',
    add: '新增',
    edit: '编辑',
    remove: '删除',
    removeConfirm: '从目录中删除“{{name}}”？',
    community: '社区/村',
    kind: '类型',
    name: '名称',
    address: '地址',
    lng: '经度',
    lat: '纬度',
    hours: '营业时间',
    phone: '服务电话',
    description: '服务内容',
    search: '搜索名称、地址、服务',
    allKinds: '全部类型',
    saved: '已保存',
    addKind: '新增类型',
    kindKey: '类型编号（英文小写）',
    kindZh: '中文名称',
    kindEn: '英文名称',
  },
};
