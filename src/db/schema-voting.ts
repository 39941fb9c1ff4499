/** Kysely table types of src/modules/voting; kept in step with its migration by hand. */
export interface VotingTables {}
