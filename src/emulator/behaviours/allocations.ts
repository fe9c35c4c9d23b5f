import { AwsError } from '../protocol.js';

interface Tag {
  Key: string;
  Value: string;
}
interface Allocation {
  AllocatedUsageQuantity: number;
  Tags?: Tag[];
}

/**
 * Allocation rules shared by MeterUsage and BatchMeterUsage
 * (docs.aws.amazon.com/marketplace/latest/userguide/usage-allocation-tagging.html): allocations must
 * sum to the usage quantity; at most 5 tags each, with unique keys, and every allocation uses the
 * same set of tag keys.
 */
export function checkAllocations(allocations: unknown, quantity: number): void {
  if (!Array.isArray(allocations)) return;
  const list = allocations as Allocation[];
  const sum = list.reduce((s, a) => s + (a.AllocatedUsageQuantity ?? 0), 0);
  let keySet: string | null = null;
  for (const a of list) {
    const tags = a.Tags ?? [];
    if (tags.length > 5) throw new AwsError('InvalidTagException', 'A usage allocation can have at most 5 tags');
    const keys = tags.map((t) => t.Key);
    if (new Set(keys).size !== keys.length)
      throw new AwsError('InvalidTagException', 'Tag keys must be unique within a usage allocation');
    const sig = [...keys].sort().join('\u0000');
    if (keySet !== null && sig !== keySet)
      throw new AwsError('InvalidTagException', 'All usage allocations must use the same set of tag keys');
    keySet = sig;
  }
  if (sum !== quantity) {
    throw new AwsError(
      'InvalidUsageAllocationsException',
      `The sum of AllocatedUsageQuantity (${sum}) must equal the usage quantity (${quantity})`,
    );
  }
}
