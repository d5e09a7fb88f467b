/**
 * Architecture rules, checked in `npm test`.
 * The ledger domain stays pure: no AWS SDK, no middy, no Lambda types, no storage or HTTP code.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-domain-to-infra-deps',
      comment: 'shared/ledger is the pure domain: it may not import the AWS SDK, middy, aws-lambda or any adapter.',
      severity: 'error',
      from: { path: '^shared/ledger' },
      to: { path: ['@aws-sdk', '@middy', 'aws-lambda', '@aws-lambda-powertools', '^shared/(store|http|auth)', '^functions', '^infra'] },
    },
    {
      name: 'no-handler-to-sdk',
      comment: 'Handlers are wiring: storage goes through the LedgerStore port in shared/store.',
      severity: 'error',
      from: { path: '^functions/[^/]+/handler\\.ts$' },
      to: { path: '@aws-sdk' },
    },
    {
      name: 'web-takes-server-types-only',
      comment: 'The web app takes only types from the server side (shared/api/views.ts); code would be bundled.',
      severity: 'error',
      from: { path: '^web/src' },
      to: { path: '^(shared|functions|infra)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'Runtime import cycles make module initialisation order fragile; type-only imports are erased and do not count.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
