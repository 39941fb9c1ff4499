import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const placesRoutes: FastifyPluginAsyncTypebox = async () => {};
