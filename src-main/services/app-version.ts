/** The version the build stamped into the bundle (see scripts/build.mjs); "0.0.0-dev" when run from source. */
declare const __APP_VERSION__: string | undefined;

export const appVersion = (): string => (typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev');
