export function findChromium(): { path: string | undefined; source: string } | null;
export function chromiumLaunchOptions(): { executablePath: string | undefined; args: string[] };
