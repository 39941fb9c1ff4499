import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ctxOf } from '../../core/request.js';
import * as s from './schema.js';
import * as survey from './service-surveys.js';

/**
 * The survey behind a household's link (/s/:token), without login. The token is 128 bits
 * of HMAC, looked up by its SHA-256; each address gets 30 requests a minute. Kept out of
 * the session API's OpenAPI document (like Open311), since the session checks do not apply.
 */
const config = { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } };
const schema = { hide: true, params: s.TokenParams };

export const evaluationsPublicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/public/eval-surveys/:token', { config, schema }, async (req) => survey.publicSurvey(ctxOf(req), req.params.token));
  app.post('/public/eval-surveys/:token', { config, schema: { ...schema, body: s.AnswerBody } }, async (req) => survey.answerByToken(ctxOf(req), req.params.token, req.body));
};
