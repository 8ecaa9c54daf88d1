import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
const routes: FastifyPluginAsyncTypebox<{ sections: unknown }> = async () => {}
export default routes
