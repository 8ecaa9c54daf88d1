import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
const routes: FastifyPluginAsyncTypebox<{ replies: unknown, articles: unknown }> = async () => {}
export default routes
