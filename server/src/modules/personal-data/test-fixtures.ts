import { testConfig } from '../../../test/database.ts';
import { cipherFromConfig, type PersonalDataCipher } from './cipher.ts';

const config = testConfig();

/** The cipher test apps use (testConfig's secret), to seal fixture rows and open what the API stored. */
export function testCipher(): PersonalDataCipher {
  return cipherFromConfig(config);
}
