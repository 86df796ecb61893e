import { describe, expect, it } from 'vitest';
import {
  eventVisibility,
  formatDistrictTime,
  INTERNAL_SOURCES,
  isPublicSource,
  mayPublishNote,
  publicStepLine,
  publicStepText,
} from './case-visibility.ts';
import { CASE_SOURCES, CASE_TRANSITIONS } from './case-workflow.ts';

describe('which steps the public sees', () => {
  it('shows the resident’s milestones and keeps the administration’s own steps internal', () => {
    for (const a of [
      'report',
      'file',
      'dispatch',
      'feedback',
      'close',
      'reject',
      'merge',
      'reopen',
      'rate',
    ]) {
      expect(eventVisibility(a), a).toBe('public');
    }
    for (const a of [
      'sign',
      'return',
      'whistle',
      'report_in',
      'request_extension',
      'approve_extension',
      'supervise',
      'escalate',
      'suspend',
      'comment',
      'something_new',
    ]) {
      expect(eventVisibility(a), a).toBe('internal');
    }
  });

  it('lets staff publish a note only on a public step, and never a resident’s own words', () => {
    expect(mayPublishNote('dispatch')).toBe(true);
    expect(mayPublishNote('close')).toBe(true);
    expect(mayPublishNote('request_extension')).toBe(false);
    expect(mayPublishNote('rate')).toBe(false);
    expect(mayPublishNote('merge')).toBe(false);
    expect(mayPublishNote('report')).toBe(false);
    // every transition says whose text it carries
    for (const t of CASE_TRANSITIONS) expect(['staff', 'resident', 'none']).toContain(t.text);
  });

  it('keeps inspections, leader assignments and devices out of public feeds', () => {
    expect(INTERNAL_SOURCES.every((s) => (CASE_SOURCES as readonly string[]).includes(s))).toBe(true);
    expect(INTERNAL_SOURCES.map(isPublicSource)).toEqual(INTERNAL_SOURCES.map(() => false));
    expect(['resident', 'hotline', 'grid_patrol', 'api'].map(isPublicSource)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});

describe('the public wording', () => {
  it('words each step from its public data only, in both languages', () => {
    const at = '2026-01-05T01:30:00.000Z';
    expect(publicStepText({ action: 'file', data: { replyDeadlineAt: at } }, 'zh')).toBe(
      '已受理立案，将在 2026年1月5日 09:30 前答复',
    );
    expect(publicStepText({ action: 'file', data: { replyDeadlineAt: at } }, 'en')).toBe(
      'Accepted; a reply is due by 2026-01-05 09:30',
    );
    expect(publicStepText({ action: 'dispatch', data: { unitName: '区城市管理局' } }, 'zh')).toBe(
      '已派发至区城市管理局',
    );
    expect(publicStepText({ action: 'reject', data: { rejectReason: 'out_of_scope' } }, 'zh')).toBe(
      '不予立案：不属于受理范围，已转交有关部门',
    );
    expect(publicStepText({ action: 'rate', data: { rating: 'basic' } }, 'en')).toBe(
      'Rated: mostly satisfied',
    );
    expect(publicStepText({ action: 'sign' }, 'zh')).toBe('办理进展更新');
  });

  it('adds a note only when one is given (the caller passes only published notes)', () => {
    expect(publicStepLine({ action: 'close', note: '路灯已更换' }, 'zh')).toBe('已办结。说明：路灯已更换');
    expect(publicStepLine({ action: 'close', note: null }, 'en')).toBe('Closed');
    expect(formatDistrictTime(new Date('2025-12-31T16:05:00Z'), 'zh')).toBe('2026年1月1日 00:05');
  });
});
