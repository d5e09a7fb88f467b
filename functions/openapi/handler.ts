import { publicHandler } from '../../shared/http/api-handler.ts';
import { clockFromEnvironment } from '../../shared/runtime/clock.ts';
import { openApiDocument } from './use-case.ts';

const dependencies = clockFromEnvironment();

export const handler = publicHandler('openapi', () => openApiDocument(dependencies));
