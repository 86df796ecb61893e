/** Chinese strings of Open311 for FixMyStreet on the case page; merged into zh-cn.ts. */
export const fmsZh = {
  open311Fms: {
    email: '电子邮箱',
    answerIssuesTitle: '接口上报的答案未通过校验',
    answerIssuesHint: '以下答案按原文保存，未计入案件的附加信息，请核对后在处置说明中更正。',
    answerIssue: '{{code}}：“{{value}}”（{{problem}}）',
  },
};
