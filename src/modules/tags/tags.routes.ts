// Tags over HTTP.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NotFoundError } from '../../shared/errors.js'
import { idParams, problemResponse, slugParams } from '../../shared/http-schemas.js'
import { listResponse, withTotalIfAsked } from '../../shared/pagination.js'
import type { TagsRepository } from './tags.repository.js'
import type { TagsService } from './tags.service.js'
import { CreateTagBodySchema, ListTagsQuerySchema, TagListSchema, TagPageSchema, TagSchema, UpdateTagBodySchema } from './tags.schemas.js'

export const tagsRoutes: FastifyPluginAsyncTypebox<{ tags: TagsRepository }> = async (app, { tags }) => {
  app.get('/', {
    schema: {
      tags: ['Content: tags'],
      operationId: 'listTags',
      summary: 'List tags alphabetically',
      description: 'For a topics index: the tags public articles carry, by name, a page at a time (follow meta.nextCursor or the Link header). ' +
        'A tag that only drafts, scheduled, archived, withdrawn or embargoed articles carry is left out until an article carrying it is published, ' +
        'so that it names no unpublished work. How many articles carry a tag is on GET /v1/tags/{slug}.',
      querystring: ListTagsQuerySchema,
      response: { 200: TagListSchema }
    }
  }, async (request, reply) => {
    const limit = request.query.limit ?? 20
    const page = await withTotalIfAsked(request.query.total, () => tags.list({ limit, cursor: request.query.cursor }), () => tags.count())
    return listResponse(request, reply, page, limit)
  })

  app.get('/:slug', {
    schema: {
      tags: ['Content: tags'],
      operationId: 'getTag',
      summary: 'Get one tag by its slug: what a tag page renders',
      description: 'With how many public articles carry the tag. The articles themselves are listed by /v1/articles?tag={slug}. ' +
        'A tag no public article carries is a 404, as an unknown one.',
      params: slugParams('elections'),
      response: { 200: TagPageSchema, 404: problemResponse('No tag has this slug, or no public article carries it.') }
    }
  }, async (request) => {
    const tag = await tags.findPageBySlug(request.params.slug)
    if (!tag) throw new NotFoundError('tag', request.params.slug)
    return tag
  })
}

export const tagsAdminRoutes: FastifyPluginAsyncTypebox<{ service: TagsService, tags: TagsRepository }> = async (app, { service, tags }) => {
  app.get('/', {
    config: { auth: 'contributor' },
    schema: {
      tags: ['Admin: tags'],
      operationId: 'listTagsForEditors',
      summary: 'List every tag alphabetically, for the newsroom',
      description: 'For a tag picker: every tag by name, a page at a time (follow meta.nextCursor or the Link header), including tags that ' +
        'only drafts, scheduled or embargoed articles carry, or none yet, which GET /v1/tags leaves out.',
      querystring: ListTagsQuerySchema,
      response: { 200: TagListSchema }
    }
  }, async (request, reply) => {
    const limit = request.query.limit ?? 20
    const every = true
    const page = await withTotalIfAsked(request.query.total, () => tags.list({ limit, cursor: request.query.cursor, every }), () => tags.count({ every }))
    return listResponse(request, reply, page, limit)
  })

  app.post('/', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: tags'],
      operationId: 'createTag',
      summary: 'Create a tag',
      description: 'Adds a topic that articles can carry through tagIds. The slug is made from the name when it is not given (numbered -2, -3... if taken); ' +
        'a slug given and taken is 409.',
      body: CreateTagBodySchema,
      response: { 201: TagSchema, 409: problemResponse('The slug is already used by another tag.') }
    }
  }, async (request, reply) => reply.status(201).send(await service.create(request.body)))

  app.patch('/:id', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: tags'],
      operationId: 'updateTag',
      summary: 'Rename a tag or change its slug',
      description: 'A new name keeps the slug: change the slug only on purpose, since the old one is not redirected and links to the tag page ' +
        'and ?tag= filters that use it stop matching. A slug already used by another tag is 409.',
      params: idParams(1),
      body: UpdateTagBodySchema,
      response: { 200: TagSchema, 404: problemResponse('No tag has this id.'), 409: problemResponse('The slug is already used by another tag.') }
    }
  }, async (request) => service.update(request.params.id, request.body))

  app.delete('/:id', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: tags'],
      operationId: 'deleteTag',
      summary: 'Delete a tag',
      description: 'The tag leaves every article that carried it; the articles keep everything else and stay published. ' +
        'Its page and ?tag= filter then find nothing.',
      params: idParams(1),
      response: { 204: Type.Null({ description: 'Deleted.' }), 404: problemResponse('No tag has this id.') }
    }
  }, async (request, reply) => {
    await service.delete(request.params.id)
    return reply.status(204).send(null)
  })
}
