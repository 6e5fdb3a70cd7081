/** The dashboard example, importable for tests. */
export { createDashboard, type DashboardOptions } from './app.js';
export { dashboardView, type DashboardDeps } from './view.js';
export { sampleSource, type SearchSource, type BookHit } from './search.js';
