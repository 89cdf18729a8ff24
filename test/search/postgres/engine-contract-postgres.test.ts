import { afterAll, describe } from 'vitest';
import { silentLogger } from '../../../src/core/types.ts';
import { PostgresEngine } from '../../../src/search/postgres/postgres-engine.ts';
import { deskData } from '../../support/desk-data.ts';
import {
  type PostgresServer,
  postgresUnavailable,
  startPostgresServer,
} from '../../support/postgres-server.ts';
import { describeEngineContract } from '../engine-contract.ts';

if (postgresUnavailable) console.warn(`${postgresUnavailable}: the PostgreSQL engine contract is skipped`);

let server: Promise<PostgresServer> | undefined;
let databases = 0;
afterAll(async () => {
  await (await server)?.stop();
});

describe.skipIf(postgresUnavailable)('PostgreSQL', () => {
  describeEngineContract(
    'postgres',
    async () => {
      server ??= startPostgresServer();
      const url = await (await server).database(`contract_${++databases}`);
      return PostgresEngine.open({ databaseUrl: url, logger: silentLogger, poolSize: 2, ...deskData });
    },
    { close: (engine) => (engine as PostgresEngine).close() },
  );
});
