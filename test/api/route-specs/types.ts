import type { Session, TestApp } from '../../helpers/app.js';
import type { Account, World } from '../fixtures.js';

/**
 * What test/api/routes.test.ts needs to know about one module's routes. Each module keeps
 * its own file here, so modules built in parallel never edit the same lines.
 */
export interface SpecCtx { t: TestApp; w: World; s: Record<Account, Session> }

export interface RouteSpec {
  /** Every route of the module ("METHOD /api/v1/path/:id"); the test fails if one disappears. */
  known: string[];
  /** Creates the records the module's :id routes are tried on (once, before any check). */
  setup?: (c: SpecCtx) => Promise<void>;
  /** A body per write route that passes its schema, so checks further in are reached. */
  base?: (c: SpecCtx) => Record<string, Record<string, unknown>>;
  /** The account that gets furthest into each route (default: sysAdmin). */
  who?: (key: string) => Account | undefined;
  /** The id each :id route is tried on (default 1). */
  id?: (key: string, c: SpecCtx) => number | undefined;
  /** [route, account, body?]: the account must get 403 FORBIDDEN. */
  forbidden?: (c: SpecCtx) => [string, Account, unknown?][];
  /** Routes taking a raw (non-JSON) upload, with their own body limit in bytes. */
  uploadLimits?: Record<string, number>;
}
