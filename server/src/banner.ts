import { ROLE_LABELS } from '@civicgrid/shared';
import type { DemoAccount } from './modules/demo/seed-demo.ts';

/** A point inside the demo grid 富民社区第1网格 (the demo grid worker's), for trying a report. */
export const DEMO_TEST_LOCATION = { lng: 114.583, lat: 33.676 };

const RULE = '─'.repeat(72);

/** Pads a string to a width in terminal columns (a Chinese character takes two). */
function padColumns(s: string, width: number): string {
  const columns = [...s].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(1, width - columns));
}

/**
 * The start banner in Chinese: where the server runs, and on a fresh demo the accounts with their roles,
 * the area each covers and a test location. It goes to stderr between two rules, so stdout stays one JSON
 * log line after another for log collectors, and a person reading the terminal sees it apart from them.
 */
export function startBanner(
  url: string,
  db: string,
  accounts: DemoAccount[],
  opts: { demoPasswordIgnored?: boolean } = {},
): string {
  const lines = [RULE, `CivicGrid 已启动：${url}  （数据库：${db}，接口文档：${url}/docs）`];
  if (accounts.length) {
    lines.push('已创建演示区 川汇区（演示数据）。演示账号如下，密码只显示这一次：');
    lines.push(`  ${padColumns('账号', 13)}${padColumns('密码', 16)}${padColumns('角色', 18)}负责范围`);
    for (const a of accounts) {
      const role = ROLE_LABELS[a.role].zh;
      lines.push(
        `  ${padColumns(a.username, 13)}${padColumns(a.password, 16)}${padColumns(role, 18)}${a.scope}`,
      );
    }
    lines.push(
      '网格员、社区、街道账号只管 七一路街道 / 富民社区 / 富民社区第1网格；',
      `在该网格内试报的位置：经度 ${DEMO_TEST_LOCATION.lng}，纬度 ${DEMO_TEST_LOCATION.lat}（七一路与中州大道交叉口附近）。`,
    );
  }
  if (opts.demoPasswordIgnored) {
    lines.push(
      '注意：DEMO_PASSWORD 已忽略——数据目录中已有数据，演示账号保留原来的密码。',
      '重设某个账号的密码：npm run cli -- reset-password admin',
    );
  }
  lines.push(RULE);
  return lines.join('\n');
}
