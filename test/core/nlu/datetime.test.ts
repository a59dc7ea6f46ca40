import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../src/core/nlu/index.ts';

// Wednesday 18 March 2026, 10:00 in Shanghai (02:00 UTC): tests must not depend on the machine's time zone.
const NOW = new Date('2026-03-18T02:00:00Z');
const dt = (text: string, now = NOW) => extractEntities(text, now).datetime;

describe('Chinese relative expressions, resolved in Asia/Shanghai', () => {
  it.each([
    ['我昨天下午三点被撞了', '2026-03-17T15:00:00+08:00', 'hour', '昨天下午三点'],
    ['上周五晚上车被刮了', '2026-03-13T20:00:00+08:00', 'hour', '上周五晚上'],
    ['前天出的车祸', '2026-03-16T00:00:00+08:00', 'day', '前天'],
    ['大前天', '2026-03-15T00:00:00+08:00', 'day', '大前天'],
    ['今天早上8点半在停车场', '2026-03-18T08:30:00+08:00', 'minute', '今天早上8点半'],
    ['前天晚上9点20', '2026-03-16T21:20:00+08:00', 'minute', '前天晚上9点20'],
    ['昨晚出的事', '2026-03-17T20:00:00+08:00', 'hour', '昨晚'],
    ['上个月15号住的院', '2026-02-15T00:00:00+08:00', 'day', '上个月15号'],
    ['三天前摔伤了', '2026-03-15T00:00:00+08:00', 'day', '三天前'],
    ['上上周三', '2026-03-04T00:00:00+08:00', 'day', '上上周三'],
    ['下周一上午来办', '2026-03-23T10:00:00+08:00', 'hour', '下周一上午'],
    // A bare weekday is the one just past (customers report what happened); 这/下 name the coming ones.
    ['星期天下午', '2026-03-15T15:00:00+08:00', 'hour', '星期天下午'],
    ['这周日下午', '2026-03-22T15:00:00+08:00', 'hour', '这周日下午'],
    ['凌晨两点', '2026-03-18T02:00:00+08:00', 'hour', '凌晨两点'],
    ['中午1点', '2026-03-18T13:00:00+08:00', 'hour', '中午1点'],
    ['两点一刻', '2026-03-18T02:15:00+08:00', 'minute', '两点一刻'],
    ['晚上12点', '2026-03-19T00:00:00+08:00', 'hour', '晚上12点'],
  ])('%s', (text, iso, precision, span) => {
    expect(dt(text)).toEqual({ iso, precision, text: span });
  });

  it('crosses month and year boundaries', () => {
    expect(dt('前天', new Date('2026-03-01T12:00:00+08:00'))?.iso).toBe('2026-02-27T00:00:00+08:00');
    expect(dt('昨天晚上', new Date('2026-01-01T09:00:00+08:00'))?.iso).toBe('2025-12-31T20:00:00+08:00');
    expect(dt('上周五', new Date('2026-01-05T09:00:00+08:00'))?.iso).toBe('2026-01-02T00:00:00+08:00'); // Monday
  });

  it('uses the Shanghai date, not the UTC date, for "today"', () => {
    // 23:30 UTC on the 17th is already 07:30 on the 18th in Shanghai.
    expect(dt('昨天', new Date('2026-03-17T23:30:00Z'))?.iso).toBe('2026-03-17T00:00:00+08:00');
  });
});

describe('absolute dates', () => {
  it('reads month/day (most recent past year), full dates and ISO dates with a time', () => {
    expect(dt('3月5日住的院')).toEqual({ iso: '2026-03-05T00:00:00+08:00', precision: 'day', text: '3月5日' });
    expect(dt('12月30日')?.iso).toBe('2025-12-30T00:00:00+08:00'); // said in March: last December
    expect(dt('2026-11-20')?.iso).toBe('2026-11-20T00:00:00+08:00');
    expect(dt('2026年3月5日 14:30')).toMatchObject({ iso: '2026-03-05T14:30:00+08:00', precision: 'minute' });
    expect(dt('去年8月3号')?.iso).toBe('2025-08-03T00:00:00+08:00');
  });

  it('rejects impossible dates and non-dates', () => {
    expect(dt('2月30日')).toBeUndefined();
    for (const text of ['我要报案', '5号楼', '我想早点理赔', '太晚了', '报案号BA20261129000123', '花了3千']) {
      expect(dt(text), text).toBeUndefined();
    }
  });
});

describe('English expressions (chrono-node)', () => {
  it.each([
    ['my car was hit yesterday 3pm', '2026-03-17T15:00:00+08:00', 'hour'],
    ['accident last Friday', '2026-03-13T00:00:00+08:00', 'day'],
    ['at 10:30 this morning', '2026-03-18T10:30:00+08:00', 'minute'],
    ['it happened two days ago', '2026-03-16T00:00:00+08:00', 'day'],
    ['on March 5', '2026-03-05T00:00:00+08:00', 'day'],
  ])('%s', (text, iso, precision) => {
    expect(dt(text)).toMatchObject({ iso, precision });
  });
});
