import { describe, expect, it } from 'vitest';
import { extractProjectName } from '../../src/core/project-name';

describe('extractProjectName', () => {
  it('uses the last folder of the path', () => {
    expect(extractProjectName('/home/sami/.dotfiles')).toBe('.dotfiles');
    expect(extractProjectName('/home/sami/pivot/')).toBe('pivot');
  });

  it('gives workspace folder names way to their parent', () => {
    expect(extractProjectName('/home/sami/time-tracker/default')).toBe('time-tracker');
    expect(extractProjectName('/home/sami/pivot/main')).toBe('pivot');
    for (const name of ['dev', 'feature', 'master']) {
      expect(extractProjectName(`/src/app/${name}`)).toBe('app');
    }
  });

  it('keeps a workspace name that has no parent, and names the root "unknown"', () => {
    expect(extractProjectName('/main')).toBe('main');
    expect(extractProjectName('/')).toBe('unknown');
    expect(extractProjectName('')).toBe('unknown');
  });

  it('understands Windows paths', () => {
    expect(extractProjectName('C:\\Users\\sam\\api\\main')).toBe('api');
  });
});
