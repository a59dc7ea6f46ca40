import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../db/client.ts';
import { t, toLang, type Lang } from '../../i18n/index.ts';
import type { RouteModule } from '../server.ts';
import { isLocalRequest } from '../staff/routes.ts';
import { barChart, lineChart } from './charts.ts';
import { loadReportData, type ReportData } from './data.ts';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The report page: server-rendered SVG charts (ECharts), counts only. */
export function renderReport(data: ReportData, lang: Lang): string {
  const intentLabel = (i: string) => t(lang, `dialog:intentName.${i}`) === `dialog:intentName.${i}` ? i : t(lang, `dialog:intentName.${i}`);
  const charts = [
    lineChart(t(lang, 'report:perDay'), data.days, [
      { name: t(lang, 'report:inbound'), values: data.inboundPerDay },
      { name: t(lang, 'report:handoffs'), values: data.handoffsPerDay },
    ]),
    barChart(t(lang, 'report:intents'), data.intents.map((i) => intentLabel(i.intent)), data.intents.map((i) => i.count)),
    barChart(t(lang, 'report:openByQueue'), data.openByQueue.map((q) => q.queue), data.openByQueue.map((q) => q.count), '#d08a1e'),
    barChart(
      t(lang, 'report:jobs'),
      data.jobRuns.map((j) => `${j.job} (${j.ok}/${j.failed})`),
      data.jobRuns.map((j) => j.ok + j.failed),
      '#4a6fa5',
    ),
  ];
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escape(t(lang, 'report:title'))}</title>
<style>body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f3f5f4}
header{background:#0a7c66;color:#fff;padding:12px 20px}header h1{margin:0;font-size:18px}header p{margin:4px 0 0;font-size:13px;opacity:.9}
main{display:flex;flex-wrap:wrap;gap:16px;padding:16px}.card{background:#fff;border-radius:8px;box-shadow:0 1px 2px #0002;padding:8px}
.totals{padding:12px 20px;font-size:14px}a{color:#0a7c66}</style></head><body>
<header><h1>${escape(t(lang, 'report:title'))}</h1><p>${escape(t(lang, 'report:subtitle', { days: data.days.length }))}</p></header>
<div class="totals">${escape(t(lang, 'report:totals', data.totals))} · <a href="/staff">${escape(t(lang, 'report:back'))}</a></div>
<main>${charts.map((c) => `<div class="card">${c}</div>`).join('')}</main></body></html>`;
}

/** `GET /staff/report` (loopback only, like the staff page); `?lang=en` for English. */
export function reportRoutes(source: () => { db: Db; clock: Clock }): RouteModule {
  return (app: FastifyInstance) => {
    app.get('/staff/report', async (req, reply) => {
      if (!isLocalRequest(req)) return reply.status(403).send({ error: 'the staff report is only served to this machine' });
      const { db, clock } = source();
      const lang = toLang((req.query as { lang?: string }).lang ?? 'zh');
      const data = await loadReportData(db, clock.now());
      return reply.type('text/html; charset=utf-8').send(renderReport(data, lang));
    });
  };
}
