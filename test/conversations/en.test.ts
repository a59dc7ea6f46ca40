import { corpusSuite } from './corpus-suite.ts';

corpusSuite('en');
