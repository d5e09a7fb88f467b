import { fileURLToPath } from 'node:url';

/** The pain.001.001.09 schema kept in the repository (see `shared/payouts/xsd/README.md`). */
export const pain001SchemaPath = fileURLToPath(
  new URL('../../shared/payouts/xsd/pain.001.001.09.xsd', import.meta.url),
);
