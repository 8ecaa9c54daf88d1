// Authors over HTTP: public byline pages, and editors' writes that also show the private email.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NotFoundError } from '../../shared/errors.js'
import { idParams, problemResponse, slugParams } from '../../shared/http-schemas.js'
import { listResponse, withTotalIfAsked } from '../../shared/pagination.js'
import type { AuthorsRepository } from './authors.repository.js'
import type { AuthorsService } from './authors.service.js'
import {
  AuthorListSchema,
  AuthorPageSchema,
  AuthorWithEmailSchema,
  CreateAuthorBodySchema,
  ListAuthorsQuerySchema,
  UpdateAuthorBodySchema
} from './authors.schemas.js'

export const authorsRoutes: FastifyPluginAsyncTypebox<{ authors: AuthorsRepository }> = async (app, { authors }) => {
  app.get('/', {
    schema: {
      tags: ['Content: authors'],
      operationId: 'listAuthors',
      summary: 'List authors alphabetically',
      description: 'For an author index: the authors public articles credit, by name, a page at a time (follow meta.nextCursor or the Link header). ' +
        'An author only unpublished work credits (a new hire before their first piece, the guest writer of an embargoed scoop) is left out until an article ' +
        'crediting them is published. Public profiles only, never the email address; an author page with counts and the newest articles is GET /v1/authors/{slug}.',
      querystring: ListAuthorsQuerySchema,
      response: { 200: AuthorListSchema }
    }
  }, async (request, reply) => {
    const limit = request.query.limit ?? 20
    const page = await withTotalIfAsked(request.query.total, () => authors.list({ limit, cursor: request.query.cursor }), () => authors.count())
    return listResponse(request, reply, page, limit)
  })

  app.get('/:slug', {
    schema: {
      tags: ['Content: authors'],
      operationId: 'getAuthor',
      summary: 'Get one author by their slug: what an author page renders',
      description: 'Name, job title, bio, portrait and links, how many public articles credit the author, and the newest five. ' +
        'All their articles are listed, a page at a time, by /v1/articles?author={slug}.',
      params: slugParams('adrian-ovalle'),
      response: { 200: AuthorPageSchema, 404: problemResponse('No author has this slug, or no public article credits them.') }
    }
  }, async (request) => {
    const author = await authors.findPageBySlug(request.params.slug)
    if (!author) throw new NotFoundError('author', request.params.slug)
    return author
  })
}

export const authorsAdminRoutes: FastifyPluginAsyncTypebox<{ service: AuthorsService, authors: AuthorsRepository }> = async (app, { service, authors }) => {
  app.get('/', {
    config: { auth: 'contributor' },
    schema: {
      tags: ['Admin: authors'],
      operationId: 'listAuthorsForEditors',
      summary: 'List every author alphabetically, for the newsroom',
      description: 'For a byline picker: every author by name, a page at a time (follow meta.nextCursor or the Link header), including those ' +
        'only unpublished work credits, or none yet, which GET /v1/authors leaves out. Public profiles, without the email address.',
      querystring: ListAuthorsQuerySchema,
      response: { 200: AuthorListSchema }
    }
  }, async (request, reply) => {
    const limit = request.query.limit ?? 20
    const every = true
    const page = await withTotalIfAsked(request.query.total, () => authors.list({ limit, cursor: request.query.cursor, every }), () => authors.count({ every }))
    return listResponse(request, reply, page, limit)
  })

  app.post('/', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: authors'],
      operationId: 'createAuthor',
      summary: 'Create an author',
      description: 'Adds a byline that articles can credit through authorIds. The slug is made from the name when it is not given (numbered -2, -3... if taken); ' +
        'a slug given and taken is 409. The email is private: only these Admin API responses show it, never the Content API.',
      body: CreateAuthorBodySchema,
      response: { 201: AuthorWithEmailSchema, 409: problemResponse('The slug is already used by another author.') }
    }
  }, async (request, reply) => reply.status(201).send(await service.create(request.body)))

  app.patch('/:id', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: authors'],
      operationId: 'updateAuthor',
      summary: 'Change some of an author\'s fields',
      description: 'Fields left out keep their value; avatarUrl and email may be set to null to remove them.',
      params: idParams(2),
      body: UpdateAuthorBodySchema,
      response: {
        200: AuthorWithEmailSchema,
        404: problemResponse('No author has this id.'),
        409: problemResponse('The slug is already used by another author.')
      }
    }
  }, async (request) => service.update(request.params.id, request.body))

  app.delete('/:id', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: authors'],
      operationId: 'deleteAuthor',
      summary: 'Delete an author',
      description: 'Only an author no article credits can be deleted: remove them from those bylines first.',
      params: idParams(10),
      response: {
        204: Type.Null({ description: 'Deleted.' }),
        404: problemResponse('No author has this id.'),
        409: problemResponse('Articles credit this author (AUTHOR_IN_USE).')
      }
    }
  }, async (request, reply) => {
    await service.delete(request.params.id)
    return reply.status(204).send(null)
  })
}
