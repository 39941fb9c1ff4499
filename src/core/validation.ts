import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Two validators: query strings and path params arrive as text and are coerced to the
 * schema's types ("20" → 20); JSON bodies are not coerced, so `true` never becomes 1 and
 * `0` never falls back to a default. Unknown fields are refused, never silently dropped.
 */
const base: Options = { removeAdditional: false, useDefaults: true, allErrors: true, strict: false };
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

export function installValidators(app: FastifyInstance): void {
  const body = new Ajv({ ...base, coerceTypes: false });
  const text = new Ajv({ ...base, coerceTypes: 'array' });
  addFormats(body);
  addFormats(text);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? body : text).compile(schema));
}
