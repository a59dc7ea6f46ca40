import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { runFuzz } from './chat-fuzz-inputs.ts';

/**
 * Issue 12: a bounded fuzzer on the chat API. 5,000 seeded random requests over real HTTP (random unicode, control
 * characters, lone surrogates, huge and empty text, wrong types, random JSON, random headers, repeated query
 * parameters) must get no answer >= 500 and no dropped connection. FUZZ_SEED / FUZZ_COUNT replay a failing run;
 * a failure names the request index, which `fuzzRequest(seed, i)` rebuilds alone.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const COUNT = Number(process.env.FUZZ_COUNT ?? 5000);

describe('chat API fuzz', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let url: string;
  beforeAll(async () => {
    // Limits high enough that the fuzz reaches the pipeline rather than the rate limiter.
    app = await createTestApp({ env: { ANXIN_RATE_PER_USER: '1000000', ANXIN_RATE_PER_ADDRESS: '1000000', ANXIN_UPLOADS_PER_ADDRESS: '1000000' } });
    url = await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => app.cleanup());

  it(`answers ${COUNT} random requests (seed ${SEED}) without a 5xx`, { timeout: 900_000 }, async () => {
    const results = await runFuzz(url, SEED, COUNT);
    const broken = results.filter((r) => r.status >= 500 || r.status === 0);
    expect(broken.slice(0, 5).map((r) => `#${r.i} ${r.status} ${r.body}`)).toEqual([]);
    expect(results).toHaveLength(COUNT);
    // The fuzz is not only refusals: a good share reaches the pipeline and is answered.
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(COUNT / 5);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
  });
});
