// Sections over HTTP: the public navigation tree, written by admins.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NotFoundError } from '../../shared/errors.js'
import { idParams, problemResponse, slugParams } from '../../shared/http-schemas.js'
import type { SectionsRepository } from './sections.repository.js'
import type { SectionsService } from './sections.service.js'
import { CreateSectionBodySchema, SectionDetailSchema, SectionTreeSchema, UpdateSectionBodySchema } from './sections.schemas.js'

const NOT_FOUND = problemResponse('No section has this id.')
const UNKNOWN_PARENT = problemResponse('parentId names no section.')

export const sectionsRoutes: FastifyPluginAsyncTypebox<{ sections: SectionsRepository }> = async (app, { sections }) => {
  app.get('/', {
    schema: {
      tags: ['Content: sections'],
      operationId: 'listSections',
      summary: 'Get the whole section tree',
      description: 'What a site\'s navigation renders, in one unpaginated response (a site has dozens of sections, not thousands): ' +
        'the top-level sections ordered by position, then name, each with its subsections nested in children, to any depth.',
      response: { 200: SectionTreeSchema }
    }
  }, async () => ({ data: await sections.tree() }))

  app.get('/:slug', {
    schema: {
      tags: ['Content: sections'],
      operationId: 'getSection',
      summary: 'Get one section by its slug: what a section front renders',
      description: 'With the breadcrumb from the top-level section, the direct subsections and how many public articles ' +
        'the section and its subsections hold. The articles themselves are listed by /v1/articles?section={slug}.',
      params: slugParams('africa'),
      response: { 200: SectionDetailSchema, 404: problemResponse('No section has this slug.') }
    }
  }, async (request) => {
    const section = await sections.findBySlug(request.params.slug)
    if (!section) throw new NotFoundError('section', request.params.slug)
    return section
  })
}

export const sectionsAdminRoutes: FastifyPluginAsyncTypebox<{ service: SectionsService }> = async (app, { service }) => {
  app.post('/', {
    config: { auth: 'admin' },
    schema: {
      tags: ['Admin: sections'],
      operationId: 'createSection',
      summary: 'Create a section',
      description: 'Adds a section to the navigation tree, at the top or under parentId, ordered among its siblings by position. ' +
        'The slug is made from the name when it is not given (numbered -2, -3... if taken); a slug given and taken is 409, an unknown parentId 422.',
      body: CreateSectionBodySchema,
      response: { 201: SectionDetailSchema, 409: problemResponse('The slug is already used by another section.'), 422: UNKNOWN_PARENT }
    }
  }, async (request, reply) => reply.status(201).send(await service.create(request.body)))

  app.patch('/:id', {
    config: { auth: 'admin' },
    schema: {
      tags: ['Admin: sections'],
      operationId: 'updateSection',
      summary: 'Change a section, or move it in the tree',
      description: 'parentId null makes it a top-level section. A section cannot move under itself or its own subsections.',
      params: idParams(2),
      body: UpdateSectionBodySchema,
      response: {
        200: SectionDetailSchema,
        404: NOT_FOUND,
        409: problemResponse('The slug is taken, or the move would make the section its own ancestor.'),
        422: UNKNOWN_PARENT
      }
    }
  }, async (request) => service.update(request.params.id, request.body))

  app.delete('/:id', {
    config: { auth: 'admin' },
    schema: {
      tags: ['Admin: sections'],
      operationId: 'deleteSection',
      summary: 'Delete a section that no article uses and that has no subsections',
      description: 'Only an empty leaf goes: move its articles to another section (PATCH /v1/admin/articles/{id} with sectionId) and delete or move ' +
        'its subsections first. Otherwise 409, with SECTION_IN_USE or SECTION_HAS_CHILDREN and how many remain.',
      params: idParams(13),
      response: {
        204: Type.Null({ description: 'Deleted.' }),
        404: NOT_FOUND,
        409: problemResponse('Articles still use the section, or it has subsections; the detail says how many.')
      }
    }
  }, async (request, reply) => {
    await service.delete(request.params.id)
    return reply.status(204).send(null)
  })
}
