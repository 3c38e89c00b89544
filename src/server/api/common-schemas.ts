/** Request parts several resources share, defined once. */
import { Type } from 'typebox';

/** An id in the path. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

/** `format=csv` turns a list into a download of every matching row (same filters, same scope). */
export const ExportFormat = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'json (a page) or csv (every matching row)' }));

/** A short free-text filter value. */
export const Text = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 500, description }));

/** The body of a request that sends nothing. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });
