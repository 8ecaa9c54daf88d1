export function createArticlesService (_deps: unknown) { return {} }
export type ArticlesService = ReturnType<typeof createArticlesService>
