/** The store cannot be used as it is (corrupt file, newer schema, wrong master key). Stops the console at start. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'corrupt' | 'newer_schema' | 'not_console_db' | 'master_key' | 'io',
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
