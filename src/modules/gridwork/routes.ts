import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const gridworkRoutes: FastifyPluginAsyncTypebox = async () => {};
