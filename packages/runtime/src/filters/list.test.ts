import { fixtureSuite } from '../__fixtures__/harness.js';
import { listFilters } from './list.js';

// Expected outputs come from Django 5.2 (scripts/gen_fixtures.py).
fixtureSuite(Object.keys(listFilters));
