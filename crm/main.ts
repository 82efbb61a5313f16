import { pino } from 'pino';
import { startCrm } from './server.ts';

const DEFAULT_PORT = 8788;

const logger = pino();
const portText = process.env.CRM_PORT;
const port = portText === undefined || portText === '' ? DEFAULT_PORT : Number(portText);

if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  logger.error({ CRM_PORT: portText }, 'Invalid CRM_PORT: expected an integer from 0 to 65535.');
  process.exit(1);
}

try {
  const crm = await startCrm({ host: '127.0.0.1', port, logger });
  console.log(`Stand-in CRM listening on ${crm.url}`);

  const stop = async (signal: string) => {
    logger.info({ signal }, 'Stopping CRM');
    await crm.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  logger.error({ err: error }, 'Failed to start CRM');
  process.exit(1);
}
