/** Kysely table types of src/modules/socialorgs; kept in step with its migration by hand. */
export interface SocialorgsTables {}
