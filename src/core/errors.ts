// Error kinds that decide the exit code: a UserError is about the data (exit 1), a UsageError
// about the command line (exit 2). Anything else is a bug and prints its stack.

export class UserError extends Error {
  constructor(message: string, readonly details: string[] = []) {
    super(message);
    this.name = 'UserError';
  }
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
