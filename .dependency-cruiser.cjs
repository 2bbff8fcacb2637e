// Layer rules (imports flow one way; a lower layer never imports a higher one):
//   codecs/*  <-  src/core  <-  src/sip | src/isup | src/isdn  <-  src/interworking  <-  src/app
//   src/trunkgroups, src/drivers, src/cdr: may use core and the protocol stacks, not interworking or app
//   src/config: core and the protocol stacks' tables. src/app: anything.
// Run by `npm run deps` (part of `npm run build`); any violation makes it exit non-zero.

/** Folders under src/ that are not the one(s) named. */
const srcExcept = (...allowed) => `^src/(?!(?:${allowed.join('|')})/)`;

module.exports = {
  forbidden: [
    {
      name: 'codecs-no-src',
      comment: 'Codecs are standalone packages: they must not reach into the gateway (src/).',
      severity: 'error',
      from: { path: '^codecs/' },
      to: { path: '^src/' },
    },
    {
      name: 'codecs-no-node-builtins',
      comment: 'Codecs are pure (no I/O): no fs, net, dgram, child_process, ... nor their node: forms.',
      severity: 'error',
      from: { path: '^codecs/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-imports-nothing-above',
      comment: 'src/core is the bottom of src/: it may use codecs and libraries, no other src/ folder.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: srcExcept('core') },
    },
    {
      name: 'sip-no-isup-isdn',
      comment: 'The SIP stack knows nothing of ISUP or ISDN; mapping between them is interworking.',
      severity: 'error',
      from: { path: '^src/sip/' },
      to: { path: '^src/(?:isup|isdn)/' },
    },
    {
      name: 'isup-isdn-no-sip',
      comment: 'ISUP and ISDN stacks know nothing of SIP; mapping between them is interworking.',
      severity: 'error',
      from: { path: '^src/(?:isup|isdn)/' },
      to: { path: '^src/sip/' },
    },
    {
      name: 'layers-flow-down-protocols',
      comment: 'src/sip, src/isup and src/isdn are protocol stacks: besides themselves they use only src/core.',
      severity: 'error',
      from: { path: '^src/(sip|isup|isdn)/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/$1/'] },
    },
    {
      name: 'layers-flow-down-interworking',
      comment: 'src/interworking sits below src/app.',
      severity: 'error',
      from: { path: '^src/interworking/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'layers-flow-down-edges',
      comment: 'trunkgroups, drivers and cdr may use core and the protocol stacks, not interworking or app.',
      severity: 'error',
      from: { path: '^src/(?:trunkgroups|drivers|cdr)/' },
      to: { path: '^src/(?:interworking|app)/' },
    },
    {
      name: 'layers-flow-down-config',
      comment: 'src/config validates configuration: it may use core and the protocol stacks (their timer tables), nothing above.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: srcExcept('core', 'config', 'sip', 'isup', 'isdn') },
    },
    {
      name: 'layers-flow-down-app',
      comment: 'src/app is the top (the only place reading env, files and config): nothing imports it.',
      severity: 'error',
      from: { path: srcExcept('app') },
      to: { path: '^src/app/' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make initialisation order fragile and layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(?:^|/)dist/' },
    // Resolve .js specifiers to .ts sources (NodeNext) and `ss7-isup-codec` to its src/ via the paths
    // mapping, so the graph is the source graph whether or not anything has been built.
    tsConfig: { fileName: 'tsconfig.test.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
    },
  },
};
