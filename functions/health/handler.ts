import { publicHandler } from '../../shared/http/api-handler.ts';
import { health } from './use-case.ts';

export const handler = publicHandler('health', health);
