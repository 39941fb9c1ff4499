import { Type, type TSchema, type Static } from 'typebox';

/** Shapes shared by every module's route schemas (and so by OpenAPI). */
/** Building blocks every module's schema.ts uses. */
export const Id = Type.Integer({ minimum: 1, maximum: 9007199254740991 });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** Non-blank text up to `max` characters. */
export const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
export const Str = Type.String();
export const NStr = Type.Union([Type.String(), Type.Null()]);
export const NInt = Type.Union([Type.Integer(), Type.Null()]);
export const NNum = Type.Union([Type.Number(), Type.Null()]);
export const Actions = Type.Array(Type.String(), { description: 'What the current user may do with this record' });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const PageQueryFields = {
  page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};
export type PageQuery = { page: number; pageSize: number };

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
});

/** Standard error responses for a route: 400/401/403/404 all carry ErrorResponse. */
export const errorResponses = {
  400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse,
};

export const NoContent = Type.Null();

/**
 * The total for a page whose rows carry `count(*) over()`: a page past the end has no row
 * to carry it, so only then is the count asked for separately.
 */
export async function pageTotal(rows: { total: number }[], page: PageQuery, count: () => Promise<number>): Promise<number> {
  if (rows.length) return rows[0].total;
  return page.page === 1 ? 0 : count();
}

export function paged<T>(items: T[], total: number, q: PageQuery) {
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export type { Static };
