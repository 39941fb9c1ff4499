/** Kysely table types of src/modules/store (migrations of issue 5); kept in step with its migration by hand. */
export interface StoreTables {}
