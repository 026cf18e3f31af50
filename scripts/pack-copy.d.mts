export function packFromCopy(packDir: string): { tarball: string; files: string[] };
