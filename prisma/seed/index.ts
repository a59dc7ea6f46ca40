/** The demo data set seeded on first start (`npm start`) and by `anxin db seed`. */
export { seedDemo } from './seed-demo.ts';
export { buildDemoData, type DemoData, type DemoOptions } from './build-demo.ts';
export { DEMO_IDENTITIES, type DemoIdentity } from './demo-identities.ts';
