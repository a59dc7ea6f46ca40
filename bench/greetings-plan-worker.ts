/**
 * Child process of bench/greetings.bench.ts: plans one day's greetings over an existing database and reports
 * time and memory to the parent (IPC). Not a bench on its own (the runner only picks up *.bench.ts).
 * Usage: node --import tsx bench/greetings-plan-worker.ts <file:url> <YYYY-MM-DD>
 */
import { loadConfig } from '../src/config/load.ts';
import { fixedClock } from '../src/core/clock.ts';
import { openDatabase } from '../src/db/client.ts';
import { planGreetings } from '../src/jobs/greetings-plan.ts';
import { emptyResult } from '../src/jobs/types.ts';

export interface WorkerReport {
  planned: number;
  rows: number;
  seconds: number;
  cpuSeconds: number;
  baselineRss: number;
  peakRss: number;
  maxRss: number;
  maxRssBefore: number;
  rerunCpuSeconds: number;
  peakHeap: number;
  rerunSeconds: number;
  rerunPlanned: number;
}

async function main(url: string, date: string): Promise<WorkerReport> {
  const db = await openDatabase(url);
  const deps = { db, clock: fixedClock(new Date(`${date}T10:00:00+08:00`)), config: loadConfig({ LOG_LEVEL: 'silent' }) };
  try {
    await db.customer.count();
    const baseline = process.memoryUsage();
    const maxRssBefore = process.resourceUsage().maxRSS * 1024;
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const timer = setInterval(sample, 20);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const planned = await planGreetings(deps, { date, dryRun: false }, emptyResult());
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    sample();
    clearInterval(timer);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const cpu1 = process.cpuUsage();
    const t1 = performance.now();
    const rerunPlanned = await planGreetings(deps, { date, dryRun: false }, emptyResult());
    const rerunSeconds = (performance.now() - t1) / 1000;
    const rerunCpu = process.cpuUsage(cpu1);
    return {
      planned,
      rows: await db.outboxMessage.count(),
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      baselineRss: baseline.rss,
      peakRss,
      maxRss,
      maxRssBefore,
      rerunCpuSeconds: (rerunCpu.user + rerunCpu.system) / 1e6,
      peakHeap,
      rerunSeconds,
      rerunPlanned,
    };
  } finally {
    await db.$disconnect();
  }
}

const [url, date] = process.argv.slice(2);
main(url, date).then(
  (report) => process.send!(report, () => process.exit(0)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
