import type * as z from 'zod/mini';
import type { ProblemCode } from '../http/problem.ts';

/** The groups the OpenAPI document sorts operations into; `functions/openapi/document.ts` describes each. */
export type ApiTag =
  | 'Service'
  | 'Organisation'
  | 'Schemes'
  | 'Employment'
  | 'Deposits'
  | 'My account'
  | 'Courses'
  | 'Claims'
  | 'Payouts'
  | 'Reports'
  | 'Administration';

/** What the OpenAPI document says about one route; the handler validates with the same schemas. */
export interface RouteContract {
  readonly tag: ApiTag;
  readonly summary: string;
  readonly description: string;
  readonly body?: z.ZodMiniType;
  /**
   * A complete request body that the demo world of `npm start` accepts, shown as the request example;
   * `test/integration/openapi-examples.test.ts` sends it. Query parameter examples are their fields' own.
   * An example with dates the rules bound relative to today (a claim's start, evidence, a course's start dates)
   * is a function of the day the document is built (`YYYY-MM-DD`, Europe/Amsterdam), so it never ages out.
   */
  readonly bodyExample?: object | ((today: string) => object);
  /** For a bulk upload that also takes CSV (`text/csv`): what the CSV holds, and an example. */
  readonly csvBody?: { readonly description: string; readonly example: string };
  /** The largest body the route takes, when it is not `limits.requestBodyBytesMax`. */
  readonly bodyBytesMax?: number;
  readonly query?: z.ZodMiniType;
  readonly path?: z.ZodMiniType;
  /** Success responses by status code. */
  readonly responses: Readonly<Record<number, z.ZodMiniType>>;
  /** Headers of success responses, by status code: name and description. */
  readonly responseHeaders?: Readonly<Record<number, Readonly<Record<string, string>>>>;
  /** Expected problem codes besides the ones every route can answer. */
  readonly problems?: readonly ProblemCode[];
}
