/** Chinese strings of personal data: masked fields, the reveal dialog, reveal rows in the audit log. */
export const personalZh = {
  personal: {
    reveal: '查看',
    revealContact: '查看联系方式',
    revealTitle: '查看个人信息',
    revealWhat: '将显示：{{what}}',
    reason: '查看理由',
    reasonPlaceholder: '例如：需回电核实现场情况',
    reasonRequired: '请填写查看理由（至少 2 个字）',
    recordedNote: '本次查看将连同理由、时间和您的账号记入审计日志。',
    confirm: '确认查看',
    revealed: '已显示完整信息，本次查看已记入审计日志。',
    recorded: '已记录',
    masked: '已脱敏',
    withheld: '反映人信息已隐藏',
    withheldHint: '仅在处置需要时（如需入户）查看，并须说明理由。',
    account: '居民账号上报',
    fields: { name: '姓名', phone: '电话', idNumber: '身份证号', address: '住址', email: '电子邮箱' },
    subjects: { reporter: '反映人', person: '居民' },
    via: { scope: '辖区权限', unit: '承办单位处置需要' },
    audit: {
      summary: '查看了{{subject}}的{{fields}}',
      reason: '理由：{{reason}}',
      via: '依据：{{via}}',
      onlyReveals: '仅看个人信息查看记录',
    },
  },
};
