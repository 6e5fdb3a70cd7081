import { fixtureSuite } from '../test/harness.js';

// `{{ value }}` with no filter, as Django 5.2 prints it (scripts/gen_fixtures.py).
fixtureSuite([null]);
