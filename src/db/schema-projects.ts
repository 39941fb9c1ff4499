/** Kysely table types of src/modules/projects; kept in step with its migration by hand. */
export interface ProjectsTables {}
