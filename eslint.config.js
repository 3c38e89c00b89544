import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Dependencies point inward: core and policy know nothing of HTTP, the CLI or the store.
const http = ['fastify', 'commander'];
const sql = ['kysely', 'pg', 'better-sqlite3'];
const layered = (layer, banned, outward = [...http, ...sql]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      paths: outward.map((name) => ({ name, message: `src/${layer} must not depend on ${name}` })),
      patterns: banned.map((dir) => ({ group: [`**/${dir}/*`, `../${dir}/*`], message: `src/${layer} must not import src/${dir}` })),
    }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'web/dist', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read configuration through loadConfig(env)' }],
    },
  },
  layered('core', ['policy', 'store', 'services', 'server', 'cli', 'catalog']),
  layered('policy', ['store', 'services', 'server', 'cli']),
  layered('catalog', ['policy', 'store', 'services', 'server', 'cli']),
  layered('store', ['services', 'server', 'cli'], http),
  layered('services', ['server', 'cli']),
  {
    files: ['src/config.ts', 'bin/**', 'scripts/**', 'test/**', 'bench/**', '**/*.test.ts', 'eslint.config.js'],
    rules: { 'no-restricted-properties': 'off' },
  },
  { files: ['bin/**', 'scripts/**', 'eslint.config.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
