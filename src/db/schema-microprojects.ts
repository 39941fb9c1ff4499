/** Kysely table types of src/modules/microprojects; kept in step with its migration by hand. */
export interface MicroprojectsTables {}
