import { publicHandler } from '../../shared/http/api-handler.ts';

export const handler = publicHandler('health', async () => ({ statusCode: 200, body: { status: 'ok' } }));
