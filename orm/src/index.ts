export { analyzeTemplate, type TemplateUsage } from './analyze.js';
export { countQueries, type QueryCounter, type Statement } from './counter.js';
export { FieldRefusedError, TemplateAnalysisError } from './errors.js';
export { naiveLoad } from './naive.js';
export {
  optimize,
  loadContext,
  DEFAULT_MAX_BATCH_SIZE,
  planFor,
  templateUsage,
  type OptimizeOptions,
  type Strategy,
  type TemplateLike,
} from './optimize.js';
export {
  planQuery,
  planStats,
  selectedColumns,
  type NodePlan,
  type PlanOptions,
  type PlanStats,
  type QueryPlan,
  type RelationPlan,
} from './plan.js';
export { modelSchema, type Cardinality, type ModelClass, type ModelSchema, type RelationInfo } from './schema.js';
export { usagePaths, type Usage } from './usage.js';
