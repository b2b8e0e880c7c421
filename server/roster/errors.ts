/** A roster file that cannot be imported at all; `message` is Chinese and safe to show to the admin. */
export class RosterFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterFileError';
  }
}
