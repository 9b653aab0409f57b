// Context -> settings: the values `cdk synth -c ...` and cdk.json can carry.
import { describe, expect, it } from 'vitest';
import { SettingsError, settingsFromContext } from '../../cdk/settings.js';

const read = (context: Record<string, unknown>) => (key: string) => context[key];

describe('settingsFromContext', () => {
  it('leaves every setting to the stack defaults when no context is given', () => {
    expect(settingsFromContext(read({}), '/repo/dist/dashboard')).toEqual({
      dashboardDir: '/repo/dist/dashboard',
      retentionDays: undefined,
      maxCaptureBytes: undefined,
      analyzeReservedConcurrency: undefined,
    });
  });

  it('reads -c strings and cdk.json numbers alike', () => {
    expect(
      settingsFromContext(
        read({
          retentionDays: '30',
          maxCaptureBytes: 1048576,
          analyzeReservedConcurrency: '4',
          dashboardDir: '/tmp/d',
        }),
        '/x',
      ),
    ).toEqual({ dashboardDir: '/tmp/d', retentionDays: 30, maxCaptureBytes: 1048576, analyzeReservedConcurrency: 4 });
  });

  it('turns analyzeReservedConcurrency=none into "no reservation"', () => {
    expect(
      settingsFromContext(read({ analyzeReservedConcurrency: 'none' }), '/x').analyzeReservedConcurrency,
    ).toBeNull();
  });

  it.each([
    ['retentionDays', '0'],
    ['retentionDays', '-5'],
    ['retentionDays', '7.5'],
    ['retentionDays', 'ninety'],
    ['maxCaptureBytes', ''],
    ['maxCaptureBytes', '1e9'],
    ['analyzeReservedConcurrency', 'off'],
    ['analyzeReservedConcurrency', true],
  ])('refuses %s=%j', (key, value) => {
    expect(() => settingsFromContext(read({ [key]: value }), '/x')).toThrow(SettingsError);
    expect(() => settingsFromContext(read({ [key]: value }), '/x')).toThrow(
      new RegExp(`context ${key} must be a positive integer`),
    );
  });

  it('reads extra browser origins (custom domain) and the Standard-IA transition', () => {
    const s = settingsFromContext(
      read({ extraOrigins: 'https://vpn-doctor.example.com, https://b.example.net/', infrequentAccessAfterDays: '45' }),
      '/x',
    );
    expect(s.extraOrigins).toEqual(['https://vpn-doctor.example.com', 'https://b.example.net']);
    expect(s.infrequentAccessAfterDays).toBe(45);
    expect(() => settingsFromContext(read({ extraOrigins: 'https://a.example.com/path' }), '/x')).toThrow(
      SettingsError,
    );
    expect(() => settingsFromContext(read({ infrequentAccessAfterDays: '7' }), '/x')).toThrow(/at least 30/);
  });

  it('refuses an empty dashboard directory', () => {
    expect(() => settingsFromContext(read({ dashboardDir: '' }), '/x')).toThrow(
      /dashboardDir must be a directory path/,
    );
  });
});
