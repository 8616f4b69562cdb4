/** Request and response schemas of the alert inbox routes (alerts.routes.ts). */
import { Type } from 'typebox';
import { Millis, NullableMillis, Paging, RecordRefOut } from './record-common.schema.js';

const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

export const AlertListQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean({ description: 'Only unread alerts.' })), ...Paging },
  { additionalProperties: false },
);

export const AlertOut = Type.Object({
  id: Type.Integer(),
  reason: Type.String({
    description: 'series_match, hash_set_match, camera_serial, match_confirmed, victim_identified, …',
  }),
  message: Type.String(),
  about: RecordRefOut,
  matchId: NullableInt,
  victimId: Type.Union([Type.Integer(), Type.Null()], { description: 'For victim_identified: an id only.' }),
  fromAgency: Type.Union([
    Type.Object({ id: Type.Integer(), countryCode: Type.String(), name: Type.String() }),
    Type.Null(),
  ]),
  createdAt: Millis,
  readAt: NullableMillis,
  readBy: NullableInt,
});

export const AlertPage = Type.Object({
  items: Type.Array(AlertOut),
  total: Type.Integer(),
  unread: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const UnreadCount = Type.Object({ unread: Type.Integer() });
