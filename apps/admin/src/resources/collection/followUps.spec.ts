import { describe, expect, it } from 'vitest';
import { collectionEn, collectionVi } from '../../i18n/collection';
import { bucketFollowUps, bucketOf, closeInput, daysLate, endOfWeek, endsEnrollment, outcomeEffect } from './followUps';
import { FOLLOW_UP_OUTCOMES } from './types';

// Saturday 28 November 2026; the week ends on Sunday the 29th.
const TODAY = '2026-11-28';

describe('the follow-up board’s columns', () => {
  it('end the week on Sunday, Sunday itself included', () => {
    expect(endOfWeek('2026-11-23')).toBe('2026-11-29'); // Monday
    expect(endOfWeek(TODAY)).toBe('2026-11-29');
    expect(endOfWeek('2026-11-29')).toBe('2026-11-29');
    expect(endOfWeek('2026-12-30')).toBe('2027-01-03'); // across the year
  });

  it('put a visit past its day in "quá hạn", one due by Sunday in "tuần này", and the rest in "sau"', () => {
    expect(bucketOf('2026-11-27', TODAY)).toBe('overdue');
    expect(bucketOf(TODAY, TODAY)).toBe('thisWeek');
    expect(bucketOf('2026-11-29', TODAY)).toBe('thisWeek');
    expect(bucketOf('2026-11-30', TODAY)).toBe('later');
  });

  it('order each column by due date, the earliest first', () => {
    const items = [
      { id: 'a', dueDate: '2026-12-10' },
      { id: 'b', dueDate: '2026-11-20' },
      { id: 'c', dueDate: '2026-11-29' },
      { id: 'd', dueDate: '2026-11-02' },
      { id: 'e', dueDate: '2026-12-01' },
    ];
    const b = bucketFollowUps(items, TODAY);
    expect(b.overdue.map((f) => f.id)).toEqual(['d', 'b']);
    expect(b.thisWeek.map((f) => f.id)).toEqual(['c']);
    expect(b.later.map((f) => f.id)).toEqual(['e', 'a']);
  });

  it('count the days a visit is late, none before its day', () => {
    expect(daysLate('2026-11-20', TODAY)).toBe(8);
    expect(daysLate('2026-12-20', TODAY)).toBe(0);
  });
});

describe('closing a follow-up', () => {
  it('says what each outcome does: STOPPED, MOVED_AWAY and DECEASED end the enrollment', () => {
    expect(FOLLOW_UP_OUTCOMES.filter(endsEnrollment)).toEqual(['STOPPED', 'MOVED_AWAY', 'DECEASED']);
    expect(outcomeEffect('DECEASED')).toBe('ENDS_DECEASED');
    expect(outcomeEffect('MOVED_AWAY')).toBe('ENDS_STOPPED');
    expect(outcomeEffect('WILL_PAY')).toBe('PROMISE');
    expect(outcomeEffect('NOT_FOUND')).toBe('RECORD_ONLY');
    for (const o of FOLLOW_UP_OUTCOMES) {
      expect(collectionVi.collection.outcomes[o]).toBeTruthy();
      expect(collectionEn.collection.outcomes[o]).toBeTruthy();
      expect(collectionVi.collection.effects[outcomeEffect(o)]).toBeTruthy();
    }
  });

  it('needs an outcome, and for WILL_PAY a promised day not before today', () => {
    expect(closeInput('1', { outcome: null, promisedDate: null, note: null }, TODAY)).toEqual({ ok: false, errors: { outcome: 'required' } });
    expect(closeInput('1', { outcome: 'WILL_PAY', promisedDate: '', note: null }, TODAY)).toEqual({ ok: false, errors: { promisedDate: 'required' } });
    expect(closeInput('1', { outcome: 'WILL_PAY', promisedDate: '30/11/2026', note: null }, TODAY)).toEqual({ ok: false, errors: { promisedDate: 'date' } });
    expect(closeInput('1', { outcome: 'WILL_PAY', promisedDate: '2026-11-27', note: null }, TODAY)).toEqual({ ok: false, errors: { promisedDate: 'past' } });
    expect(closeInput('1', { outcome: 'WILL_PAY', promisedDate: TODAY, note: '  hẹn   sau  thu hoạch ' }, TODAY)).toEqual({
      ok: true,
      input: { id: '1', outcome: 'WILL_PAY', promisedDate: TODAY, note: 'hẹn sau thu hoạch' },
    });
  });

  it('sends no promised day with another outcome, whatever was typed', () => {
    expect(closeInput('1', { outcome: 'PAID', promisedDate: '2026-12-01', note: ' ' }, TODAY)).toEqual({ ok: true, input: { id: '1', outcome: 'PAID', promisedDate: null, note: null } });
  });
});
