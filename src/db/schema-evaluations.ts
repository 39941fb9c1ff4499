/** Kysely table types of src/modules/evaluations; kept in step with its migration by hand. */
export interface EvaluationsTables {}
