/**
 * Feeds the redactor's known values (redact.ts, layer 2) from the data that crosses the contract: every
 * request to and reply from the wrapped handlers is searched for customers (`customer.displayName`,
 * `customer.customerNumber`) and note text (`content.fields.*`, `content.freeText`), which are then removed
 * from every later log line wherever they appear. Wrapping the handlers keeps the store and the sync engine
 * free of logging concerns, and catches the values before an error message could quote them.
 */
import type { Redactor } from './redact.js';

const NOTE_TEXT_FIELDS = ['anlass', 'situation', 'ziele', 'vereinbarungen'] as const;
/** Appointment lists are small (a few weeks); the walk stops at this depth and breadth regardless. */
const MAX_DEPTH = 6;
const MAX_ITEMS = 5000;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

export function rememberCustomerValues(redactor: Redactor, value: unknown, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, MAX_ITEMS)) rememberCustomerValues(redactor, item, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  const customer = value.customer;
  if (isRecord(customer)) {
    if (typeof customer.displayName === 'string') redactor.remember('name', customer.displayName);
    if (typeof customer.customerNumber === 'string') redactor.remember('customerNumber', customer.customerNumber);
  }
  const content = value.content;
  if (isRecord(content)) {
    if (typeof content.freeText === 'string') redactor.remember('note', content.freeText);
    const fields = content.fields;
    if (isRecord(fields)) for (const key of NOTE_TEXT_FIELDS) if (typeof fields[key] === 'string') redactor.remember('note', fields[key]);
  }
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'customer' && key !== 'content' && typeof item === 'object') rememberCustomerValues(redactor, item, depth + 1);
  }
}

/** The same handler table, with requests and replies registered as they pass. */
export function watchCustomerValues<H extends Record<string, (request: never) => unknown>>(redactor: Redactor, handlers: H): H {
  const wrapped: Record<string, (request: never) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] = async (request: never) => {
      rememberCustomerValues(redactor, request);
      const reply = await handler(request);
      rememberCustomerValues(redactor, reply);
      return reply;
    };
  }
  return wrapped as H;
}
