// Host names by id, as the pool last saw them: error messages name the host the way the user knows it, never by
// its internal id (a UUID means nothing on a page or in a job log).
const names = new Map<string, string>();

export function rememberHostName(hostId: string, name: string): void {
  names.set(hostId, name);
}

/** The host's name when a connection to it was made in this process, else the given reference as is. */
export function hostLabel(hostIdOrName: string): string {
  return names.get(hostIdOrName) ?? hostIdOrName;
}
