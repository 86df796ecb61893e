import { Type } from '@sinclair/typebox';

/** The largest id a table here can hold: every id column is a PostgreSQL `integer` (identity). */
export const MAX_ROW_ID = 2_147_483_647;

/**
 * The schema of a row id a route takes (path, query or body): an integer from 1 to 2³¹−1. A larger one names
 * no row, and PostgreSQL refuses it as a parameter of an integer column with an error (a 500) rather than
 * finding nothing, so it is refused with 400 at validation instead.
 */
export const RowId = (options: { description?: string } = {}) =>
  Type.Integer({ minimum: 1, maximum: MAX_ROW_ID, ...options });
