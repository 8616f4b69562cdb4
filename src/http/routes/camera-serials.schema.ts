/** The answer of GET /exhibits/:id/camera-serials (cases.routes.ts). */
import { Type } from 'typebox';

export const CameraSerialList = Type.Object({
  items: Type.Array(
    Type.Object({
      serial: Type.String({ description: "A camera's serial number as its files state it." }),
      files: Type.Integer({ description: 'How many of the exhibit’s scanned files it took.' }),
    }),
    { description: 'Most files first, then by serial.' },
  ),
  truncated: Type.Boolean({ description: 'More serials than listed (the commonest 1,000 are).' }),
});
