/**
 * electron-updater's own feed client, run in plain Node: its GenericProvider reads and parses the feed's
 * metadata and resolves the file URLs; the download goes through builder-util-runtime's HttpExecutor
 * `doDownload` with the SHA-512 from the metadata — the same chain `AppUpdater.executeDownload` runs through
 * ElectronHttpExecutor, with node:http in place of Electron's `net` module (which only exists in Electron).
 */
import { request } from 'node:http';
import { CancellationToken, configureRequestOptions, configureRequestUrl, HttpExecutor } from 'builder-util-runtime';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider.js';
import type { UpdateInfo } from 'builder-util-runtime';

class NodeDownloadExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }

  /** ElectronHttpExecutor.download, verbatim in behaviour. */
  download(url: URL, destination: string, options: { sha512: string; cancellationToken: CancellationToken }): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions = { headers: undefined, redirect: 'manual' };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options: options as never,
          onCancel,
          callback: (error: Error | null) => (error === null || error === undefined ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

export function electronUpdaterClient(feedUrl: string, channel: string, platform: 'win32' | 'linux' | 'darwin') {
  const executor = new NodeDownloadExecutor();
  const provider = new GenericProvider({ provider: 'generic', url: feedUrl, channel }, { channel: null, isAddNoCacheQuery: false } as never, {
    isUseMultipleRangeRequest: false,
    platform,
    // The provider only calls `request`, which both executors inherit from builder-util-runtime's HttpExecutor.
    executor: executor as never,
  });
  return {
    latest: (): Promise<UpdateInfo> => provider.getLatestVersion(),
    /** Resolves the first file of the metadata and downloads it with the metadata's SHA-512 check. */
    async download(info: UpdateInfo, destination: string): Promise<string> {
      const [file] = provider.resolveFiles(info);
      if (!file) throw new Error('no file in update info');
      return executor.download(file.url, destination, { sha512: file.info.sha512, cancellationToken: new CancellationToken() });
    },
  };
}
