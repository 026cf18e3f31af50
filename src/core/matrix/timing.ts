// The test matrix's timing settings, in a module of their own: the store's matrix slice needs the default at
// start-up, and importing it from judge.ts would put the judge (and the close-code catalog) in the first load.

/** How long an opened socket is watched for a rejection (auth after open closes within milliseconds). */
export const MATRIX_OBSERVE_MS = 1500;
/** The longest wait for an upgrade answer per variant. */
export const MATRIX_MAX_CONNECT_TIMEOUT_MS = 5000;
