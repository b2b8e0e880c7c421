/** Filled by the function framework: one entry per cloud function, derived from its action schemas. */
export interface FunctionActions {}
