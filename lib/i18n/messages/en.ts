import { healthEn } from './health.en';
import { jobsEn } from './jobs.en';
import { logcheckEn } from './logcheck.en';
import { settingsEn } from './settings.en';
import { throughputEn } from './throughput.en';

// English catalog. The zh-CN catalog must have exactly this shape (the type enforces it).
export const en = {
  app: { name: 'DH Fleet Console', tagline: 'Digital-human hosts and queue blocking' },
  nav: { fleet: 'Fleet', hosts: 'Hosts', users: 'Users', audit: 'Audit', signOut: 'Sign out', language: 'Language' },
  roles: { viewer: 'Viewer', operator: 'Operator', admin: 'Admin' },
  common: {
    save: 'Save', cancel: 'Cancel', edit: 'Edit', remove: 'Remove', add: 'Add', close: 'Close', copy: 'Copy',
    copied: 'Copied', loading: 'Loading…', working: 'Working…', never: 'never', none: '—', refresh: 'Refresh',
    confirmRemove: 'Remove {name}? This cannot be undone.', updatedAt: 'Updated {time}', retry: 'Retry',
    timeZone: 'Times in {zone}', timeZoneHint: 'Every time on these pages is shown in your time zone; log lines keep their own text.',
  },
  auth: {
    loginTitle: 'Sign in', loginSubmit: 'Sign in', username: 'User name', password: 'Password',
    setupTitle: 'Create the administrator', setupIntro: 'No user exists yet. The account you create now is the first administrator.',
    setupSubmit: 'Create administrator', passwordConfirm: 'Repeat password', passwordMismatch: 'The passwords differ.', signedInAs: 'Signed in as {name}: open the fleet.',
  },
  errors: {
    unauthenticated: 'Please sign in.', forbidden: 'Your role does not allow this.', rate_limited: 'Too many failed sign-ins. Try again in {minutes} min (at {at}).',
    bad_credentials: 'Wrong user name or password.', setup_done: 'Setup is already done: an administrator exists. Sign in instead.',
    bad_origin: 'Request refused: it did not come from this console.', invalid: 'Some fields are not valid.',
    too_large: 'Refused: the request is larger than {limit} bytes.',
    not_found: 'Not found: it may have been removed.', conflict: 'Conflict: {message}', unavailable: 'The console store is unavailable: {message}',
    internal: 'Unexpected error: {message}',
    remote: {
      unreachable: 'The host does not answer ({message}).', hostkey_changed: 'The host key changed: all use of the host is stopped until an administrator checks it ({message}).',
      hostkey_unknown: 'The host key is not confirmed yet: an administrator must accept it.', auth: 'The host refused the console\'s key ({message}).',
      docker_down: 'The host\'s Docker engine does not answer ({message}).', container_gone: 'The container no longer exists ({message}).',
      container_stopped: 'The container is not running ({message}).', timeout: 'The host did not answer in time ({message}).', failed: 'The host reported an error: {message}',
    }, network: 'The console did not answer. Check the connection and retry.',
    busy: 'The console is busy with this host: retry in {seconds} s.',
    forbiddenPage: 'This page is for administrators.',
    pageTitle: 'Something went wrong', pageHint: 'The console could not show this page. The server log has the details (reference {digest}).',
    notFound: 'There is no such page.', backHome: 'Back to the fleet',
  },
  validation: {
    too_small: 'must be at least {minimum}', too_small_string: 'must have at least {minimum} characters',
    too_big: 'must be at most {maximum}', too_big_string: 'must have at most {maximum} characters',
    invalid_type: 'is required', invalid_format: '{detail}', invalid_value: 'is not an allowed value ({detail})',
    required: 'is required', unrecognized_keys: 'has unknown fields',
  },
  fleet: {
    title: 'Fleet', empty: 'No hosts yet.', health: 'Health', healthPending: 'not probed yet', allHealth: 'All findings on the Health page', emptyAdmin: 'Add the first host on the Hosts page.',
    hostsSummary: '{reachable} of {total} hosts reachable', containers: 'Containers', serviceContainers: 'Service containers',
    otherContainers: '{count} other containers', noServiceContainers: 'No digital-human service container found on this host.',
    container: 'Container', image: 'Image', state: 'State', uptime: 'Uptime', error: 'Error',
    seenFingerprint: 'Fingerprint offered by the host', pinnedFingerprint: 'Pinned fingerprint',
    acceptKey: 'Accept host key', repinKey: 'Re-pin to the new key', askAdmin: 'An administrator must accept this host key.',
    confirmAccept: 'Accept {fingerprint} for {name}? Compare it with `ssh-keygen -lf` on the host first.',
    confirmRepin: 'The host key of {name} CHANGED. Re-pin to {fingerprint} only if you know why it changed.',
    stale: 'Could not refresh: {message}', composeProject: 'compose: {project}', address: '{user}@{address}:{port}',
  },
  status: { checking: 'Checking…', reachable: 'Reachable', unreachable: 'Unreachable', unconfirmed: 'Host key unconfirmed', mismatch: 'Host key mismatch' },
  containerState: { running: 'running', exited: 'exited', paused: 'paused', restarting: 'restarting', created: 'created', dead: 'dead', removing: 'removing' },
  duration: { days: '{d}d {h}h', hours: '{h}h {m}m', minutes: '{m}m', seconds: '{s}s' },
  hosts: {
    title: 'Hosts', add: 'Add host', editTitle: 'Edit {name}', addTitle: 'New host', empty: 'No hosts yet.',
    name: 'Name', address: 'Address', port: 'SSH port', user: 'SSH user', privateKey: 'Private key',
    dockerSocket: 'Docker socket', groups: 'Groups', groupsHint: 'Comma-separated, e.g. beijing, gpu-a100',
    keyMode: 'SSH key', keyPaste: 'Paste a private key', keyGenerate: 'Generate a new key pair', keyKeep: 'Keep the stored key',
    keyPlaceholder: 'Content of the key file, e.g. ~/.ssh/id_ed25519 (OpenSSH or PEM, no passphrase)', keyHint: 'Stored encrypted; it is never shown again.',
    hasKey: 'key stored', noKey: 'no key', fingerprint: 'Host key', notPinned: 'not pinned',
    publicKeyTitle: 'Public key of {name}', publicKeyHint: 'Append this line to ~{user}/.ssh/authorized_keys on the host.',
    saved: 'Saved {name}.', removed: 'Removed {name}.', trusted: 'Pinned {fingerprint} for {name}.',
    seenKey: 'Seen key {fingerprint}', columns: { name: 'Name', target: 'SSH target', socket: 'Docker socket', groups: 'Groups', key: 'Key', hostKey: 'Host key', actions: '' },
  },
  users: {
    title: 'Users', add: 'Add user', username: 'User name', password: 'Password', role: 'Role', created: 'Created {name}.',
    roleChanged: 'Role of {name} is now {role}.', you: 'you', columns: { username: 'User name', role: 'Role' },
    locks: {
      title: 'Sign-in locks', name: 'User name', address: 'Client address', until: 'Locked until', anyName: 'every name',
      anyAddress: 'every address', unlock: 'Unlock', lifted: 'Lock of {name} lifted.',
    },
  },
  audit: {
    title: 'Audit log', intro: 'Every sign-in and change, newest first. Nobody can edit it.', empty: 'No entries.',
    time: 'Time', actor: 'Who', via: 'Via', ip: 'From', action: 'Action', target: 'Target', args: 'Arguments', result: 'Result',
    localAdmin: 'local admin (CLI)', anonymous: 'anonymous', more: 'Older entries', filter: 'Filter by action',
    results: { started: 'started', ok: 'ok', error: 'error', denied: 'denied' },
  },
  ...healthEn,
  ...jobsEn,
  ...logcheckEn,
  ...settingsEn,
  ...throughputEn,
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
