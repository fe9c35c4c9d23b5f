import { PROBE_TOKEN_PREFIX } from '../policy.js';
import type { ToolCases } from '../types.js';

/** ResolveCustomer: token outcomes, and the live probe with a syntactically valid bogus token. */
export const resolveCustomerCases: ToolCases = {
  tool: 'ResolveCustomer',
  command: 'ResolveCustomerCommand',
  cases: [
    {
      name: 'a registration token resolves to account, product and license',
      kind: 'happy',
      input: () => ({ RegistrationToken: 'reg-token-valid' }),
      check: (r) =>
        r.CustomerAWSAccountId === '777788889999' &&
        r.ProductCode === 'prod-saas456' &&
        r.CustomerIdentifier === undefined
          ? null
          : `unexpected ${JSON.stringify(r)}`,
    },
    {
      name: 'a legacy integration still gets CustomerIdentifier',
      kind: 'happy',
      input: () => ({ RegistrationToken: 'reg-token-legacy' }),
      check: (r) => (r.CustomerIdentifier ? null : 'no CustomerIdentifier for a legacy token'),
    },
    {
      name: 'a bogus token',
      kind: 'probe',
      liveProbe: true,
      expectError: 'InvalidTokenException',
      input: ({ runId }) => ({ RegistrationToken: `${PROBE_TOKEN_PREFIX}${runId}` }),
    },
    {
      name: 'an expired token',
      kind: 'negative',
      expectError: 'ExpiredTokenException',
      input: () => ({ RegistrationToken: 'reg-token-expired' }),
    },
    {
      name: 'throttled',
      kind: 'negative',
      expectError: 'ThrottlingException',
      emulator: { faults: { ResolveCustomer: { throttleRate: 1 } } },
      input: () => ({ RegistrationToken: 'reg-token-valid' }),
    },
    {
      name: 'server fault',
      kind: 'negative',
      expectError: 'InternalServiceErrorException',
      emulator: { faults: { ResolveCustomer: { errorRate: 1 } } },
      input: () => ({ RegistrationToken: 'reg-token-valid' }),
    },
    {
      name: 'disabled API',
      kind: 'negative',
      expectError: 'DisabledApiException',
      emulator: { disabled: ['ResolveCustomer'] },
      input: () => ({ RegistrationToken: 'reg-token-valid' }),
    },
  ],
};
