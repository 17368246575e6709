// Provider naming rules: what each destination accepts.
import { describe, expect, it } from 'vitest';
import { checkName } from './naming-rules.js';

describe('checkName', () => {
  it('applies AWS rules, including the ARN-suffix look-alike', () => {
    expect(checkName('aws', 'prod/db_password+1@x.y=z')).toBeNull();
    expect(checkName('aws', 'prod/db password')).not.toBeNull();
    expect(checkName('aws', 'prod/db-abc123')).toMatch(/six characters/);
    expect(checkName('aws', 'x'.repeat(513))).toMatch(/512/);
  });
  it('applies Vault path rules', () => {
    expect(checkName('vault', 'app/prod/db')).toBeNull();
    for (const bad of ['/app', 'app/', 'app//db', 'app/../db', 'app/d b'])
      expect(checkName('vault', bad)).not.toBeNull();
  });
  it('applies dotenv, Azure and GCP rules', () => {
    expect(checkName('dotenv', 'DB_PASSWORD')).toBeNull();
    expect(checkName('dotenv', '1DB')).not.toBeNull();
    expect(checkName('azure', 'db-password')).toBeNull();
    expect(checkName('azure', 'db_password')).not.toBeNull();
    expect(checkName('gcp', 'db_password-1')).toBeNull();
    expect(checkName('gcp', 'db/password')).not.toBeNull();
    expect(checkName('json', '')).not.toBeNull();
  });
});
