import { batchMeterUsageCases } from './batch-meter-usage.js';
import { meterUsageCases } from './meter-usage.js';
import { registerUsageCases } from './register-usage.js';
import { resolveCustomerCases } from './resolve-customer.js';

export const ALL_CASES = [batchMeterUsageCases, meterUsageCases, registerUsageCases, resolveCustomerCases];
