import { describe, expect, it } from 'vitest';
import { printableGatewayUrl } from '../../main/contract/profile-rules';
import { gatewayUrlRefusal } from '../../main/core/account/profiles';
import { checkProfile } from '../../renderer/src/account/profile-check';

const URL_WITH_SECRETS = 'https://deploy:S3CRET@gw.example.com/v1?token=tok123#tok456';

describe('the printable Gateway URL, one copy for the core and the page', () => {
  it('leaves out the password, the query values and the fragment', () => {
    const printed = printableGatewayUrl(URL_WITH_SECRETS);
    expect(printed).not.toMatch(/S3CRET|tok123|tok456/);
    expect(printed).toContain('gw.example.com/v1');
  });

  it('is the URL the core refuses and the one the profile form repeats', () => {
    const printed = printableGatewayUrl(URL_WITH_SECRETS);
    expect(gatewayUrlRefusal(URL_WITH_SECRETS)).toMatchObject({ value: printed });
    const { baseUrl } = checkProfile({ name: 'staging', baseUrl: URL_WITH_SECRETS });
    expect(baseUrl).toContain(printed);
    expect(baseUrl).not.toMatch(/S3CRET|tok123|tok456/);
  });
});
