import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import { listUnanswered, maskQuestion, normalizeQuestion, recordUnanswered } from '../../../src/domain/kb/unanswered.ts';
import { renderUnanswered } from '../../../src/cli/kb.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.cleanup();
  apps = [];
});

describe('unanswered questions', () => {
  it('masks personal data and folds punctuation, spacing and numbers into one key', () => {
    expect(maskQuestion('我手机13812345678 身份证110101199003071234 能买吗')).not.toMatch(/12345678|19900307/);
    expect(maskQuestion('mail me at li.lei@example.com')).toBe('mail me at ***@***');
    expect(normalizeQuestion('犹豫期 多久？？')).toBe(normalizeQuestion('犹豫期多久'));
    expect(normalizeQuestion('保单P20260001234怎么样')).toBe(normalizeQuestion('保单P20269999999怎么样'));
  });

  it('counts repeats, keeps the last asker and lists the most-asked first', async () => {
    const clock = fixedClock('2026-12-01T02:00:00Z');
    const app = await createTestApp({ clock });
    apps.push(app);
    const deps = { db: app.db, clock };
    await recordUnanswered(deps, { text: '今天股市怎么样', lang: 'zh', conversationId: 'c1', hadSuggestions: false });
    clock.advance(60_000);
    await recordUnanswered(deps, { text: '帮我订机票', lang: 'zh', conversationId: 'c2', hadSuggestions: false });
    await recordUnanswered(deps, { text: '帮我订机票！', lang: 'zh', conversationId: 'c3', hadSuggestions: false });
    expect(await recordUnanswered(deps, { text: '😂😂', lang: 'zh', hadSuggestions: false })).toBeNull();
    const rows = await listUnanswered(app.db, { status: 'open' });
    expect(rows.map((r) => [r.sampleText, r.count, r.lastConversationId])).toEqual([
      ['帮我订机票！', 2, 'c3'],
      ['今天股市怎么样', 1, 'c1'],
    ]);
    expect(rows[0].lastAskedAt.toISOString()).toBe('2026-12-01T02:01:00.000Z');
    expect(rows[0].firstAskedAt.toISOString()).toBe('2026-12-01T02:01:00.000Z');
    // `anxin kb unanswered` prints the same order.
    const table = await renderUnanswered(app.db, { status: 'open' });
    expect(table.indexOf('帮我订机票')).toBeLessThan(table.indexOf('今天股市怎么样'));
    expect(table).toMatch(/^\s*count/);
    await app.db.unansweredQuestion.update({ where: { id: rows[1].id }, data: { status: 'dismissed' } });
    expect(await listUnanswered(app.db, { status: 'open' })).toHaveLength(1);
    expect(await listUnanswered(app.db, { status: 'dismissed' })).toHaveLength(1);
  });
});
