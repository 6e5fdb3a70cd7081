import { fixtureSuite } from '../../test/harness.js';
import { htmlFilters } from './html.js';

// Expected outputs come from Django 5.2 (scripts/gen_fixtures.py).
fixtureSuite(Object.keys(htmlFilters));
