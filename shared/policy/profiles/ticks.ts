// Writes a matrix row the way it is printed ("X" ticked, "." blank), so a profile can be checked against the policy by
// eye.
export const ticks = (printed: string): boolean[] =>
  [...printed].map((c) => {
    if (c === 'X') return true;
    if (c === '.') return false;
    throw new Error(`ticks: "${c}" is neither "X" nor "."`);
  });
