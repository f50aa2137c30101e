import type { z } from 'zod';

/** One request/reply method of the contract. */
export interface MethodSpec<Req extends z.ZodType = z.ZodType, Rep extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly reply: Rep;
}

/** One event that the back office pushes to the renderer. */
export interface EventSpec<Payload extends z.ZodType = z.ZodType> {
  readonly payload: Payload;
}

export const method = <Req extends z.ZodType, Rep extends z.ZodType>(request: Req, reply: Rep): MethodSpec<Req, Rep> => ({
  request,
  reply,
});

export const event = <Payload extends z.ZodType>(payload: Payload): EventSpec<Payload> => ({ payload });
