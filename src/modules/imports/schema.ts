import { Type, type TSchema } from 'typebox';
import { PageQueryFields } from '../../core/schemas.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Time = Type.String({ format: 'date-time' });

export const UploadQuery = Type.Object({
  orgId: Type.Integer({ minimum: 1, maximum: 9007199254740991, description: 'The street, community or grid imported into' }),
  filename: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Original file name (shown in the job list)' })),
}, { additionalProperties: false });

export const ListQuery = Type.Object({ ...PageQueryFields }, { additionalProperties: false });

export const Job = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  filename: Type.String(),
  format: Type.String({ description: 'xlsx | csv' }),
  status: Type.String({ description: 'previewed | running | done | failed' }),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  error: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Time,
  startedAt: Nullable(Time),
  finishedAt: Nullable(Time),
  actions: Type.Array(Type.String(), { description: 'commit | errors' }),
});

export const PreviewRow = Type.Object({
  rowNo: Type.Integer({ description: 'Row number in the file' }),
  values: Nullable(Type.Record(Type.String(), Nullable(Type.String()), { description: 'Parsed values (personal information masked); null for a rejected row' })),
  errors: Type.Array(Type.String()),
});

export const Preview = Type.Object({
  format: Type.String(),
  encoding: Nullable(Type.String({ description: 'CSV text encoding detected (utf8, gb18030, utf16le)' })),
  sheet: Nullable(Type.String()),
  headerRow: Type.Integer({ description: 'Row number of the header in the file' }),
  columns: Type.Array(Type.Object({ header: Type.String(), field: Nullable(Type.String()), fieldLabel: Nullable(Type.String()) })),
  rows: Type.Array(PreviewRow, { description: 'The first 20 data rows' }),
  totalRows: Type.Integer(),
  validRows: Type.Integer(),
  invalidRows: Type.Integer(),
  errors: Type.Array(Type.Object({ rowNo: Type.Integer(), reason: Type.String() }), { description: 'The first 50 rejected rows' }),
});

export const UploadResult = Type.Object({ job: Job, preview: Preview });
