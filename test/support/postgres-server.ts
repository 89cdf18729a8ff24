import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

/** A real PostgreSQL server on a free loopback port, with its cluster in a temporary folder. */
export interface PostgresServer {
  /** `postgres://newsdesk:<password>@127.0.0.1:<port>/newsdesk`. */
  url: string;
  port: number;
  /** The password of the `newsdesk` role (tests check it is never logged). */
  password: string;
  /** The folder of its Unix socket (`.s.PGSQL.<port>`): a URL's `host=` for a local connection. */
  socketDir: string;
  /** A URL to another, empty database of this server (created on first use of the name). */
  database(name: string): Promise<string>;
  /** Stops the server (fast shutdown; SIGKILL after 5 s) and removes its folder (unless it was `keep`'s). */
  stop(): Promise<void>;
  /** True when the cluster was already there (a `keep` folder from an earlier run), false when created now. */
  reused: boolean;
}

/**
 * Where the server binaries are: on the PATH, or where Debian's `postgresql` package puts them
 * (`/usr/lib/postgresql/<version>/bin`, not on the PATH), newest version first.
 */
function findBinDir(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath && existsSync(join(onPath, '..', 'postgres'))) return join(onPath, '..');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/**
 * The account the server runs as. PostgreSQL refuses to run as root: as root, the `postgres` user
 * (Debian's package creates it); as anyone else, that user.
 */
function runAs(): { uid: number; gid: number } | undefined | null {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const binDir = findBinDir();
const account = runAs();

/**
 * Why a PostgreSQL server cannot be started here, or undefined when it can (Debian package `postgresql`;
 * as root, its `postgres` user). Tests skip themselves, saying so, when it is set.
 */
export const postgresUnavailable: string | undefined = !binDir
  ? 'PostgreSQL is not installed (initdb and postgres not found)'
  : account === null
    ? 'running as root and there is no postgres user to run PostgreSQL as'
    : undefined;

/** Runs a server binary as {@link account}, resolving with its output (rejects when it fails). */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(binDir as string, command), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(account ?? {}),
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited (${code}):\n${output}`)),
    );
  });
}

/**
 * Creates a cluster in a temporary folder (owned by the account it runs as) and starts `postgres` on a
 * free loopback port, with a `newsdesk` role (password authentication, as a real deployment) and a
 * `newsdesk` database. Durability is off (`fsync`, `synchronous_commit`): the cluster is thrown away.
 */
export async function startPostgresServer(
  options: { settings?: Record<string, string>; keep?: string } = {},
): Promise<PostgresServer> {
  if (postgresUnavailable) throw new Error(postgresUnavailable);
  const port = await freePort();
  // `keep`: a folder that outlives the server (a benchmark's 1M database is loaded once, asked many times).
  const dir = options.keep ?? mkdtempSync(join(tmpdir(), 'newsdesk-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pwfile');
  const reused = options.keep !== undefined && existsSync(join(data, 'PG_VERSION'));
  if (options.keep !== undefined && !reused) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  const password = reused
    ? readFileSync(pwfile, 'utf8').trim()
    : `pw-${Math.random().toString(36).slice(2, 12)}`;
  if (!reused) writeFileSync(pwfile, `${password}\n`);
  if (account) {
    chownSync(dir, account.uid, account.gid);
    chownSync(pwfile, account.uid, account.gid);
  }
  chmodSync(dir, 0o700);
  let child: ChildProcess | undefined;
  const removeDir = () => {
    if (options.keep === undefined) rmSync(dir, { recursive: true, force: true });
  };
  const cleanup = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    removeDir();
  };
  try {
    if (!reused)
      await run('initdb', [
        '-D',
        data,
        '-U',
        'newsdesk',
        `--pwfile=${pwfile}`,
        '--auth-local=scram-sha-256',
        '--auth-host=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ]);
    const server = spawn(
      join(binDir as string, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${dir}`,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        ...Object.entries({ max_connections: '50', shared_buffers: '32MB', ...options.settings }).flatMap(
          ([key, value]) => ['-c', `${key}=${value}`],
        ),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], ...(account ?? {}) },
    );
    child = server;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`postgres did not start:\n${output}`)), 20_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      server.stdout?.on('data', read);
      server.stderr?.on('data', read);
      server.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`postgres exited (${code}):\n${output}`));
      });
    });
  } catch (error) {
    cleanup();
    throw error;
  }
  const base = `postgres://newsdesk:${password}@127.0.0.1:${port}`;
  const created = new Set<string>();
  const createDatabase = async (name: string) => {
    if (created.has(name)) return;
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    } finally {
      await client.end();
    }
    created.add(name);
  };
  if (!reused) await createDatabase('newsdesk');
  created.add('newsdesk');
  const server = child as ChildProcess;
  return {
    url: `${base}/newsdesk`,
    port,
    password,
    socketDir: dir,
    async database(name) {
      await createDatabase(name);
      return `${base}/${name}`;
    },
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // SIGINT: fast shutdown (disconnects clients, no waiting for them to leave).
        server.kill('SIGINT');
        const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      removeDir();
    },
    reused,
  };
}
