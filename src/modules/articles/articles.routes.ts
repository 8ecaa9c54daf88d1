import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
const routes: FastifyPluginAsyncTypebox<{ service: unknown }> = async () => {}
export default routes
