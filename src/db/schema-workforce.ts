/** Kysely table types of src/modules/workforce; kept in step with its migration by hand. */
export interface WorkforceTables {}
