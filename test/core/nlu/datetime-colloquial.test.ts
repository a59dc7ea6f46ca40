import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../src/core/nlu/index.ts';

// Monday 30 November 2026, 10:00 in Shanghai — the scripted-chat clock, so these match the claim dialog tests.
const NOW = new Date('2026-11-30T02:00:00Z');
const dt = (text: string, now = NOW) => extractEntities(text, now).datetime;

describe('colloquial Chinese days and night hours (issue 11)', () => {
  it.each([
    ['昨儿个夜里两点', '2026-11-30T02:00:00+08:00', 'hour', '昨儿个夜里两点'],
    ['昨天夜里两点', '2026-11-30T02:00:00+08:00', 'hour', '昨天夜里两点'],
    ['昨晚两点多被人刮了', '2026-11-30T02:00:00+08:00', 'hour', '昨晚两点'],
    ['夜里三点', '2026-11-30T03:00:00+08:00', 'hour', '夜里三点'],
    ['前天半夜一点', '2026-11-29T01:00:00+08:00', 'hour', '前天半夜一点'],
    ['昨天晚上十点', '2026-11-29T22:00:00+08:00', 'hour', '昨天晚上十点'],
    ['昨天夜里十一点', '2026-11-29T23:00:00+08:00', 'hour', '昨天夜里十一点'],
    ['前儿个傍晚6点', '2026-11-28T18:00:00+08:00', 'hour', '前儿个傍晚6点'],
    ['今儿早上七点半', '2026-11-30T07:30:00+08:00', 'minute', '今儿早上七点半'],
    ['大前天中午', '2026-11-27T12:00:00+08:00', 'hour', '大前天中午'],
    ['今天凌晨两点', '2026-11-30T02:00:00+08:00', 'hour', '今天凌晨两点'],
    ['昨儿', '2026-11-29T00:00:00+08:00', 'day', '昨儿'],
  ])('%s', (text, iso, precision, span) => {
    expect(dt(text)).toEqual({ iso, precision, text: span });
  });

  it('puts the small hours of "last night" on the day before when they are still to come', () => {
    const oneAm = new Date('2026-11-29T17:00:00Z'); // 01:00 on 30 Nov in Shanghai
    expect(dt('昨天夜里两点', oneAm)?.iso).toBe('2026-11-29T02:00:00+08:00');
    expect(dt('夜里两点', oneAm)?.iso).toBe('2026-11-29T02:00:00+08:00');
    expect(dt('昨天夜里十二点半', oneAm)?.iso).toBe('2026-11-30T00:30:00+08:00');
  });
});

describe('numeric and short dates resolve to the most recent past', () => {
  it.each([
    ['11.28 晚8点', '2026-11-28T20:00:00+08:00', 'hour'],
    ['11/28 晚8点', '2026-11-28T20:00:00+08:00', 'hour'],
    ['11-28', '2026-11-28T00:00:00+08:00', 'day'],
    ['11.28号下午三点半', '2026-11-28T15:30:00+08:00', 'minute'],
    ['12.5', '2025-12-05T00:00:00+08:00', 'day'],
    ['28号', '2026-11-28T00:00:00+08:00', 'day'],
    ['上周五下午三点半', '2026-11-27T15:30:00+08:00', 'minute'],
    ['这周一早上', '2026-11-30T08:00:00+08:00', 'hour'],
    ['周六', '2026-11-28T00:00:00+08:00', 'day'],
    ['12月24日', '2025-12-24T00:00:00+08:00', 'day'],
    ['15:30', '2026-11-30T15:30:00+08:00', 'minute'],
  ])('%s', (text, iso, precision) => {
    expect(dt(text)).toMatchObject({ iso, precision });
  });

  it('reads 30号 said on the 3rd as last month', () => {
    expect(dt('30号', new Date('2026-12-03T02:00:00Z'))?.iso).toBe('2026-11-30T00:00:00+08:00');
  });

  it('does not read amounts, decimals or versions as dates', () => {
    for (const text of ['赔了11.28元', '大概3.5万', '1.5k左右', '涨了2.5%', '版本1.2.3']) {
      expect(dt(text), text).toBeUndefined();
    }
  });
});

describe('relative times at minute precision', () => {
  it.each([
    ['半小时前', '2026-11-30T09:30:00+08:00'],
    ['大概半个小时前吧', '2026-11-30T09:30:00+08:00'],
    ['两个小时前', '2026-11-30T08:00:00+08:00'],
    ['一个半小时前', '2026-11-30T08:30:00+08:00'],
    ['10分钟前', '2026-11-30T09:50:00+08:00'],
    ['刚才', '2026-11-30T10:00:00+08:00'],
    ['刚刚被追尾了', '2026-11-30T10:00:00+08:00'],
    ['就刚才 大概十分钟前吧', '2026-11-30T09:50:00+08:00'],
    ['half an hour ago', '2026-11-30T09:30:00+08:00'],
    ['10 minutes ago', '2026-11-30T09:50:00+08:00'],
    ['just now', '2026-11-30T10:00:00+08:00'],
  ])('%s', (text, iso) => {
    expect(dt(text)).toMatchObject({ iso, precision: 'minute' });
  });
});

describe('English colloquial forms', () => {
  it.each([
    ['last night around 2', '2026-11-30T02:00:00+08:00', 'hour'],
    ['it was last night at 11', '2026-11-29T23:00:00+08:00', 'hour'],
    ['last night', '2026-11-29T20:00:00+08:00', 'hour'],
    ['yesterday at 3pm', '2026-11-29T15:00:00+08:00', 'hour'],
    ['on the 28th', '2026-11-28T00:00:00+08:00', 'day'],
    ['on the 28th at 8pm', '2026-11-28T20:00:00+08:00', 'hour'],
    ['last Friday at 3:30pm', '2026-11-27T15:30:00+08:00', 'minute'],
    ['Dec 5', '2025-12-05T00:00:00+08:00', 'day'],
    ['yesterday', '2026-11-29T00:00:00+08:00', 'day'],
    ['last Saturday around 2pm', '2026-11-28T14:00:00+08:00', 'hour'],
    ['yesterday, I called at 5', '2026-11-29T00:00:00+08:00', 'day'], // a time in another clause is not the incident's
  ])('%s', (text, iso, precision) => {
    expect(dt(text)).toMatchObject({ iso, precision });
  });

  it('keeps explicit future words in the future (the claim flow refuses them)', () => {
    expect(dt('tomorrow 3pm')?.iso).toBe('2026-12-01T15:00:00+08:00');
    expect(dt('明天下午三点')?.iso).toBe('2026-12-01T15:00:00+08:00');
  });
});
