/** Kysely table types of src/modules/deliberation; kept in step with its migration by hand. */
export interface DeliberationTables {}
