/**
 * Imports: `POST /v1/imports/{groups|people|devices}` with the file as multipart/form-data (field
 * `file`), streamed to a temporary file and handed to the same import service as `cordon import`.
 */
import { Type } from 'typebox';
import { importDevices, importGroups, importPeople } from '../../services/import-service.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { EmptyBody } from './common-schemas.ts';
import { withUploadedFile } from './uploads.ts';

const DeviceImportQuery = Type.Object({
  format: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'csv (default), intune, jamf or jsonl' })),
  map: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, description: '`field=Column,...`: the file column of each field' })),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'name of the source (default: the format)' })),
  'dry-run': Type.Optional(Type.Boolean({ description: 'report what would change; change nothing' })),
  'accept-valid': Type.Optional(Type.Boolean({ description: 'keep the valid rows when some are rejected' })),
}, { additionalProperties: false });

const upload = (what: string) => ({
  tags: ['imports'], summary: `import ${what} (multipart/form-data, field \`file\`); all or nothing`, consumes: ['multipart/form-data'],
});

/** Registers the import routes. */
export function registerImportRoutes(app: ApiInstance, { ctx, uploadLimitBytes }: ApiDeps): void {
  app.post('/v1/imports/groups', { schema: { ...upload('groups: group_id,title,parent_ids'), querystring: EmptyBody }, config: { rule: 'import.write' } }, async (req) =>
    withUploadedFile(req, uploadLimitBytes, (path) => importGroups(ctx, actorOf(req).auditName, path)));

  app.post('/v1/imports/people', { schema: { ...upload('people: person_id,full_name,email,department,groups'), querystring: EmptyBody }, config: { rule: 'import.write' } }, async (req) =>
    withUploadedFile(req, uploadLimitBytes, (path) => importPeople(ctx, actorOf(req).auditName, path)));

  app.post('/v1/imports/devices', { schema: { ...upload('devices (csv, intune, jamf, jsonl)'), querystring: DeviceImportQuery }, config: { rule: 'import.write' } }, async (req) => {
    const q = req.query;
    return withUploadedFile(req, uploadLimitBytes, (path) => importDevices(ctx, actorOf(req).auditName, path, {
      format: q.format, map: q.map, source: q.source, dryRun: q['dry-run'], acceptValid: q['accept-valid'],
    }));
  });
}
