/** Chinese strings of Open311 for FixMyStreet on the case page; merged into zh-cn.ts. */
export const fmsZh = {
  open311Fms: {
    email: '电子邮箱',
    answerIssuesTitle: '接口上报的答案未通过校验',
    answerIssuesHint: '以下答案按原文保存，未计入案件的附加信息，请核对后在处置说明中更正。',
    answerIssue: '{{question}}：“{{value}}”（{{problem}}）',
    problems: {
      number: '应为数字',
      atLeast: '应不小于 {{n}}',
      atMost: '应不大于 {{n}}',
      tooLong: '最多 {{n}} 个字符',
      option: '不在可选项中',
      unknown: '该类别没有这一问题',
    },
  },
};
