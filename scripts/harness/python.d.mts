export const PYTHON: string;
export function ensurePython(): string;
