import { fixtureSuite } from '../../test/harness.js';
import { logicFilters } from './logic.js';

// Expected outputs come from Django 5.2 (scripts/gen_fixtures.py).
fixtureSuite(Object.keys(logicFilters));
