import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allowedActions, CASE_STATES, CASE_TRANSITIONS, renderCaseLifecycle } from '@civicgrid/shared';
import { describe, expect, it } from 'vitest';

describe('the case lifecycle document', () => {
  it('is in step with the transition table (run `npm run docs:workflow` after changing the table)', () => {
    const file = readFileSync(
      path.join(import.meta.dirname, '../../../../docs/workflows/case-lifecycle.md'),
      'utf8',
    );
    expect(file).toBe(renderCaseLifecycle());
  });
});

describe('the transition table', () => {
  it('only moves between known states, and every open state can go somewhere', () => {
    for (const t of CASE_TRANSITIONS) {
      for (const f of t.from) expect(CASE_STATES).toContain(f);
      if (!['same', 'resume'].includes(t.to)) expect(CASE_STATES).toContain(t.to);
    }
    for (const s of CASE_STATES.filter((s) => s !== 'rejected')) {
      expect(CASE_TRANSITIONS.some((t) => (t.from as readonly string[]).includes(s))).toBe(true);
    }
  });

  it('gives a unit handler exactly the unit’s buttons on a dispatched case', () => {
    expect(allowedActions('dispatched', [{ role: 'unit_handler', via: 'unit' }]).sort()).toEqual(
      ['feedback', 'request_extension', 'return', 'sign'].sort(),
    );
    expect(allowedActions('dispatched', [{ role: 'unit_handler', via: 'co_unit' }])).toEqual(['report_in']);
    expect(allowedActions('closed', [{ role: 'resident', via: 'reporter' }])).toEqual(['rate', 'reopen']);
  });
});
