/**
 * Architecture rules, checked in `npm test`.
 * The ledger domain stays pure: no AWS SDK, no middy, no Lambda types, no storage or HTTP code.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-stays-pure',
      comment:
        'shared/ledger is the pure domain: it imports only itself. No AWS SDK, middy, Lambda types, Node built-ins, ' +
        'adapters, HTTP or auth code; those depend on the domain, never the other way round.',
      severity: 'error',
      from: { path: '^shared/ledger/' },
      to: { pathNot: '^shared/ledger/' },
    },
    {
      name: 'no-shared-to-functions-or-infra',
      comment:
        'Shared code serves the handlers, the CDK app and the local runtime, and may not depend on them: ' +
        'what they all need (the route table, roles) lives in shared/.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra)/' },
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
      comment:
        'Runtime import cycles make module initialisation order fragile; ' +
        'type-only imports are erased and do not count.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The built web app: its chunks import each other (the app loads pages, pages use the app's shared code).
    exclude: { path: '^web/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
