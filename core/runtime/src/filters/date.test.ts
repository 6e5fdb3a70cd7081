import { fixtureSuite } from '../../test/harness.js';
import { dateFilters } from './date.js';

// Expected outputs come from Django 5.2 (scripts/gen_fixtures.py).
fixtureSuite(Object.keys(dateFilters));
