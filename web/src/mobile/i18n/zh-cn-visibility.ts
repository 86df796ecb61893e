/** Chinese strings of the publish choice on the phone's action forms; merged into zh-cn.ts. */
export const publicNoteZh = {
  publicNote: {
    publish: '向群众公开此说明',
    hint: '默认不公开：不勾选时，说明只有工作人员能看到。',
    internalStep: '此步骤不在群众的进度查询中显示，说明只有工作人员能看到。',
    previewTitle: '群众在进度查询页将看到',
    previewNone: '群众看不到此步骤。',
    noteHidden: '（您的说明不公开）',
    replyLater: '立案后附上按时限计算的答复期限。',
  },
};
