import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const residentsRoutes: FastifyPluginAsyncTypebox = async () => {};
