import { corpusSuite } from './corpus-suite.ts';

corpusSuite('handoff');
