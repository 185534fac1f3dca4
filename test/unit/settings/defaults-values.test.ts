// The settings form's text ⇄ stored defaults: sizes in MiB/GiB, hosts one per line, and which input a server
// field error belongs under. Round-trips through the real schema so the form never sends what it cannot show.
import { describe, expect, it } from 'vitest';
import {
  fromSize,
  hostsOf,
  inputOf,
  readDefaults,
  toSize,
} from '@/components/remedies/defaults-values';
import { DEFAULT_REMEDY_DEFAULTS, remedyDefaultsSchema } from '@/lib/remedies/settings';

const GiB = 1024 ** 3;

describe('settings form values', () => {
  it('shows whole GiB as GiB and anything else in MiB; reads both back to bytes', () => {
    expect(toSize(2 * GiB)).toEqual({ amount: '2', unit: 'GiB' });
    expect(toSize(64 * 1024 ** 2)).toEqual({ amount: '64', unit: 'MiB' });
    expect(toSize(1536 * 1024 ** 2)).toEqual({ amount: '1536', unit: 'MiB' });
    expect(fromSize('1.5', 'GiB')).toBe(1536 * 1024 ** 2);
    expect(fromSize(' 512 ', 'MiB')).toBe(512 * 1024 ** 2);
    // Not a number: sent as typed, so the server's rule ("must be a number") lands under the field.
    expect(fromSize('lots', 'GiB')).toBe('lots');
    expect(fromSize('', 'GiB')).toBe('');
  });

  it('takes one host per line, ignoring blank lines and spaces', () => {
    expect(hostsOf(' pypi.org \r\n\nmirrors.aliyun.com\n  \n')).toEqual([
      'pypi.org',
      'mirrors.aliyun.com',
    ]);
  });

  it('reads the form as shown back into the same stored value (empty index URL = null)', () => {
    const d = DEFAULT_REMEDY_DEFAULTS;
    const shm = toSize(d.shmSizeBytes);
    const gpu = toSize(d.sessionOptions.gpuMemLimitBytes);
    const shown: Record<string, string> = {
      ortVersion: d.ortVersion,
      indexUrl: '',
      allowedIndexHosts: d.allowedIndexHosts.join('\n'),
      compatPolicy: d.compatPolicy,
      shmSizeBytes: shm.amount,
      shmSizeUnit: shm.unit,
      batchSize: '1',
      stopTimeoutS: '20',
      startTimeoutS: '120',
      pipTimeoutS: '600',
      'sessionOptions.intraOpNumThreads': '1',
      'sessionOptions.interOpNumThreads': '1',
      'sessionOptions.executionMode': 'ORT_SEQUENTIAL',
      'sessionOptions.deviceId': '0',
      'sessionOptions.arenaExtendStrategy': 'kSameAsRequested',
      'sessionOptions.gpuMemLimitBytes': gpu.amount,
      gpuMemLimitUnit: gpu.unit,
    };
    const body = readDefaults(
      (n) => shown[n] ?? '',
      (n) => n === 'sessionOptions.doCopyInDefaultStream',
    );
    expect(body).toEqual(d);
    expect(remedyDefaultsSchema.parse(body)).toEqual(d);
    const bad = remedyDefaultsSchema.safeParse(
      readDefaults(
        (n) => (n === 'pipTimeoutS' ? 'soon' : (shown[n] ?? '')),
        () => true,
      ),
    );
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['pipTimeoutS', 'must be a number'],
    ]);
  });

  it('maps server field paths to the input they belong under', () => {
    expect(inputOf('pipTimeoutS')).toEqual({ name: 'pipTimeoutS' });
    expect(inputOf('sessionOptions.intraOpNumThreads')).toEqual({
      name: 'sessionOptions.intraOpNumThreads',
    });
    expect(inputOf('allowedIndexHosts.2')).toEqual({ name: 'allowedIndexHosts', line: 3 });
    expect(inputOf('allowedIndexHosts')).toEqual({ name: 'allowedIndexHosts' });
    for (const p of ['sessionOptions', 'sessionOptions.nope', '(body)', 'pipTimeoutS.x', 'nope'])
      expect(inputOf(p)).toBeNull();
  });
});
