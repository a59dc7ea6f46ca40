import { loadKnowledgeBase, defaultKbDir } from './src/domain/kb/index.ts';
const t0 = performance.now();
const kb = await loadKnowledgeBase(defaultKbDir());
console.log('load ms', (performance.now() - t0).toFixed(0), kb.entries.length);
for (const [q, l] of [['犹豫期内退保能全额退吗','zh'],['我的车被偷了咋整','zh'],['交强险赔多少钱','zh'],['今天天气怎么样','zh'],['my flight was late, can I get money', 'en'],['what is the weather today','en'],['保单丢了','zh'],['百万医疗一万免赔额咋算的','zh']] as const) {
  const a = kb.answer(q, l);
  console.log(q, '=>', a?.entry.id, a?.score.toFixed(2), a?.coverage.toFixed(2), a?.confident, a?.suggestions);
}
