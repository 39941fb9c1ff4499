/** Kysely table types of src/modules/partners (migrations of issue 5); kept in step with its migration by hand. */
export interface PartnersTables {}
