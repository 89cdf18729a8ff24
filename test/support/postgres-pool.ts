import pg from 'pg';

/** A small pool on a test database, ended by the returned function. */
export function testPool(url: string): { pool: pg.Pool; end: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  return { pool, end: () => pool.end() };
}
