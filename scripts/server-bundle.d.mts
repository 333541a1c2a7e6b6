export function bundleServer(o: { entry: string; outdir: string; out?: string }): Promise<void>;
