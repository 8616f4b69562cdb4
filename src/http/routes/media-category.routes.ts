/** Category schemes, and an agency's own category of a media item (MediaCategoryService has the rules). */
import { Type } from 'typebox';
import type { RouteModule } from '../http-app.js';
import { callerOf } from './caller.js';
import { IdParams } from './record-common.schema.js';

const SchemesOut = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String({ description: 'e.g. projectvic_us, uk_caid, baseline' }),
      name: Type.String(),
      values: Type.Array(Type.Object({ code: Type.String(), label: Type.String() }), { description: 'In rank order.' }),
    }),
  ),
});

const CategoryBody = Type.Object(
  {
    category: Type.Union([
      Type.Object(
        { scheme: Type.String({ minLength: 1 }), code: Type.String({ minLength: 1 }) },
        {
          additionalProperties: false,
        },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false, description: 'null clears your agency’s category.' },
);

const CategoryOut = Type.Object({
  category: Type.Union([
    Type.Object({
      scheme: Type.String(),
      code: Type.String(),
      label: Type.String(),
      setBy: Type.Union([Type.Integer(), Type.Null()]),
      setAt: Type.Integer(),
    }),
    Type.Null(),
  ]),
});

export const mediaCategoryRoutes: RouteModule = (app, vigil) => {
  app.get(
    '/api/v1/category-schemes',
    {
      config: { access: { kind: 'category_scheme', action: 'read' } },
      schema: { tags: ['media'], summary: 'Category schemes and their values', response: { 200: SchemesOut } },
    },
    async () => ({ items: await vigil.mediaCategories.schemes() }),
  );

  app.put(
    '/api/v1/media/:id/category',
    {
      config: { access: { kind: 'media', action: 'write' } },
      schema: {
        tags: ['media'],
        summary: "Set or clear your agency's category of a media item (audited)",
        params: IdParams,
        body: CategoryBody,
        response: { 200: CategoryOut },
      },
    },
    async (request) => {
      const set = await vigil.mediaCategories.categorise(callerOf(request), request.params.id, request.body.category);
      return {
        category: set
          ? { scheme: set.scheme, code: set.code, label: set.label, setBy: set.setBy, setAt: set.setAt }
          : null,
      };
    },
  );
};
