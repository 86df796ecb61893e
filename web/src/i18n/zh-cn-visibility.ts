/** Chinese strings of public vs internal (the publish choice, its preview, the timeline's marks). */
export const visibilityZh = {
  visibility: {
    publish: '向群众公开此说明',
    publishHint: '默认不公开：不勾选时，说明只有工作人员能看到。',
    internalStep: '此步骤不在群众的进度查询中显示，说明只有工作人员能看到。',
    previewTitle: '群众在进度查询页将看到',
    previewNone: '群众看不到此步骤。',
    noteHidden: '（您的说明不公开）',
    noteEmpty: '（未填写说明）',
    replyLater: '立案后附上按时限计算的答复期限。',
    public: '群众可见',
    internal: '内部',
    notePublic: '说明已公开',
    noteInternal: '说明仅内部可见',
  },
};
