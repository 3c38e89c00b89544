/** `cordon user ...` and `cordon token ...` as a user types them, with the password piped in. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/output.ts';
import type { SecretIo } from '../../src/cli/commands/user-command.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/dialects.ts';

/** Runs `cordon <args>` with `stdin` as what `--password-stdin` reads. */
async function cordon(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo & SecretIo = {
    out: (l) => out.push(l), err: (l) => err.push(l), isTty: false, env: { CORDON_TIMEZONE: 'UTC' },
    readSecret: async () => stdin ?? assert.fail('the command read stdin unexpectedly'),
  };
  const code = await main(['node', 'cordon', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

for (const dialect of DIALECTS) {
  describe(`user and token CLI on ${dialect}`, () => {
    let db: TestDatabase;
    const run = (args: string[], stdin?: string) => cordon([...args, '--db', db.url, '--actor', 'cli:root'], stdin);

    before(async () => { db = await freshDatabase(dialect); });
    after(async () => db.dispose());

    test('user add prints a setup token, or reads the password from stdin', async () => {
      const officer = await run(['user', 'add', '--email', 'officer@example.org', '--role', 'officer']);
      assert.equal(officer.code, 0, officer.err);
      assert.match(officer.out, /^cdnsetup_[A-Za-z0-9_-]{43}$/);
      assert.match(officer.err, /added officer@example.org as officer\. One-time setup token, valid until .*shown only now/);
      const admin = await run(['user', 'add', '--email', 'admin@example.org', '--role', 'admin', '--password-stdin'], 'correct horse battery staple\n');
      assert.equal(admin.code, 0, admin.err);
      assert.equal(admin.out, 'added admin@example.org as admin');
      const head = await run(['user', 'add', '--email', 'head@example.org', '--role', 'head', '--departments', 'Administration/Regional Commissions/Tver;Administration/Finance']);
      assert.equal(head.code, 0, head.err);
      assert.match(head.err, /warning: department `Administration\/Finance` is not in the imported directory/);
      const list = await run(['user', 'list']);
      assert.match(list.out, /admin@example.org\s+admin\s+enabled\s+set/);
      assert.match(list.out, /head@example.org\s+head\s+enabled\s+setup pending\s+Administration\/Finance;Administration\/Regional Commissions\/Tver/);
      assert.ok(!list.out.includes('cdnsetup_') && !list.out.includes('scrypt'));
      const json = JSON.parse((await run(['user', 'list', '--format', 'json'])).out);
      assert.deepEqual(json.map((u: { email: string }) => u.email), ['admin@example.org', 'head@example.org', 'officer@example.org']);
    });

    test('bad input exits non-zero with a clear message and changes nothing', async () => {
      const before = (await run(['user', 'list', '--format', 'json'])).out;
      const cases: Array<[string[], string | undefined, number, RegExp]> = [
        [['user', 'add', '--email', 'x@example.org', '--role', 'root'], undefined, 2, /--role `root` is unknown/],
        [['user', 'add', '--email', 'x@example.org', '--role', 'head'], undefined, 2, /a head needs at least one department/],
        [['user', 'add', '--email', 'x@example.org', '--role', 'asset', '--password-stdin'], '\n', 2, /password is empty/],
        [['user', 'add', '--email', 'x@example.org', '--role', 'asset', '--password-stdin'], 'short', 2, /use at least 12/],
        [['user', 'add', '--email', 'officer@example.org', '--role', 'asset'], undefined, 1, /already exists/],
        [['user', 'disable', 'nobody@example.org'], undefined, 2, /account `nobody@example.org` does not exist/],
        [['user', 'disable', 'admin@example.org'], undefined, 1, /last enabled admin/],
        [['token', 'create', '--user', 'nobody@example.org', '--name', 'ci'], undefined, 2, /does not exist/],
        [['token', 'create', '--user', 'admin@example.org', '--name', 'ci', '--expires', 'tomorrow'], undefined, 2, /--expires `tomorrow`/],
        [['token', 'revoke'], undefined, 2, /either by id/],
      ];
      for (const [args, stdin, code, pattern] of cases) {
        const r = await run(args, stdin);
        assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
        assert.match(r.err, pattern, args.join(' '));
        assert.equal(r.out, '', 'no secret or partial output on failure');
      }
      assert.equal((await run(['user', 'list', '--format', 'json'])).out, before);
    });

    test('token create prints the token once on its own line; list never shows it; revoke; user disable', async () => {
      const created = await run(['token', 'create', '--user', 'officer@example.org', '--name', 'ci-import', '--expires', '90d']);
      assert.equal(created.code, 0, created.err);
      assert.match(created.out, /^cdn_[A-Za-z0-9_-]{43}$/);
      assert.match(created.err, /token TK-\S+ `ci-import` for officer@example.org, expires .*not shown again/);
      const list = await run(['token', 'list', '--format', 'json']);
      const [info] = JSON.parse(list.out);
      assert.deepEqual([info.name, info.status, info.prefix], ['ci-import', 'active', created.out.slice(0, 12)]);
      assert.ok(!list.out.includes(created.out));
      assert.match((await run(['token', 'list', '--user', 'officer@example.org'])).out, /ci-import\s+cdn_\S{8}\s+active/);
      assert.equal((await run(['token', 'revoke', '--user', 'officer@example.org', '--name', 'ci-import'])).out, `revoked ${info.id} \`ci-import\` of officer@example.org`);
      const twice = await run(['token', 'revoke', info.id]);
      assert.equal(twice.code, 1);
      assert.match(twice.err, /already revoked/);
      assert.equal((await run(['user', 'disable', 'officer@example.org'])).out, 'officer@example.org disabled');
      assert.equal((await run(['user', 'enable', 'officer@example.org'])).out, 'officer@example.org enabled');
      assert.equal((await run(['user', 'password', 'officer@example.org', '--password-stdin'], 'another long passphrase\n')).out, 'password of officer@example.org set');
      assert.match((await run(['user', 'setup', 'head@example.org'])).out, /^cdnsetup_/);
      const audit = JSON.parse((await run(['audit', 'log', '--format', 'json'])).out) as Array<{ action: string; actor: string }>;
      assert.deepEqual([...new Set(audit.map((e) => e.action))].sort(),
        ['token.create', 'token.revoke', 'user.add', 'user.disable', 'user.enable', 'user.password_set', 'user.setup_issued']);
      assert.ok(audit.every((e) => e.actor === 'cli:root'));
      assert.equal((await run(['audit', 'verify'])).code, 0);
    });
  });
}
