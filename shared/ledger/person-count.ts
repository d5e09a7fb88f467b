/**
 * Counting distinct persons without keeping who they are. A person is known here only by a short
 * hash of their (already pseudonymous) person id: 16 hexadecimal digits, the first 64 bits of a
 * SHA-256 (`shared/identity/person-hash.ts`). A count is exact up to a cap, as the set of those
 * hashes; beyond it, a HyperLogLog sketch (Flajolet et al., 2007) of 2^11 registers takes over,
 * whose standard error is 1.04 / √2048 ≈ 2.3 %. Sketches merge by taking each register's maximum,
 * so the persons of a period are the union of its days without double counting a person who
 * received money on two days.
 */

/** A set of persons: exact (their hashes) or estimated (a HyperLogLog sketch). */
export type PersonCount =
  | { readonly kind: 'exact'; readonly hashes: readonly string[] }
  | { readonly kind: 'sketch'; readonly registers: Uint8Array };

/** Bits of the hash that choose a register. */
export const sketchPrecisionBits = 11;

/** Registers of a sketch (2^11), one byte each. */
export const sketchRegisterCount = 1 << sketchPrecisionBits;

/** The hash bits that follow the register index: 64 − 11. */
const rankBits = 64 - sketchPrecisionBits;

const personHashPattern = /^[0-9a-f]{16}$/;

/** Nobody yet. */
export const noPersons: PersonCount = Object.freeze({ kind: 'exact', hashes: Object.freeze([]) });

/** Crashes on a hash that is not 16 lowercase hexadecimal digits: a bug in whoever made it. */
function assertPersonHash(hash: string): void {
  if (!personHashPattern.test(hash)) throw new Error(`person count: not a person hash: ${hash}`);
}

/** Adds one hash to a sketch's registers in place. */
function addToRegisters(registers: Uint8Array, hash: string): void {
  const high = Number.parseInt(hash.slice(0, 8), 16);
  const low = Number.parseInt(hash.slice(8), 16);
  const index = high >>> (32 - sketchPrecisionBits);
  // The rank is the position of the first 1 in the 53 bits after the index (53 + 1 when all are 0).
  const rest = high & ((1 << (32 - sketchPrecisionBits)) - 1);
  let rank: number;
  if (rest !== 0) rank = Math.clz32(rest) - sketchPrecisionBits + 1;
  else if (low !== 0) rank = 32 - sketchPrecisionBits + Math.clz32(low) + 1;
  else rank = rankBits + 1;
  if (rank > (registers[index] ?? 0)) registers[index] = rank;
}

/**
 * The set with these persons added. Exact while it holds at most `exactMax` persons; the person that
 * would make it one more turns it into a sketch holding everyone so far.
 */
export function withPersons(count: PersonCount, hashes: readonly string[], exactMax: number): PersonCount {
  for (const hash of hashes) assertPersonHash(hash);
  if (count.kind === 'exact') {
    const union = new Set([...count.hashes, ...hashes]);
    if (union.size <= exactMax) return { kind: 'exact', hashes: [...union].sort() };
    const registers = new Uint8Array(sketchRegisterCount);
    for (const hash of union) addToRegisters(registers, hash);
    return { kind: 'sketch', registers };
  }
  const registers = Uint8Array.from(count.registers);
  for (const hash of hashes) addToRegisters(registers, hash);
  return { kind: 'sketch', registers };
}

/**
 * How many distinct persons the sets hold together: exactly when every set is exact (the size of
 * their union), else the HyperLogLog estimate of their merged sketches, each exact set added to it.
 */
export function countPersons(counts: readonly PersonCount[]): { readonly persons: number; readonly exact: boolean } {
  if (counts.every((count) => count.kind === 'exact')) {
    const union = new Set(counts.flatMap((count) => (count.kind === 'exact' ? count.hashes : [])));
    return { persons: union.size, exact: true };
  }
  const registers = new Uint8Array(sketchRegisterCount);
  for (const count of counts) {
    if (count.kind === 'exact') {
      for (const hash of count.hashes) addToRegisters(registers, hash);
    } else {
      if (count.registers.length !== sketchRegisterCount) {
        throw new Error(`person count: a sketch has ${count.registers.length} registers, not ${sketchRegisterCount}`);
      }
      count.registers.forEach((rank, index) => {
        if (rank > (registers[index] ?? 0)) registers[index] = rank;
      });
    }
  }
  return { persons: estimate(registers), exact: false };
}

/**
 * The HyperLogLog estimate with its small-range correction (linear counting while registers are
 * still empty). No large-range correction: with 64-bit hashes it would matter only near 2^64.
 */
function estimate(registers: Uint8Array): number {
  const m = sketchRegisterCount;
  const alpha = 0.7213 / (1 + 1.079 / m);
  let sum = 0;
  let empty = 0;
  for (const rank of registers) {
    sum += 2 ** -rank;
    if (rank === 0) empty += 1;
  }
  const raw = (alpha * m * m) / sum;
  if (raw <= 2.5 * m && empty > 0) return Math.round(m * Math.log(m / empty));
  return Math.round(raw);
}
