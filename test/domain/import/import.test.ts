import { readFileSync, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import { createTestDb, type TestDb } from '../../../src/db/test-db.ts';
import { importCsv, importCsvFile, type ImportKind, type ImportOptions } from '../../../src/domain/import/index.ts';
import { hashIdNumber } from '../../../src/domain/pii.ts';

const SECRET = 'test-secret-0123456789';
const example = (name: string) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));
const clock = fixedClock('2026-11-29T04:00:00Z');

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** Both write paths: Prisma's raw SQL, and the better-sqlite3 fast path the CLI uses. */
const runners = [
  ['Prisma raw SQL', () => ({})],
  ['better-sqlite3 fast path', () => ({ sqliteFile: t.file })],
] as const;

describe.each(runners)('import via %s', (_label, extra) => {
  const opts = (): ImportOptions => ({ secret: SECRET, clock, ...extra() });
  const csv = (kind: ImportKind, text: string, o: Partial<ImportOptions> = {}) => importCsv(t.db, kind, Readable.from([text]), { ...opts(), ...o });

  it('imports the example files and stores ID numbers only as a hash and a masked form', async () => {
    for (const kind of ['agents', 'customers', 'policies'] as const) {
      const r = await importCsvFile(t.db, kind, example(`${kind}.csv`), opts());
      expect(r).toMatchObject({ failed: 0, updated: 0, created: kind === 'agents' ? 3 : 8 });
    }
    const feng = await t.db.customer.findUniqueOrThrow({ where: { code: 'C900005' } });
    expect(feng).toMatchObject({ idMasked: '320106********3918', gender: 'M', lunarBirthday: true, greetingConsent: true });
    expect(feng.birthday?.toISOString()).toBe('1969-09-01T00:00:00.000Z'); // taken from the ID number
    expect(feng.idHash).toBe(hashIdNumber('320106196909013918', SECRET));
    const byId = await t.db.policy.findUniqueOrThrow({ where: { number: 'LF2019100002' }, include: { holder: true, insured: true, agent: true } });
    expect([byId.holder.code, byId.insured?.code, byId.agent?.code, byId.status]).toEqual(['C900007', 'C900007', 'A9003', 'lapsed']);
    const family = await t.db.policy.findUniqueOrThrow({ where: { number: 'HL2026100001' }, include: { insured: true } });
    expect(family.insured?.code).toBe('C900002');
    expect(Number(family.premium)).toBe(1280);
    await t.db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    const bytes = [t.file, `${t.file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    for (const id of ['320106196909013918', '310101198206182358', '33010219880214848X']) expect(bytes).not.toContain(id);
  });

  it('imports the good rows of a file with malformed rows and lists each bad row with its line and every reason', async () => {
    const r = await importCsvFile(t.db, 'customers', example('customers-with-errors.csv'), opts());
    expect(r).toMatchObject({ rows: 11, created: 3, updated: 0, failed: 8 });
    expect(r.problems.map((p) => [p.line, p.reasons.map((x) => `${x.column ?? ''}:${x.code}`)])).toEqual([
      [3, ['id_number:id_checksum']],
      [4, ['phone:mobile', 'gender:gender_id_mismatch']],
      [5, ['name:required', 'birthday:date_invalid', 'language:choice', 'vip_tier:choice', 'greeting_consent:choice']],
      [6, ['id_number:id_scientific']],
      [8, ['code:duplicate_in_file']],
      [10, [':column_count']],
      [11, ['id_number:id_birth_date']],
      [12, ['birthday:date_future']],
    ]);
    const codes = (await t.db.customer.findMany({ select: { code: true }, orderBy: { code: 'asc' } })).map((c) => c.code);
    expect(codes).toEqual(['C910001', 'C910006', 'C910007']);
    expect((await t.db.customer.findUniqueOrThrow({ where: { code: 'C910006' } })).phone).toBe('13512340006');
  });

  it('re-importing updates rows instead of duplicating them; columns a file leaves out stay as they were', async () => {
    await importCsvFile(t.db, 'customers', example('customers.csv'), opts());
    const again = await importCsvFile(t.db, 'customers', example('customers.csv'), opts());
    expect(again).toMatchObject({ created: 0, updated: 8, failed: 0 });
    const changed = await csv('customers', 'code,name,phone,vip_tier\nC900001,周明,13916829999,\nC900099,新客户,13916820099,silver\n');
    expect(changed).toMatchObject({ created: 1, updated: 1, failed: 0 });
    const zhou = await t.db.customer.findUniqueOrThrow({ where: { code: 'C900001' } });
    // phone changed, an empty vip_tier resets to the default, address (not in the file) is kept.
    expect(zhou).toMatchObject({ phone: '13916829999', vipTier: 'standard', address: '上海市黄浦区南京东路100号', idMasked: '310101********2358' });
    // Matched on the ID number when the file has no customer code.
    const byId = await csv('customers', 'id_number,name\n33010219880214848x,郑雅婷\n');
    expect(byId).toMatchObject({ created: 0, updated: 1 });
    expect(await t.db.customer.count()).toBe(9);
  });

  it('rejects an ID number that already belongs to another customer code', async () => {
    await importCsvFile(t.db, 'customers', example('customers.csv'), opts());
    const r = await csv('customers', 'code,name,id_number\nC777777,冒名,310101198206182358\n');
    expect(r.problems).toEqual([{ line: 2, reasons: [expect.objectContaining({ column: 'id_number', code: 'id_taken', arg: 'C900001' })] }]);
    expect(await t.db.customer.count()).toBe(8);
  });

  it('rejects policies whose agent or customers are unknown, listing the row\'s other problems too', async () => {
    await importCsvFile(t.db, 'agents', example('agents.csv'), opts());
    await importCsvFile(t.db, 'customers', example('customers.csv'), opts());
    const r = await csv(
      'policies',
      'number,product,line,holder,insured,effective_date,premium,agent\n' +
        'AC2026200001,安心意外险,accident,C900001,,2026-01-01,198,A0404\n' +
        'AC2026200002,安心意外险,accident,C404404,110105197501094629,2026-01-01,-5,A9001\n' +
        'AC2026200003,安心意外险,accident,110105197501094629,,2026-01-01,98,\n',
    );
    expect(r.problems).toEqual([
      { line: 2, reasons: [{ column: 'agent', code: 'unknown_agent', value: 'A0404' }] },
      { line: 3, reasons: [{ column: 'premium', code: 'amount_positive', value: '-5' }, { column: 'holder', code: 'unknown_customer', value: 'C404404' }] },
    ]);
    expect(r.created).toBe(1);
    const ok = await t.db.policy.findUniqueOrThrow({ where: { number: 'AC2026200003' }, include: { holder: true } });
    expect([ok.holder.code, ok.agentId]).toEqual(['C900002', null]);
  });

  it('a dry run checks everything and writes nothing', async () => {
    const r = await importCsvFile(t.db, 'customers', example('customers-with-errors.csv'), { ...opts(), dryRun: true });
    expect(r).toMatchObject({ dryRun: true, created: 3, failed: 8 });
    expect(await t.db.customer.count()).toBe(0);
  });
});

describe('files the importer refuses or only partly reads', () => {
  const opts: ImportOptions = { secret: SECRET, clock };

  it('a bad header stops the import before anything is written', async () => {
    const run = importCsv(t.db, 'policies', Readable.from(['number,product,holder,premum\nLF2024000001,x,C1,1\n']), opts);
    await expect(run).rejects.toMatchObject({
      code: 'import_header',
      details: { missing: ['line', 'effective_date', 'premium'], unknown: ['premum'] },
    });
    await expect(importCsv(t.db, 'customers', Readable.from(['name,phone\n']), opts)).rejects.toMatchObject({
      code: 'import_header',
      details: { missing: ['code|id_number'] },
    });
  });

  it('rows before a quoting error are imported; the swallowed lines are reported', async () => {
    const r = await importCsv(t.db, 'agents', Readable.from(['code,name\nA1,甲\nA2,"乙"x\nA3,丙\n']), opts);
    expect(r.created).toBe(1);
    expect(r.problems).toEqual([{ line: 3, reasons: [expect.objectContaining({ code: 'csv_syntax' }), { code: 'csv_unread', arg: '3–4' }] }]);
  });

  it('reads GBK files when told to', async () => {
    const gbk = Buffer.concat([Buffer.from('code,name\nA1,'), Buffer.from([0xd5, 0xc5, 0xce, 0xb0]), Buffer.from('\n')]);
    expect((await importCsv(t.db, 'agents', Readable.from([gbk]), opts)).problems[0].reasons[0].code).toBe('encoding');
    expect(await importCsv(t.db, 'agents', Readable.from([gbk]), { ...opts, encoding: 'gbk' })).toMatchObject({ created: 1 });
    expect((await t.db.agent.findUniqueOrThrow({ where: { code: 'A1' } })).name).toBe('张伟');
  });
});
