/** Imported first by a test file: sets the process time zone before anything reads the clock. */
process.env.TZ = 'America/Los_Angeles';
