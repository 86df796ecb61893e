/** Personal data on the wire: masked views and revealed values, typed alike by server and console. */

/**
 * Who reported a case, as the staff case view shows it: masked (王*明 · 138****5678) for roles that may know
 * the reporter, withheld for a unit handling the case (only `canReveal`), absent (null) for everyone else.
 */
export interface ReporterView {
  /** true for a unit: who reported is not shown, only that a contact can be revealed */
  withheld: boolean;
  name: string | null;
  phone: string | null;
  /** the e-mail address an Open311 client (FixMyStreet) sent with the report, masked like the rest */
  email: string | null;
  /** reported from a resident's own account */
  account: boolean;
  canReveal: boolean;
}

/** The reporter in clear, as POST /api/cases/:id/reporter/reveal returns it after recording the reveal. */
export interface RevealedReporter {
  name: string | null;
  phone: string | null;
  email: string | null;
}
