import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
const routes: FastifyPluginAsyncTypebox<{ authors: unknown }> = async () => {}
export default routes
