import type * as z from 'zod';
import type { ProblemCode } from '../http/problem.ts';

/** What the OpenAPI document says about one route; the handler validates with the same schemas. */
export interface RouteContract {
  readonly summary: string;
  readonly description?: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly path?: z.ZodType;
  /** Success responses by status code. */
  readonly responses: Readonly<Record<number, z.ZodType>>;
  /** Expected problem codes besides the ones every route can answer. */
  readonly problems?: readonly ProblemCode[];
}
