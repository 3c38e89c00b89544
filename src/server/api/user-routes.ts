/** Accounts and API tokens (admin; auditors and officers may list): the same services as `cordon user` and `cordon token`. */
import { Type } from 'typebox';
import { ROLES } from '../../core/roles.ts';
import { addUser, completeSetup, issueSetupToken, listAccounts, setPassword, setUserDisabled } from '../../services/account-service.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/api-token-service.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { IdParams, Text } from './common-schemas.ts';
import { PageQuery, paginate } from './pagination.ts';

const Email = Type.String({ minLength: 3, maxLength: 254, description: 'e-mail address' });
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const EmailParams = Type.Object({ email: Email }, { additionalProperties: false });
const NewUser = Type.Object({
  email: Email,
  role: Type.Union(ROLES.map((r) => Type.Literal(r))),
  departments: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 100, description: 'for a head: the departments they head' })),
  password: Type.Optional(Password),
}, { additionalProperties: false });
const PasswordBody = Type.Object({ password: Password }, { additionalProperties: false });
const SetupBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: Password }, { additionalProperties: false });
const NewToken = Type.Object({
  email: Email,
  name: Type.String({ minLength: 1, maxLength: 64, description: 'e.g. ci-import' }),
  expires: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '90d, 12h, 4w, 1y or an ISO-8601 date' })),
}, { additionalProperties: false });
const UsersQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
const TokensQuery = Type.Object({ ...PageQuery, email: Text('tokens of this account only') }, { additionalProperties: false });

/** Registers the account and token routes. */
export function registerUserRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  app.get('/v1/users', { schema: { tags: ['accounts'], summary: 'accounts (never secrets)', querystring: UsersQuery }, config: { rule: 'user.read' } }, async (req) =>
    paginate(await listAccounts(ctx), req.query, (a) => a.id, (a) => a.email, 'email'));

  app.post('/v1/users', { schema: { tags: ['accounts'], summary: 'create an account; without a password, returns a one-time setup token', body: NewUser }, config: { rule: 'user.manage' } }, async (req) =>
    addUser(ctx, actorOf(req).auditName, req.body));

  for (const [step, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/v1/users/:email/${step}`, { schema: { tags: ['accounts'], summary: `${step} an account`, params: EmailParams }, config: { rule: 'user.manage' } }, async (req) =>
      setUserDisabled(ctx, actorOf(req).auditName, req.params.email, disabled));
  }

  app.post('/v1/users/:email/setup', { schema: { tags: ['accounts'], summary: 'issue a fresh one-time setup token', params: EmailParams }, config: { rule: 'user.manage' } }, async (req) =>
    issueSetupToken(ctx, actorOf(req).auditName, req.params.email));

  app.put('/v1/users/:email/password', { schema: { tags: ['accounts'], summary: 'set an account\'s password; ends its sessions', params: EmailParams, body: PasswordBody }, config: { rule: 'user.manage' } }, async (req) =>
    setPassword(ctx, actorOf(req).auditName, req.params.email, req.body.password));

  app.post('/v1/account-setup', { schema: { tags: ['session'], summary: 'set your password with a one-time setup token', body: SetupBody }, config: { rule: 'public' } }, async (req) =>
    completeSetup(ctx, req.body.token, req.body.password));

  app.get('/v1/tokens', { schema: { tags: ['accounts'], summary: 'API tokens (only their first characters)', querystring: TokensQuery }, config: { rule: 'user.read' } }, async (req) =>
    paginate(await listApiTokens(ctx, req.query.email), req.query, (t) => t.id, (t) => t.createdAt, 'created'));

  app.post('/v1/tokens', { schema: { tags: ['accounts'], summary: 'create an API token; the token is in this answer only', body: NewToken }, config: { rule: 'user.manage' } }, async (req) =>
    createApiToken(ctx, actorOf(req).auditName, req.body));

  app.delete('/v1/tokens/:id', { schema: { tags: ['accounts'], summary: 'revoke an API token', params: IdParams }, config: { rule: 'user.manage' } }, async (req) =>
    revokeApiToken(ctx, actorOf(req).auditName, { id: req.params.id }));
}
