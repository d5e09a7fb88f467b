import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger. Handlers log outcomes with ids and codes, never request bodies, so a
 * BSN cannot reach a log line by accident.
 */
export const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'leerrekening' });
