import { describe, expect, it } from 'vitest';
import {
  daysBeforeWindow,
  daysOutsideWindow,
  questionTimes,
  questionTimeWindow,
} from '../../../src/core/time/question-time.ts';

// A Friday.
const asOf = new Date('2022-06-17T15:00:00Z');
const day = (d: Date | undefined) => d?.toISOString().slice(0, 10);
const window = (question: string) => {
  const w = questionTimeWindow(question, asOf);
  return w && { from: day(w.from), to: day(w.to), span: w.span, phrase: w.phrase };
};

describe('questionTimes', () => {
  it('reads "this week" as the seven days up to the question, and "last week" as the seven before', () => {
    expect(window('Which company announced layoffs this week?')).toEqual({
      from: '2022-06-11',
      to: '2022-06-17',
      span: 'week',
      phrase: 'this week',
    });
    expect(window('Who resigned last week?')).toMatchObject({ from: '2022-06-04', to: '2022-06-10' });
  });

  it('reads a weekday as the latest such day up to the question', () => {
    expect(window('What did the Fed announce on Wednesday?')).toMatchObject({
      from: '2022-06-15',
      to: '2022-06-15',
      span: 'day',
    });
    expect(window('What happened Friday?')).toMatchObject({ from: '2022-06-17' });
    expect(window('What happened last Friday?')).toMatchObject({ from: '2022-06-10' });
  });

  it('reads today, yesterday, recently, and "N days ago"', () => {
    expect(window('What did the court rule today?')).toMatchObject({ from: '2022-06-17', to: '2022-06-17' });
    expect(window('Who won yesterday?')).toMatchObject({ from: '2022-06-16', to: '2022-06-16' });
    expect(window('Which country recently banned it?')).toMatchObject({
      from: '2022-06-04',
      to: '2022-06-17',
      span: 'recent',
    });
    expect(window('What sank three days ago?')).toMatchObject({ from: '2022-06-14', to: '2022-06-14' });
    expect(window('What rose over the past two weeks?')).toMatchObject({
      from: '2022-06-04',
      to: '2022-06-17',
    });
  });

  it('reads months, days of a month and years, the latest up to the question', () => {
    expect(window('What opened on June 12?')).toMatchObject({ from: '2022-06-12', to: '2022-06-12' });
    expect(window('What opened on 12 June 2021?')).toMatchObject({ from: '2021-06-12' });
    expect(window('What closed in December?')).toMatchObject({ from: '2021-12-01', to: '2021-12-31' });
    expect(window('What was signed in 2021?')).toMatchObject({ from: '2021-01-01', to: '2021-12-31' });
    expect(window('Who won last year?')).toMatchObject({ from: '2021-01-01', to: '2021-12-31' });
    expect(window('How much has it risen this year?')).toMatchObject({
      from: '2022-01-01',
      to: '2022-12-31',
    });
    expect(window('What happened last month?')).toMatchObject({ from: '2022-05-01', to: '2022-05-31' });
  });

  it('reads a day of a month without its year as the nearest such day, and one still ahead as no window', () => {
    expect(window('What opened on June 12?')).toMatchObject({ from: '2022-06-12' });
    expect(window('What closed on December 20?')).toMatchObject({ from: '2021-12-20' });
    // Asked on June 17: July 4 is the coming one, not last year's; nor is "July" then read as last July.
    expect(questionTimes('Which store cut prices through July 4?', asOf)).toEqual([]);
    expect(questionTimes('What album comes out on 29 July?', asOf)).toEqual([]);
  });

  it('finds no time where there is none, nor in a verb, a count, or the future', () => {
    expect(questionTimes('Who may run for president?', asOf)).toEqual([]);
    expect(questionTimes('How many of the 2000 troops came home?', asOf)).toEqual([]);
    expect(questionTimes('What is planned for 2030?', asOf)).toEqual([]);
    expect(questionTimes('Who leads the New York team?', asOf)).toEqual([]);
  });

  it('lists every phrase in question order, each part read once, the narrowest first by questionTimeWindow', () => {
    const times = questionTimes('Which record set this year was broken on Monday?', asOf);
    expect(times.map((t) => t.phrase)).toEqual(['this year', 'on Monday']);
    expect(questionTimeWindow('Which record set this year was broken on Monday?', asOf)?.phrase).toBe(
      'on Monday',
    );
    expect(questionTimes('What opened on June 12?', asOf)).toHaveLength(1);
  });
});

describe('daysBeforeWindow', () => {
  const w = questionTimeWindow('What was signed in 2021?', asOf);
  it('counts only the days an article is older than the window: a later one may look back on it', () => {
    if (!w) throw new Error('no window');
    expect(daysBeforeWindow('2020-12-30', w)).toBe(2);
    expect(daysBeforeWindow('2021-06-01', w)).toBe(0);
    expect(daysBeforeWindow('2022-06-01', w)).toBe(0);
    expect(daysBeforeWindow(undefined, w)).toBeUndefined();
  });
});

describe('daysOutsideWindow', () => {
  const w = questionTimeWindow('this week', asOf);
  it('is 0 inside the window, the days before or after it outside, unknown without a date', () => {
    if (!w) throw new Error('no window');
    expect(daysOutsideWindow('2022-06-13', w)).toBe(0);
    expect(daysOutsideWindow('2022-06-01', w)).toBe(10);
    expect(daysOutsideWindow('2022-06-19', w)).toBeCloseTo(1, 5);
    expect(daysOutsideWindow(undefined, w)).toBeUndefined();
  });
});
