export declare const READINESS_BUNDLE: string;
export declare function buildReadinessBundle(outfile?: string): Promise<string>;
