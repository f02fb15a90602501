// Where the verifier reads a bag from: a zip, a folder or memory, one file at a time.

/** The files of a bag, read one at a time so that a large bundle need not be held in memory at once. */
export interface BagSource {
  /** Every file, by path relative to the bag's top folder, with its size in bytes. */
  files: ReadonlyMap<string, number>;
  read(path: string): Promise<Uint8Array>;
  /** The name of the bag's top folder, when there is one (a zip's top folder, or the folder's name). */
  rootName?: string;
}

/** A bag held in memory (the app's "Verify a bundle" screen, tests). */
export const memorySource = (files: ReadonlyMap<string, Uint8Array>, rootName?: string): BagSource => ({
  files: new Map([...files].map(([p, b]) => [p, b.length])),
  read: async (p) => {
    const b = files.get(p);
    if (!b) throw new Error(`${p} is not in the bag`);
    return b;
  },
  rootName,
});
