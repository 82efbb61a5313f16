import { migrate } from './migrations.ts';
import { createPool } from './pool.ts';

// Applies the missing migrations to DATABASE_URL: `npm run migrate`.
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Failed to migrate: DATABASE_URL is not set. Set it to a postgres:// URL.');
  process.exit(1);
}

const pool = createPool({ url, max: 1 });
try {
  const applied = await migrate(pool, 'apply');
  console.log(applied.length === 0 ? 'The database schema is up to date.' : `Applied migrations ${applied.join(', ')}.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await pool.end();
}
