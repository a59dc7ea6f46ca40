import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The server's own time zone must not move business dates. chinese-days builds its tables with local-time
 * getters, which shifts every holiday by a day west of Greenwich; Anxin reads the package's zone-free data
 * instead. Run the checks with the process in Los Angeles time (modules imported after the switch).
 */
describe('on a server in America/Los_Angeles', () => {
  const before = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/Los_Angeles';
  });
  afterAll(() => {
    process.env.TZ = before;
  });

  it('still sees the 2026 arrangement on the right days', async () => {
    expect(new Date(0).getHours()).toBe(16); // the switch took effect
    const { createWorkCalendar } = await import('../../../src/domain/calendar/work-calendar.ts');
    const cal = createWorkCalendar();
    expect(cal.isWorkday('2026-10-10')).toBe(true);
    expect(cal.isWorkday('2026-10-07')).toBe(false);
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(cal.addWorkdays('2026-09-28', 10)).toBe('2026-10-16');
  });

  it('puts instants on their Shanghai day and deadlines at Shanghai midnight', async () => {
    const { shanghaiDate, endOfShanghaiDay } = await import('../../../src/domain/calendar/shanghai-time.ts');
    expect(shanghaiDate(new Date('2026-09-27T17:30:00Z'))).toBe('2026-09-28');
    expect(endOfShanghaiDay('2026-10-16').toISOString()).toBe('2026-10-16T15:59:59.000Z');
  });

  it('finds lunar festivals on the right days', async () => {
    const { occasionsOn } = await import('../../../src/domain/greetings/occasions.ts');
    expect(occasionsOn('2027-02-06').map((o) => o.id)).toEqual(['spring_festival']);
    expect(occasionsOn('2026-09-25').map((o) => o.id)).toEqual(['mid_autumn']);
  });
});
